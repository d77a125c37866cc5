/**
 * Figures computed in the last `ttlMs`, by what was asked: management information is read by many
 * people at once and changes only as events arrive, so a figure may be up to `ttlMs` behind the
 * read model. Concurrent requests for the same figure share one computation. A failed computation
 * is not kept. `ttlMs` 0 computes every request.
 */
export class FigureCache {
  private readonly entries = new Map<string, { computedAt: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const held = this.entries.get(key);
    if (held && this.now() - held.computedAt < this.ttlMs) return held.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { computedAt: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    // The oldest entries go first: a Map iterates in insertion order.
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }
}
