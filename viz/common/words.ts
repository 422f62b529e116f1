// Counts in words people read: "1 tie", "2 ties", "1,204 residents".

export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
