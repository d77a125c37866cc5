interface Submission<T> {
  items: readonly T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: work submitted while a flush runs is gathered and flushed together next, so that
 * many partitions' messages share one round of database writes. One flush runs at a time; each
 * submission settles with the flush that carried it.
 */
export class GroupCommit<T> {
  private readonly waiting: Submission<T>[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    /** A flush takes whole submissions until it holds at least this many items. */
    private readonly maxItems: number,
  ) {}

  submit(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.drainWaiting();
    });
  }

  /**
   * Starts a drain unless one runs. A drain that found nothing more to take may not have let go yet
   * when another submission arrives: once it lets go it looks again, so that no submission is left
   * waiting for one that will never start.
   */
  private drainWaiting(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.waiting.length > 0) this.drainWaiting();
    });
  }

  /** Settles once nothing is waiting or being flushed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const taken: Submission<T>[] = [];
      let size = 0;
      while (this.waiting.length > 0 && size < this.maxItems) {
        const next = this.waiting.shift()!;
        taken.push(next);
        size += next.items.length;
      }
      try {
        await this.flush(taken.flatMap((submission) => submission.items));
        for (const submission of taken) submission.resolve();
      } catch (error) {
        for (const submission of taken) submission.reject(error);
      }
    }
  }
}
