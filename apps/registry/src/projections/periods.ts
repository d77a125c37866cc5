import { addDays } from './calendar';

/** A run of days with one value: `from` and `to` both included; `to` null while it lasts. */
export interface Period<T, From extends string | null = string> {
  /** Null (where `From` allows it) for a value that stands from the record's beginning. */
  from: From;
  to: string | null;
  value: T;
}

type Building<T, From extends string | null> = Period<T, From> & {
  endedBy: 'change' | 'end' | null;
};

/**
 * Periods of one value after another, built from facts in the order they took effect. A fact
 * repeating the value in force (a review keeping the category and level) does not split the
 * period; a new value ends the one before on the day before; a correction on the same day replaces
 * the value it corrects rather than leaving a period of no days.
 */
export class PeriodBuilder<T, From extends string | null = string> {
  private readonly periods: Building<T, From>[] = [];

  constructor(private readonly same: (a: T, b: T) => boolean) {}

  /** `value` from `day` on; null for the value the record began with (only as the first). */
  change(day: From, value: T): void {
    const last = this.periods.at(-1);
    if (last && last.to === null && this.same(last.value, value)) return;
    if (day === null) {
      if (!last) this.periods.push({ from: day, to: null, value, endedBy: null });
      return;
    }
    const dayBefore = addDays(day, -1);
    if (last && (last.to === null || last.to > dayBefore)) {
      last.to = dayBefore;
      last.endedBy = 'change';
      if (last.from !== null && dayBefore < last.from) {
        this.periods.pop();
        // What it replaced comes back, rather than splitting its period at the correction.
        const replaced = this.periods.at(-1);
        if (
          replaced?.endedBy === 'change' &&
          replaced.to === dayBefore &&
          this.same(replaced.value, value)
        ) {
          replaced.to = null;
          replaced.endedBy = null;
          return;
        }
      }
    }
    this.periods.push({ from: day, to: null, value, endedBy: null });
  }

  /** The period in force ends with `lastDay` (included); nothing follows it until a change. */
  end(lastDay: string): void {
    const last = this.periods.at(-1);
    if (!last || last.to !== null) return;
    last.to = last.from !== null && lastDay < last.from ? last.from : lastDay;
    last.endedBy = 'end';
  }

  /** Whether a period is in force (not ended). */
  get running(): boolean {
    return this.periods.at(-1)?.to === null;
  }

  build(): Period<T, From>[] {
    return this.periods.map(({ from, to, value }) => ({ from, to, value }));
  }
}
