export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): doubling from the initial delay, capped,
 * with up to 20 % random jitter below the cap so that many consumers do not retry in lock-step.
 */
export function backoffDelayMs(
  policy: BackoffPolicy,
  attempt: number,
  random = Math.random,
): number {
  const exponential = policy.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 - 0.2 * random()));
}
