/**
 * Which servers the current test run started, so that its teardown stops those and no others. Jest
 * runs global setup and teardown in one process and shares their globals; keeping the list there (not
 * in a file of the stack folder) keeps two test runs that share a stack from reading each other's.
 */
const key = Symbol.for('mappa-hub.servers-started-by-tests');

type WithStarted = typeof globalThis & { [key]?: string[] };

export function rememberStartedByTests(names: string[]): void {
  (globalThis as WithStarted)[key] = names;
}

/** The names remembered by this run's setup (once: a second call returns none). */
export function takeStartedByTests(): string[] {
  const names = (globalThis as WithStarted)[key] ?? [];
  delete (globalThis as WithStarted)[key];
  return names;
}
