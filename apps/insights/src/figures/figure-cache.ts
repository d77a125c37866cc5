interface Entry {
  computedAt: number;
  value: Promise<unknown>;
  /** Set once the value has resolved: what is served while a newer one is computed. */
  settled?: { value: unknown };
  refreshing?: boolean;
}

/**
 * Figures computed in the last `ttlMs`, by what was asked: management information is read by many
 * people at once and changes only as events arrive. Concurrent requests for the same figure share
 * one computation. After `ttlMs` the figure is computed again in the background while the last one
 * is still served, so that no reader waits for a recomputation: a figure may be `ttlMs` plus one
 * computation behind the read model. A failed computation is not kept. `ttlMs` 0 computes every
 * request.
 */
export class FigureCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const held = this.entries.get(key);
    if (held && this.now() - held.computedAt < this.ttlMs) return held.value as Promise<T>;
    if (held?.settled) {
      if (!held.refreshing) {
        held.refreshing = true;
        this.compute(key, compute).catch(() => {
          held.refreshing = false;
        });
      }
      return Promise.resolve(held.settled.value as T);
    }
    return this.compute(key, compute);
  }

  private compute<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const value = compute();
    const entry: Entry = { computedAt: this.now(), value };
    value.then(
      (resolved) => {
        entry.settled = { value: resolved };
        // A refresh replaces the served figure only once it is there.
        this.entries.delete(key);
        this.entries.set(key, entry);
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    if (!this.entries.get(key)?.settled) {
      this.entries.set(key, entry);
      this.evict();
    }
    return value;
  }

  /** The oldest entries go first: a Map iterates in insertion order. */
  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}
