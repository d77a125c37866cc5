import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import {
  childTraceContext,
  correlationIdOf,
  formatTraceparent,
  traceparentHeader,
} from '@hub/observability';
import { Access, CallAccess, type AccessContext } from '@hub/security';
import { EventIntakeService, type AcceptedEvent } from './event-intake.service';

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

@Controller('v1/events')
export class EventsController {
  constructor(private readonly intake: EventIntakeService) {}

  /**
   * Publishes one event of the agency's own; 202 once Kafka has it, 400 naming every field that
   * does not fit the schema (nothing is published then), 404 for an event type it does not publish,
   * 503 when Kafka did not acknowledge it (not accepted: send it again with the same event id).
   */
  @Post(':eventType')
  @Access('events.publish')
  @HttpCode(HttpStatus.ACCEPTED)
  async publish(
    @Param('eventType') eventType: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ): Promise<AcceptedEvent> {
    const trace = childTraceContext(headerOf(request, traceparentHeader));
    const accepted = await this.intake.accept(
      eventType,
      body,
      access.caller,
      correlationIdOf(request),
      formatTraceparent(trace),
    );
    access.nominalIds = [accepted.nominalId];
    return accepted;
  }
}
