import { chunksOf, forEachConcurrently, groupByKey } from './concurrency';

const message = (key: string | null, n: number) => ({ key, n });

describe('batch helpers', () => {
  it('group messages by key, keeping each key’s order', () => {
    const groups = groupByKey(
      [message('a', 1), message('b', 2), message('a', 3), message(null, 4), message('b', 5)],
      (m) => m.key,
    );
    expect(groups.map((group) => group.map((m) => m.n))).toEqual([[1, 3], [2, 5], [4]]);
  });

  it('never run more than the limit at once, and run everything', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(item);
      running--;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('cut a batch into chunks', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
