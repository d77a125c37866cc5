import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { HubEventBatchContext, OnHubEvents, type EventFailure } from '@hub/messaging';
import type { NominalChanged } from '@hub/contracts';
import { SubjectRecords } from './subject-records';

/** Keeps what transfers need of each record, many records per round trip. */
@Controller()
export class ChangedRecordsController {
  constructor(private readonly subjects: SubjectRecords) {}

  @OnHubEvents('registry.nominal.changed.v1')
  async changedRecords(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    await this.subjects.keep(context.events.map((event) => event.value as NominalChanged));
    return [];
  }
}
