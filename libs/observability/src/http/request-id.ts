import type { IncomingMessage, ServerResponse } from 'node:http';
import { correlationIdOf } from '../logging';

/** The response header naming the request, as the service's logs name it. */
export const requestIdHeader = 'X-Request-Id';

type WithId = IncomingMessage & { id?: unknown };

/** The id a request was given on arrival (what pino-http logs as `req.id`), if it has one yet. */
export function requestIdOf(request: IncomingMessage): string | undefined {
  const id = (request as WithId).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Names the request before anything else runs (body parsing included, so that even a refused body
 * is answered with its id): the caller's correlation id when it sent a usable one, else a new one.
 * pino-http keeps an id already set, so the logs and the `X-Request-Id` header agree.
 */
export function assignRequestId(
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void {
  const id = correlationIdOf(request);
  (request as WithId).id = id;
  response.setHeader(requestIdHeader, id);
  next();
}
