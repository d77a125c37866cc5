import { FigureCache } from './figure-cache';

describe('the figure cache', () => {
  let now = 0;
  const cache = () => new FigureCache(60_000, 2, () => now);

  beforeEach(() => (now = 1_000_000));

  it('computes a figure once within its time, then serves it while computing it again', async () => {
    const figures = cache();
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    expect(await figures.get('a', compute)).toBe(1);
    now += 59_999;
    expect(await figures.get('a', compute)).toBe(1);
    now += 1;
    // Expired: the last figure is served at once, and the new one computed meanwhile.
    expect(await figures.get('a', compute)).toBe(1);
    await Promise.resolve();
    expect(await figures.get('a', compute)).toBe(2);
  });

  it('shares one computation between requests made while it runs', async () => {
    const figures = cache();
    let computed = 0;
    const compute = () => new Promise<number>((done) => setTimeout(() => done(++computed), 5));
    const answers = await Promise.all([figures.get('a', compute), figures.get('a', compute)]);
    expect(answers).toEqual([1, 1]);
  });

  it('does not keep a failure', async () => {
    const figures = cache();
    await expect(
      figures.get('a', () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down');
    expect(await figures.get('a', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('forgets the oldest figures beyond its size, and computes every time when its time is 0', async () => {
    const figures = cache();
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    await figures.get('a', compute);
    await figures.get('b', compute);
    await figures.get('c', compute);
    expect(await figures.get('a', compute)).toBe(4);
    const uncached = new FigureCache(0);
    expect(await uncached.get('x', compute)).toBe(5);
    expect(await uncached.get('x', compute)).toBe(6);
  });
});
