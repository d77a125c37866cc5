import type { Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import {
  AccessTokenVerifier,
  type VerifierSettings,
} from '../authentication/access-token-verifier';
import { organisationDirectory } from '../directory/organisation-directory';
import { ACCESS_TOKEN_VERIFIER } from './access-audit';
import { AccessInterceptor } from './access.interceptor';

/**
 * Authentication, role checks and auditing of every HTTP route of a service. The service provides
 * `ACCESS_AUDIT` (where its access events are kept) itself.
 */
export function securityProviders(settings: VerifierSettings): Provider[] {
  return [
    {
      provide: ACCESS_TOKEN_VERIFIER,
      useFactory: () => new AccessTokenVerifier(settings, organisationDirectory()),
    },
    AccessInterceptor,
    { provide: APP_INTERCEPTOR, useExisting: AccessInterceptor },
    // Admits server-sent-events streams before Nest starts writing them (see AccessInterceptor).
    { provide: APP_GUARD, useExisting: AccessInterceptor },
  ];
}
