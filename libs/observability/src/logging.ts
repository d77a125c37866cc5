import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

export const correlationHeader = 'x-correlation-id';

/** The correlation id of a request: the caller's, when it sent one, else a new one. */
export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers[correlationHeader];
  const value = Array.isArray(given) ? given[0] : given;
  return value && value.length <= 200 ? value : randomUUID();
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
