import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { HttpSettings } from '@hub/config';
import { HubExceptionFilter } from './exception-filter';
import { HTTP_SETTINGS, ManagementListener } from './management-listener';
import { rateLimitOptions } from './rate-limit';

/**
 * What a service with an HTTP API imports for the protections that live in Nest: the rate limit
 * (a guard, before authentication), the error answers (a filter) and the management listener. The
 * Express-level ones (headers, CORS, body limit, request id) are applied by `createHubApp`.
 */
@Module({})
export class HubHttpModule {
  static forRoot(settings: HttpSettings): DynamicModule {
    return {
      module: HubHttpModule,
      imports: [ThrottlerModule.forRoot(rateLimitOptions(settings))],
      providers: [
        { provide: HTTP_SETTINGS, useValue: settings },
        ManagementListener,
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        HubExceptionFilter,
        { provide: APP_FILTER, useExisting: HubExceptionFilter },
      ],
      exports: [HTTP_SETTINGS, ManagementListener, HubExceptionFilter],
    };
  }
}
