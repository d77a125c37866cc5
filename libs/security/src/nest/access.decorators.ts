import {
  createParamDecorator,
  InternalServerErrorException,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Action } from '../access/need-to-know';
import { accessOf, type AccessContext } from './access-context';

export const accessActionKey = 'mappa-hub:access-action';
export const publicRouteKey = 'mappa-hub:public-route';
export const streamAdmissionKey = 'mappa-hub:stream-admission';

/**
 * What a server-sent-events route checks of its request before it streams (its parameters, say),
 * throwing an HttpException to refuse: run with the access check, before Nest writes the stream's
 * `200` headers, and audited as the call's refusal.
 */
export type StreamAdmission = (request: IncomingMessage, access: AccessContext) => void;

export const AdmitStream = (admission: StreamAdmission) =>
  SetMetadata(streamAdmissionKey, admission);

/** The action a route performs; the access interceptor authenticates, checks the role and audits it. */
export const Access = (action: Action) => SetMetadata(accessActionKey, action);

/** A route open without a token (API documentation); it must not serve anybody's data. */
export const PublicRoute = () => SetMetadata(publicRouteKey, true);

/** The call's access context: its caller, and where the handler notes whom the call concerned. */
export const CallAccess = createParamDecorator(
  (_: unknown, context: ExecutionContext): AccessContext => {
    const access = accessOf(context.switchToHttp().getRequest<IncomingMessage>());
    // A route without @Access() has no context: a programming error, never the caller's.
    if (!access) throw new InternalServerErrorException('this route declares no access rule');
    return access;
  },
);
