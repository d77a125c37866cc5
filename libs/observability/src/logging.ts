import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

export const correlationHeader = 'x-correlation-id';

/**
 * What a caller may give as a correlation id: visible ASCII, no spaces, at most 200 characters. It is
 * echoed in a response header and written to logs and events, so nothing else is taken as given.
 */
const usableCorrelationId = /^[\x21-\x7e]{1,200}$/;

/**
 * The correlation id of a request: the caller's, when it sent a usable one; else the id the request
 * was given on arrival (see `assignRequestId`); else a new one.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers[correlationHeader];
  const value = Array.isArray(given) ? given[0] : given;
  if (value !== undefined && usableCorrelationId.test(value)) return value;
  const assigned = (request as IncomingMessage & { id?: unknown }).id;
  return typeof assigned === 'string' ? assigned : randomUUID();
}

/** Structured JSON logs for a service: one line per request, with its correlation id. */
export function hubLoggerModule(service: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service },
      genReqId: (request) => correlationIdOf(request),
      customProps: (request) => ({ correlationId: request.id }),
      // Bodies can carry OFFICIAL-SENSITIVE content: never log them, nor credentials.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (request) => request.url === '/health' },
    },
  });
}
