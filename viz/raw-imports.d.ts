// Vite's `?raw` imports (a file's text, bundled): the Help view's guide.
declare module '*?raw' {
  const text: string;
  export default text;
}
