const startedAt = Date.now();

function elapsed(): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
}

/** Progress lines go to stderr so that stdout stays usable (e.g. `stack:status --json`). */
export function report(component: string, message: string): void {
  process.stderr.write(`[stack ${elapsed()}] ${component}: ${message}\n`);
}
