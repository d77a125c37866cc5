import { Controller, Get, Inject, UseGuards, type FactoryProvider } from '@nestjs/common';
import { PublicRoute } from '@hub/security';
import { SkipThrottle } from '@nestjs/throttler';
import { ManagementListenerOnly } from './http/management-listener';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';

/** One dependency whose reachability the service reports; `check` rejects when it is unreachable. */
export interface HealthProbe {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

const probeTimeoutMs = 3_000;

function withTimeout(promise: Promise<void>, name: string): Promise<void> {
  return Promise.race([
    promise,
    new Promise<void>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${name} did not answer within ${probeTimeoutMs} ms`)),
        probeTimeoutMs,
      ).unref(),
    ),
  ]);
}

@PublicRoute()
@SkipThrottle()
@UseGuards(ManagementListenerOnly)
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_PROBES) private readonly probes: HealthProbe[],
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** 200 when every dependency answers, 503 naming the ones that do not. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check(
      this.probes.map((probe) => async (): Promise<HealthIndicatorResult> => {
        const session = this.indicators.check(probe.name);
        try {
          await withTimeout(probe.check(), probe.name);
          return session.up();
        } catch (error) {
          return session.down({ message: (error as Error).message });
        }
      }),
    );
  }
}

/**
 * What a service adds to its module for `GET /health`: TerminusModule among its imports,
 * HealthController among its controllers, and this provider building its probes.
 */
export function healthProbesProvider(
  probes: Omit<FactoryProvider<HealthProbe[]>, 'provide'>,
): FactoryProvider<HealthProbe[]> {
  return { ...probes, provide: HEALTH_PROBES };
}
