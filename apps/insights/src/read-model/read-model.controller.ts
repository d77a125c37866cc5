import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { HubEventBatchContext, OnHubEvents, type EventFailure } from '@hub/messaging';
import type {
  NominalChanged,
  NominalRemoved,
  TransferStepOverdue,
  TransferStepRecorded,
} from '@hub/contracts';
import { InsightsStore } from './insights-store';

/** Keeps the read model from the topics, many events per round trip. */
@Controller()
export class ReadModelController {
  constructor(private readonly store: InsightsStore) {}

  @OnHubEvents('registry.nominal.changed.v1')
  async changedRecords(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    await this.store.apply(context.events.map((event) => event.value as NominalChanged));
    return [];
  }

  /** A removed person is forgotten: every figure computed after leaves them out. */
  @OnHubEvents('registry.nominal.removed.v1')
  async removed(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    const removals = context.events.map((event) => event.value as NominalRemoved);
    await this.store.forget(
      removals.flatMap((removal) => [removal.nominalId, ...removal.alsoRemoved]),
      new Date(),
    );
    return [];
  }

  @OnHubEvents('transfer.step.recorded.v1')
  async transferSteps(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    await this.store.keepTransferSteps(
      context.events.map((event) => event.value as TransferStepRecorded),
    );
    return [];
  }

  @OnHubEvents('transfer.step.overdue.v1')
  async escalations(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    await this.store.keepEscalations(
      context.events.map((event) => event.value as TransferStepOverdue),
    );
    return [];
  }
}
