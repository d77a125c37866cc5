import { dayAfter, ongoing } from '../read-model/fact-rows';

/** A period of one group (e.g. category and level), first and last day included. */
export interface CountedPeriod {
  key: string;
  from: string;
  to: string;
}

/** For one group: the days its count changes, and the count from each of them on. */
interface Steps {
  days: string[];
  counts: number[];
}

/**
 * How many periods of each group cover any day, from one pass over the periods: each period adds one
 * on its first day and takes one away the day after its last, and a day's count is the running sum
 * up to it. Answers a day in a binary search per group instead of a scan of every period.
 */
export class DailyCounts {
  private readonly steps = new Map<string, Steps>();

  constructor(periods: Iterable<CountedPeriod>) {
    const deltas = new Map<string, Map<string, number>>();
    const add = (key: string, day: string, delta: number): void => {
      let byDay = deltas.get(key);
      if (!byDay) deltas.set(key, (byDay = new Map<string, number>()));
      byDay.set(day, (byDay.get(day) ?? 0) + delta);
    };
    for (const period of periods) {
      add(period.key, period.from, 1);
      // A period that has not ended is never taken away (and has no day after).
      if (period.to !== ongoing) add(period.key, dayAfter(period.to), -1);
    }
    for (const [key, byDay] of deltas) {
      const days = [...byDay.keys()].sort();
      let running = 0;
      const counts = days.map((day) => (running += byDay.get(day)!));
      this.steps.set(key, { days, counts });
    }
  }

  /** The count of each group on `day` (groups with none are left out). */
  on(day: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [key, { days, counts: running }] of this.steps) {
      // The last change on or before `day`.
      let low = 0;
      let high = days.length - 1;
      let found = -1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        if (days[middle] <= day) {
          found = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      if (found >= 0 && running[found] > 0) counts.set(key, running[found]);
    }
    return counts;
  }
}
