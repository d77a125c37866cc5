import { setTimeout as sleep } from 'node:timers/promises';
import { GroupCommit } from './group-commit';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('flushes what arrives during a flush together, in submission order', async () => {
    const flushed: number[][] = [];
    let release!: () => void;
    const firstFlushDone = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit<number>(async (items) => {
      flushed.push(items);
      if (flushed.length === 1) await firstFlushDone;
    }, 100);

    const first = commit.submit([1]);
    await tick();
    const second = commit.submit([2, 3]);
    const third = commit.submit([4]);
    release();
    await Promise.all([first, second, third]);

    expect(flushed).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every submission of a failed flush, and only those', async () => {
    let failNext = true;
    const commit = new GroupCommit<string>(async (items) => {
      await tick();
      if (failNext) {
        failNext = false;
        throw new Error(`could not write ${items.join(',')}`);
      }
    }, 100);

    const failing = commit.submit(['a']);
    await expect(failing).rejects.toThrow('could not write a');
    await expect(commit.submit(['b'])).resolves.toBeUndefined();
  });

  it('caps a flush at the size given, taking whole submissions', async () => {
    const flushed: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit<number>(async (items) => {
      flushed.push(items);
      if (flushed.length === 1) await gate;
    }, 3);

    const submissions = [commit.submit([0])];
    await tick();
    submissions.push(commit.submit([1, 2]), commit.submit([3, 4]), commit.submit([5]));
    release();
    await Promise.all(submissions);

    expect(flushed).toEqual([[0], [1, 2, 3, 4], [5]]);
  });

  it('flushes a submission made just as the previous flush finished, instead of leaving it for ever', async () => {
    const flushed: number[][] = [];
    const commit = new GroupCommit<number>((items) => {
      flushed.push(items);
      return Promise.resolve();
    }, 100);
    await commit.submit([1]);
    // Submitted once the first flush has settled its submission but before the drain let go:
    // a consumer's other partitions then wait for this one, and the consumer stops.
    const late = commit.submit([2]).then(() => 'flushed');
    await expect(Promise.race([late, sleep(500).then(() => 'stuck')])).resolves.toBe('flushed');
    expect(flushed).toEqual([[1], [2]]);
  });
});
