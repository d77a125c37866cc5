const dayMs = 24 * 60 * 60 * 1000;

function isWeekend(time: Date): boolean {
  const day = time.getUTCDay();
  return day === 0 || day === 6;
}

/**
 * `days` working days after `from` (Monday to Friday, UTC), at the same time of day. A start at a
 * weekend counts from the next Monday's start, so that a request made on Saturday is not due sooner
 * than one made on Monday morning.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let time = new Date(from.getTime());
  if (isWeekend(time)) {
    while (isWeekend(time)) time = new Date(time.getTime() + dayMs);
    time.setUTCHours(0, 0, 0, 0);
  }
  let left = days;
  while (left > 0) {
    time = new Date(time.getTime() + dayMs);
    if (!isWeekend(time)) left -= 1;
  }
  return time;
}

/** The start (00:00 UTC) of a calendar day given as YYYY-MM-DD. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
