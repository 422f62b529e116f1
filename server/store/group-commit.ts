// Group commit: writes under one key (a project, the audit log) that arrive while a write for that
// key is in flight wait for it, and the next write takes all that waited, so they share one
// transaction and one commit instead of queueing one by one for a lock and a disk flush each.

/** What one item of a group came to: its own answer, or its own error (a refusal). */
export type Outcome<Answer> = { ok: true; value: Answer } | { ok: false; error: unknown };

export interface GroupLimits<Item> {
  /** Items per group at most. */
  maxItems: number;
  /** Total weight per group at most (an item heavier than this still goes, alone); none if unset. */
  maxWeight?: number;
  weight?(item: Item): number;
}

interface Waiting<Item, Answer> {
  item: Item;
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

/**
 * `writeGroup` runs the items of one group in order and answers each; if it throws, the whole
 * group failed (nothing written) and every item gets that error.
 */
export class GroupCommit<Item, Answer> {
  /** Keys with a write in flight, and what waits for it. */
  private readonly queues = new Map<string, Waiting<Item, Answer>[]>();

  constructor(
    private readonly writeGroup: (key: string, items: Item[]) => Promise<Outcome<Answer>[]>,
    private readonly limits: GroupLimits<Item>,
  ) {}

  submit(key: string, item: Item): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const entry = { item, resolve, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(entry);
        return;
      }
      // nothing in flight: this item starts a write at once, alone
      this.queues.set(key, [entry]);
      void this.drain(key, this.queues.get(key)!);
    });
  }

  private async drain(key: string, queue: Waiting<Item, Answer>[]): Promise<void> {
    while (queue.length > 0) {
      const group = this.take(queue);
      try {
        const outcomes = await this.writeGroup(
          key,
          group.map((entry) => entry.item),
        );
        group.forEach((entry, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) entry.resolve(outcome.value);
          else entry.reject(outcome.error);
        });
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.queues.delete(key);
  }

  /** The oldest waiting items, in order of arrival, up to the limits. */
  private take(queue: Waiting<Item, Answer>[]): Waiting<Item, Answer>[] {
    const { maxItems, maxWeight = Infinity, weight: weightOf = () => 1 } = this.limits;
    let count = 0;
    let weight = 0;
    while (count < queue.length && count < maxItems) {
      const next = weightOf(queue[count].item);
      if (count > 0 && weight + next > maxWeight) break;
      weight += next;
      count++;
    }
    return queue.splice(0, count);
  }
}
