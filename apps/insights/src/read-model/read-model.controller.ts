import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { HubEventBatchContext, OnHubEvents, type EventFailure } from '@hub/messaging';
import { InsightsStore } from './insights-store';
import { applyTopicEvents, type ReadModelTopic } from './topic-events';

/** Keeps the read model from the topics, many events per round trip. */
@Controller()
export class ReadModelController {
  constructor(private readonly store: InsightsStore) {}

  private async apply(
    topic: ReadModelTopic,
    context: HubEventBatchContext,
  ): Promise<EventFailure[]> {
    await applyTopicEvents(
      this.store,
      topic,
      context.events.map((event) => event.value),
      new Date(),
    );
    return [];
  }

  @OnHubEvents('registry.nominal.changed.v1')
  changedRecords(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    return this.apply('registry.nominal.changed.v1', context);
  }

  @OnHubEvents('registry.nominal.removed.v1')
  removed(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    return this.apply('registry.nominal.removed.v1', context);
  }

  @OnHubEvents('transfer.step.recorded.v1')
  transferSteps(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    return this.apply('transfer.step.recorded.v1', context);
  }

  @OnHubEvents('transfer.step.overdue.v1')
  escalations(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    return this.apply('transfer.step.overdue.v1', context);
  }
}
