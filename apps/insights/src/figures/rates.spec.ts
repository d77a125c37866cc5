import { ratePer100k } from './rates';

describe('ratePer100k', () => {
  it('gives the count per 100,000 population to one decimal place', () => {
    expect(ratePer100k(1234, 2_958_000)).toBe(41.7);
    expect(ratePer100k(0, 500_000)).toBe(0);
    expect(ratePer100k(5, 100_000)).toBe(5);
  });

  it('rounds an exact half up, whatever its binary fraction', () => {
    // 36 / 64,000 * 100,000 is 56.25; computed naively it is 56.2499…
    expect(ratePer100k(36, 64_000)).toBe(56.3);
  });

  it('refuses a population of zero or less and a negative count', () => {
    expect(() => ratePer100k(3, 0)).toThrow(RangeError);
    expect(() => ratePer100k(3, -1)).toThrow(RangeError);
    expect(() => ratePer100k(-1, 1000)).toThrow(RangeError);
    expect(() => ratePer100k(Number.NaN, 1000)).toThrow(RangeError);
  });
});
