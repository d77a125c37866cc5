import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { HubEventBatchContext, OnHubEvents, type EventFailure } from '@hub/messaging';
import type { NominalChanged, NominalRemoved } from '@hub/contracts';
import { TransferStore } from '../transfers/transfer-store';
import { SubjectRecords } from './subject-records';

/** Keeps what transfers need of each record, many records per round trip; forgets the removed. */
@Controller()
export class ChangedRecordsController {
  constructor(
    private readonly subjects: SubjectRecords,
    private readonly transfers: TransferStore,
  ) {}

  @OnHubEvents('registry.nominal.changed.v1')
  async changedRecords(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    await this.subjects.keep(context.events.map((event) => event.value as NominalChanged));
    return [];
  }

  /**
   * A person removed from the hub: what the coordinator kept of their record, and their transfers,
   * are deleted (the removal's mark stays, so that a late changed record cannot bring them back).
   */
  @OnHubEvents('registry.nominal.removed.v1')
  async removed(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    const removals = context.events.map((event) => event.value as NominalRemoved);
    const ids = removals.flatMap((removal) => [removal.nominalId, ...removal.alsoRemoved]);
    await this.subjects.forget(ids, new Date());
    await this.transfers.deleteFor(ids);
    return [];
  }
}
