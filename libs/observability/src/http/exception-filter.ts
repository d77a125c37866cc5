import {
  Catch,
  HttpException,
  HttpStatus,
  Injectable,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { throwError, type Observable } from 'rxjs';
import { requestIdOf } from './request-id';

/** What every error answer carries: the status, what went wrong in words, and the request's id. */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  requestId: string | undefined;
  [detail: string]: unknown;
}

/**
 * An error of the HTTP stack (body-parser: body too large, unsupported encoding, aborted) that is
 * safe to show: the `http-errors` convention of a 4xx `status` and `expose`.
 */
function exposedClientError(error: unknown): { status: number; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) {
    return undefined;
  }
  return { status, message: error.message };
}

/** The answer to `error`; anything not meant for the caller becomes a bare 500. */
export function errorAnswer(error: unknown, requestId: string | undefined): ErrorBody {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'string') return { statusCode: status, message: body, requestId };
    const message = (body as { message?: unknown }).message;
    return {
      ...(body as Record<string, unknown>),
      statusCode: status,
      message:
        typeof message === 'string' || Array.isArray(message)
          ? (message as string | string[])
          : error.message,
      requestId,
    };
  }
  const exposed = exposedClientError(error);
  if (exposed) return { statusCode: exposed.status, message: exposed.message, requestId };
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error', requestId };
}

/**
 * Every error answer of a service: HTTP exceptions keep their status and message; anything else is
 * a 500 "internal error" without a stack, class or module name, logged in full here with the request
 * id the caller is given, so that a report of one can be found.
 */
@Catch()
@Injectable()
export class HubExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext('HubExceptionFilter');
  }

  catch(error: unknown, host: ArgumentsHost): Observable<never> | void {
    // A global filter also sees the Kafka handlers' errors: the consumer needs them untouched.
    if (host.getType() !== 'http') return throwError(() => error);
    const request = host.switchToHttp().getRequest<IncomingMessage>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const requestId = requestIdOf(request);
    const answer = errorAnswer(error, requestId);
    if (answer.statusCode >= 500) {
      this.logger.error(
        { err: error, requestId, method: request.method, url: request.url },
        `answered ${answer.statusCode}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (response.headersSent) {
      // Part of an answer is out: all that can be done is to end it.
      response.destroy();
      return;
    }
    response.statusCode = answer.statusCode;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(answer));
  }
}
