import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { PublicRoute } from '@hub/security';
import { SkipThrottle } from '@nestjs/throttler';
import { ManagementListenerOnly } from './http/management-listener';

let defaultMetricsStarted = false;

/** `GET /metrics` in the Prometheus text format: process metrics plus whatever the libraries record. */
@PublicRoute()
@SkipThrottle()
@UseGuards(ManagementListenerOnly)
@Controller('metrics')
export class MetricsController {
  constructor() {
    if (!defaultMetricsStarted) {
      collectDefaultMetrics();
      defaultMetricsStarted = true;
    }
  }

  @Get()
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
