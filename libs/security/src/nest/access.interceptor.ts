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
  type CanActivate,
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
import { accessOf, attachAccess, type AccessContext } from './access-context';
import {
  accessActionKey,
  publicRouteKey,
  streamAdmissionKey,
  type StreamAdmission,
} from './access.decorators';

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

type CallEvent = Omit<AccessEvent, 'outcome' | 'httpStatus'>;

/**
 * Every API call, in one place: the bearer token verified (401 otherwise), the caller's role
 * checked against the action's rule (403 with the reason otherwise), and one audit entry written
 * for the call whatever its outcome, before the answer leaves. A call that cannot be audited is
 * not answered with data.
 *
 * Server-sent-events routes are admitted in the guard stage instead (it is also registered as a
 * guard): Nest writes a stream's `200` headers one macrotask after the interceptors start, so a
 * token check here (a JWKS fetch, a signature) would come too late to answer 401 or 403.
 */
@Injectable()
export class AccessInterceptor implements NestInterceptor, CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Inject(ACCESS_AUDIT) private readonly audit: AccessAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || !this.isStream(context)) return true;
    const access = await this.admit(context);
    const admission = this.reflector.get<StreamAdmission | undefined>(
      streamAdmissionKey,
      context.getHandler(),
    );
    if (access === null || !admission) return true;
    const request = context.switchToHttp().getRequest<Request>();
    try {
      admission(request, access);
    } catch (error) {
      const status = statusOf(error);
      await this.write({
        ...this.eventOf(request, access.action, access.caller, access),
        outcome: status === 403 ? 'refused' : 'failed',
        reason: messageOf(error),
        httpStatus: status,
      });
      throw error;
    }
    return true;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const admitted = this.isStream(context) ? accessOf(request) : await this.admit(context);
    if (admitted === null) return next.handle();
    if (admitted === undefined) {
      throw new InternalServerErrorException('this stream was not admitted by the access guard');
    }
    const access = admitted;
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const event = (): CallEvent => this.eventOf(request, access.action, access.caller, access);
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
              ...event(),
              outcome: status === 403 ? 'refused' : 'failed',
              reason: messageOf(error),
              httpStatus: status,
            });
          }
          throw error;
        })(),
      );
    if (this.isStream(context)) {
      // A stream is one call however many messages it sends: audited once, before its first
      // message (the route sends one at once), then passed through. An error before that is
      // audited like any other call's (the route's own 400 or 403 come before Nest writes the
      // headers); one after it only ends a stream the caller was allowed. Nest has sent the `200`
      // headers by the time the entry is stored: a stream that cannot be audited ends with an
      // error event and no data.
      let opened = false;
      return next.handle().pipe(
        concatMap(async (value: unknown) => {
          if (!opened) {
            await this.write({ ...event(), outcome: 'allowed', httpStatus: HttpStatus.OK });
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
        await this.write({ ...event(), outcome: 'allowed', httpStatus: status });
        return value;
      }),
      catchError(refusedOrFailed),
    );
  }

  private isStream(context: ExecutionContext): boolean {
    return this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler()) === true;
  }

  private eventOf(
    request: Request,
    action: Action,
    caller: Caller | null,
    access?: AccessContext,
  ): CallEvent {
    return {
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
    };
  }

  /**
   * The caller, verified and allowed the route's action (null for a public route); a refusal is
   * audited and thrown (401, 403, 503).
   */
  private async admit(context: ExecutionContext): Promise<AccessContext | null> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(publicRouteKey, targets)) return null;
    const action = this.reflector.getAllAndOverride<Action | undefined>(accessActionKey, targets);
    if (!action) throw new InternalServerErrorException('this route declares no access rule');

    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const event = (caller: Caller | null): CallEvent => this.eventOf(request, action, caller);

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
    return access;
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
