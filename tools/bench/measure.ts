import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchError } from './options';

export const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

/** What one scenario measured. */
export interface ScenarioResult {
  scenario: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

/** Publish-to-applied latencies, in milliseconds. */
export class Latencies {
  private readonly values: number[] = [];

  add(ms: number): void {
    if (Number.isFinite(ms)) this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** The nearest-rank percentile (0 < p <= 100); NaN when nothing was recorded. */
  percentiles(...ps: number[]): number[] {
    const sorted = Float64Array.from(this.values).sort();
    return ps.map((p) =>
      sorted.length === 0
        ? Number.NaN
        : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)],
    );
  }
}

/** Samples a resident set size periodically and keeps the peak, in bytes. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sample: () => number | undefined,
    intervalMs: number,
  ) {
    this.take();
    this.timer = setInterval(() => this.take(), intervalMs);
    this.timer.unref();
  }

  private take(): void {
    const bytes = this.sample();
    if (bytes !== undefined && bytes > this.peak) this.peak = bytes;
  }

  /** Stops sampling; the peak seen, or `floor` if that is higher (e.g. the kernel's high-water mark). */
  stop(floor = 0): number {
    this.take();
    clearInterval(this.timer);
    return Math.max(this.peak, floor);
  }
}

/** The bench process's own RSS, every 200 ms. */
export const ownRss = (): RssSampler => new RssSampler(() => process.memoryUsage.rss(), 200);

/** A `/proc/<pid>/status` field in bytes (VmRSS, VmHWM), undefined if it cannot be read. */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface WaitOptions {
  scenario: string;
  total: number;
  stallMs: number;
  pollMs: number;
  /** How many are applied so far. */
  applied: () => number | Promise<number>;
  /** A reason to give up now (a consumer crashed, the process exited), if any. */
  failure?: () => Error | undefined;
}

/**
 * Waits until `total` are applied, logging progress every 5 s on stderr; throws a BenchError
 * reporting what was applied when nothing progresses for `stallMs`.
 */
export async function waitForApplied(options: WaitOptions): Promise<void> {
  const { scenario, total, stallMs, pollMs } = options;
  const start = Date.now();
  let last = -1;
  let lastProgressAt = start;
  let lastLogAt = start;
  let lastLogCount = 0;
  for (;;) {
    const failure = options.failure?.();
    if (failure) {
      throw new BenchError(
        `${scenario}: ${failure.message} (${Math.max(last, 0)}/${total} applied)`,
      );
    }
    const applied = await options.applied();
    const now = Date.now();
    if (applied !== last) {
      last = applied;
      lastProgressAt = now;
    }
    if (applied >= total) return;
    if (now - lastLogAt >= 5000) {
      const rate = ((applied - lastLogCount) * 1000) / (now - lastLogAt);
      log(`${scenario}: ${applied}/${total} applied, ${rate.toFixed(1)} events/s`);
      lastLogAt = now;
      lastLogCount = applied;
    }
    if (now - lastProgressAt >= stallMs) {
      throw new BenchError(
        `${scenario} stalled: no progress for ${Math.round(stallMs / 1000)} s, ${applied}/${total} applied`,
      );
    }
    await sleep(pollMs);
  }
}

export function resultOf(
  scenario: string,
  events: number,
  elapsedMs: number,
  latencies: Latencies,
  peakRssBytes: number,
): ScenarioResult {
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const [p50Ms = Number.NaN, p99Ms = Number.NaN] = latencies.percentiles(50, 99);
  return {
    scenario,
    events,
    seconds,
    eventsPerSecond: events / seconds,
    p50Ms,
    p99Ms,
    peakRssMb: peakRssBytes / (1024 * 1024),
  };
}
