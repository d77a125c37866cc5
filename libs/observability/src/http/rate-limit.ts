import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ExecutionContext } from '@nestjs/common';
import type { HttpSettings } from '@hub/config';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';

/**
 * Whom a request is counted against. The throttler runs before the access interceptor verifies the
 * token, so the client is the bearer token itself (hashed: a token is a credential, never a key kept
 * in memory), else the address it came from. An unverified token only buys its sender a bucket of its
 * own, which costs it the token's issuance; garbage tokens are refused by the interceptor anyway.
 */
export function rateLimitClientOf(
  request: Pick<IncomingMessage, 'headers'> & { ip?: string; socket?: { remoteAddress?: string } },
): string {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+\S/i.test(authorization)) {
    return `token:${createHash('sha256').update(authorization).digest('base64url')}`;
  }
  return `address:${request.ip ?? request.socket?.remoteAddress ?? 'unknown'}`;
}

/** The throttler's settings: one budget per client across every route of the service. */
export function rateLimitOptions(settings: HttpSettings): ThrottlerModuleOptions {
  const { limit, windowMs } = settings.rateLimit;
  return {
    throttlers: [{ limit, ttl: windowMs }],
    // A global guard also guards the registry's Kafka handlers: only HTTP requests are counted.
    skipIf: (context: ExecutionContext) => context.getType() !== 'http',
    getTracker: (request) => rateLimitClientOf(request as IncomingMessage),
    // One budget per client, not per route: the default key includes the handler.
    generateKey: (_context: ExecutionContext, tracker: string, name: string) =>
      `${name}:${tracker}`,
    errorMessage: `too many requests: at most ${limit} per ${windowMs / 1000} s per client; retry after the number of seconds in Retry-After`,
  };
}
