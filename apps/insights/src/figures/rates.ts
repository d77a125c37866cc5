/**
 * A count per 100,000 population, to one decimal place as the annual reports give rates. Computed
 * as tenths first so that an exact half such as 36 in 64,000 (56.25) rounds up to 56.3, not down by a binary fraction.
 */
export function ratePer100k(count: number, population: number): number {
  if (!Number.isFinite(count) || count < 0) {
    throw new RangeError(`a count is a number of people, not ${count}`);
  }
  if (!Number.isFinite(population) || population <= 0) {
    throw new RangeError(`a rate needs a population above zero, not ${population}`);
  }
  return Math.round((count * 1_000_000) / population) / 10;
}
