import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  InternalServerErrorException,
  ServiceUnavailableException,
  UnauthorizedException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { from, mergeMap, catchError, concatMap, throwError, type Observable } from 'rxjs';
import type { Caller } from '../access/caller';
import { decide, type Action } from '../access/need-to-know';
import {
  AccessTokenVerifier,
  AuthenticationError,
  IdentityProviderUnavailableError,
  UnknownOrganisationError,
} from '../authentication/access-token-verifier';
import {
  ACCESS_AUDIT,
  ACCESS_TOKEN_VERIFIER,
  type AccessAudit,
  type AccessEvent,
} from './access-audit';
import { attachAccess, type AccessContext } from './access-context';
import { accessActionKey, publicRouteKey } from './access.decorators';

type Request = IncomingMessage & { id?: unknown; originalUrl?: string };

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function statusOf(error: unknown): number {
  return error instanceof HttpException ? error.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
}

function messageOf(error: unknown): string {
  if (!(error instanceof HttpException)) return 'internal error';
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

/**
 * Every API call, in one place: the bearer token verified (401 otherwise), the caller's role
 * checked against the action's rule (403 with the reason otherwise), and one audit entry written
 * for the call whatever its outcome, before the answer leaves. A call that cannot be audited is
 * not answered with data.
 */
@Injectable()
export class AccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Inject(ACCESS_AUDIT) private readonly audit: AccessAudit,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(publicRouteKey, targets)) return next.handle();
    const action = this.reflector.getAllAndOverride<Action | undefined>(accessActionKey, targets);
    if (!action) throw new InternalServerErrorException('this route declares no access rule');

    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const event = (
      caller: Caller | null,
      access?: AccessContext,
    ): Omit<AccessEvent, 'outcome' | 'httpStatus'> => ({
      caller,
      action,
      nominalIds: access ? [...new Set(access.nominalIds)] : [],
      ...(access?.query && { query: access.query }),
      ...(access?.breakGlassReason && { breakGlassReason: access.breakGlassReason }),
      ...(access?.note && { note: access.note }),
      method: request.method ?? '',
      path: (request.originalUrl ?? request.url ?? '').split('?')[0] ?? '',
      // The request's id is the caller's correlation id once checked (see libs/observability), or new.
      correlationId: headerText(request.id),
      requestId: headerText(request.id),
      at: new Date(),
    });

    let caller: Caller;
    try {
      caller = await this.verifier.callerOf(request.headers.authorization);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        response.setHeader(
          'WWW-Authenticate',
          `Bearer realm="mappa-hub", error="invalid_token", error_description="${error.reason.replace(/"/g, "'")}"`,
        );
        await this.write({
          ...event(null),
          outcome: 'refused',
          reason: error.reason,
          httpStatus: 401,
        });
        throw new UnauthorizedException(error.reason);
      }
      if (error instanceof IdentityProviderUnavailableError) {
        const reason =
          'the identity provider cannot be reached to check your token; try again shortly';
        await this.write({ ...event(null), outcome: 'failed', reason, httpStatus: 503 });
        throw new ServiceUnavailableException(reason, { cause: error });
      }
      if (error instanceof UnknownOrganisationError) {
        await this.write({
          ...event(null),
          outcome: 'refused',
          reason: error.reason,
          httpStatus: 403,
        });
        throw new ForbiddenException(error.reason);
      }
      throw error;
    }

    const gate = decide(caller, action);
    if (!gate.allowed) {
      await this.write({
        ...event(caller),
        outcome: 'refused',
        reason: gate.reason,
        httpStatus: 403,
      });
      throw new ForbiddenException(gate.reason);
    }
    const access: AccessContext = { caller, action, nominalIds: [] };
    attachAccess(request, access);
    const declaredStatus = this.reflector.get<number | undefined>(
      HTTP_CODE_METADATA,
      context.getHandler(),
    );
    const refusedOrFailed = (error: unknown): Observable<never> =>
      from(
        (async () => {
          if (!(error instanceof ServiceUnavailableException && error.message === unaudited)) {
            const status = statusOf(error);
            await this.write({
              ...event(caller, access),
              outcome: status === 403 ? 'refused' : 'failed',
              reason: messageOf(error),
              httpStatus: status,
            });
          }
          throw error;
        })(),
      );
    if (this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler())) {
      // A server-sent-events stream is one call however many messages it sends: audited once, with
      // its first message (Nest writes the headers with it, so nothing is served before the entry
      // is stored), then passed through. An error before it is audited like any other call's; one
      // after it only ends the stream the caller was already allowed.
      let opened = false;
      return next.handle().pipe(
        concatMap(async (value: unknown) => {
          if (!opened) {
            await this.write({
              ...event(caller, access),
              outcome: 'allowed',
              httpStatus: HttpStatus.OK,
            });
            opened = true;
          }
          return value;
        }),
        catchError((error: unknown) => (opened ? throwError(() => error) : refusedOrFailed(error))),
      );
    }
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        const status =
          response.statusCode !== 200
            ? response.statusCode
            : (declaredStatus ?? (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK));
        await this.write({ ...event(caller, access), outcome: 'allowed', httpStatus: status });
        return value;
      }),
      catchError(refusedOrFailed),
    );
  }

  private async write(entry: AccessEvent): Promise<void> {
    try {
      await this.audit.record(entry);
    } catch (error) {
      throw new ServiceUnavailableException(unaudited, { cause: error });
    }
  }
}

const unaudited = 'the access could not be audited, so nothing was served; try again shortly';
