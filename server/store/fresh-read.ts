// One read shared by every caller who asks for the same key while it is queued: a caller never
// joins a read that started before it arrived (that read may miss a write acknowledged just before
// the caller came), so it waits for the next one, which starts when the read in flight ends and
// answers everyone who queued meanwhile. Under load, one project's version is read back to back,
// once per round, instead of once per request.
export class FreshRead<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly queued = new Map<string, Promise<T>>();

  constructor(private readonly read: (key: string) => Promise<T>) {}

  get(key: string): Promise<T> {
    const queued = this.queued.get(key);
    if (queued) return queued;
    const running = this.running.get(key);
    if (!running) return this.start(key);
    const next = running
      .then(
        () => {},
        () => {},
      )
      .then(() => {
        this.queued.delete(key);
        return this.start(key);
      });
    this.queued.set(key, next);
    return next;
  }

  private start(key: string): Promise<T> {
    const read = this.read(key);
    this.running.set(key, read);
    const done = () => {
      if (this.running.get(key) === read) this.running.delete(key);
    };
    read.then(done, done);
    return read;
  }
}
