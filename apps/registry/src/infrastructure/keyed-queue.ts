/**
 * Runs tasks one at a time per key, in the order they were queued; different keys run freely. A
 * task's failure is its caller's alone: the next task of the key still runs.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Settles once every queued task has. */
  async idle(): Promise<void> {
    await Promise.all(this.tails.values());
  }
}
