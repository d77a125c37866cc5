/** What one endpoint's run measured. */
export interface EndpointResult {
  endpoint: string;
  sent: number;
  /** Answered with 2xx. */
  ok: number;
  /** Answered with another status (3xx counts: a bench request never expects a redirect). */
  non2xx: number;
  /** No answer: the connection failed or the request timed out. */
  errors: number;
  /** Completed requests per second over the run. */
  achievedRate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

export interface OpenLoopRun {
  endpoint: string;
  baseUrl: string;
  rate: number;
  durationMs: number;
  /** The path (with query) of the i-th request. */
  path: (i: number) => string;
  /** Headers of every request (an access token). */
  headers?: Record<string, string>;
  progress: (line: string) => void;
}

const requestTimeoutMs = 30_000;
const progressEveryMs = 5_000;

/**
 * Sends requests at fixed times (open loop), whatever the answers take: a slow server makes latency
 * grow instead of the request rate falling, as it would with real users. Latency runs from the time
 * a request was due, so a client falling behind shows too.
 */
export async function runOpenLoop(run: OpenLoopRun): Promise<EndpointResult> {
  const intervalMs = 1000 / run.rate;
  const total = Math.max(1, Math.round((run.durationMs / 1000) * run.rate));
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let lastDone = 0;
  const start = performance.now();
  let nextProgress = start + progressEveryMs;

  const send = async (i: number, dueAt: number): Promise<void> => {
    try {
      const response = await fetch(`${run.baseUrl}${run.path(i)}`, {
        redirect: 'manual',
        headers: run.headers,
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      await response.arrayBuffer();
      if (response.status >= 200 && response.status < 300) ok++;
      else non2xx++;
      latencies.push(performance.now() - dueAt);
    } catch {
      errors++;
    }
    lastDone = performance.now();
  };

  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const dueAt = start + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(i, dueAt));
    if (performance.now() >= nextProgress) {
      nextProgress += progressEveryMs;
      const sorted = [...latencies].sort((a, b) => a - b);
      run.progress(
        `${run.endpoint}: ${((performance.now() - start) / 1000).toFixed(0)} s, ${i + 1} sent, ` +
          `${latencies.length + errors} answered, p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(sorted, 99).toFixed(1)} ms`,
      );
    }
  }
  await Promise.all(inFlight);
  const sorted = latencies.sort((a, b) => a - b);
  const elapsedS = Math.max(lastDone - start, run.durationMs) / 1000;
  return {
    endpoint: run.endpoint,
    sent: total,
    ok,
    non2xx,
    errors,
    achievedRate: (ok + non2xx) / elapsedS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}
