import { IdentityTokens, type Principal } from '@hub/testing';

/** One token source per test worker: tokens are reused until shortly before they expire. */
const tokens = new IdentityTokens();

/** The reason the end-to-end tests give when they open records as the hub's operator. */
export const testReason = 'end-to-end test of the registry on synthetic records';

/** The operator the functional end-to-end tests act as: national data governance, by break glass. */
export const testOperator: Principal = { user: 'hub.data-governance' };

/** Headers of a call made as `principal`, with a break-glass `reason` if given. */
export async function headersOf(
  principal: Principal,
  reason?: string,
): Promise<Record<string, string>> {
  return {
    authorization: `Bearer ${await tokens.tokenFor(principal)}`,
    ...(reason !== undefined && { 'x-access-reason': reason }),
  };
}
