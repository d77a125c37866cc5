import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries `probe` until it returns a value (not undefined) or the time is up. For waiting on
 * asynchronous effects (a consumer applying an event) without fixed sleeps.
 */
export async function eventually<T>(
  description: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
}
