import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { IntelligenceShared } from '@hub/contracts';
import { HubEventContext, OnHubEvent, PermanentEventError } from '@hub/messaging';
import { intelligenceSharedChange } from '../nominals/intelligence-projection';
import { NominalStore } from '../nominals/nominal-store';

/** Folds the police's shared intelligence into the canonical record. */
@Controller()
export class IntelligenceIngestController {
  constructor(private readonly store: NominalStore) {}

  @OnHubEvent('police.intelligence.shared.v1')
  async intelligenceShared(
    @Payload() value: IntelligenceShared,
    @Ctx() context: HubEventContext,
  ): Promise<void> {
    const { event } = context;
    if (event.key !== value.nominalId) {
      throw new PermanentEventError(
        `the message key ${event.key ?? '(none)'} is not the event's nominal id ${value.nominalId}`,
      );
    }
    await this.store.apply(
      value.nominalId,
      value.metadata,
      {
        eventType: 'IntelligenceShared',
        topic: event.topic,
        partition: event.partition,
        offset: event.offset,
        schemaId: event.schemaId,
        traceparent: event.headers.traceparent ?? null,
      },
      intelligenceSharedChange(value),
    );
  }
}
