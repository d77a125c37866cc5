import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { HubEventContext, OnHubEvent } from '@hub/messaging';
import type { RecordEventTopic } from '../projections/projection';
import { projections } from '../projections/projections';
import { RecordIngest } from './record-ingest.service';

const [firstTopic, ...otherTopics] = Object.keys(projections) as RecordEventTopic[];

/** Every event that builds the canonical record, from every agency, goes through one ingest path. */
@Controller()
export class RecordEventsController {
  constructor(private readonly ingest: RecordIngest) {}

  @OnHubEvent(firstTopic, ...otherTopics)
  async recordEvent(@Ctx() context: HubEventContext): Promise<void> {
    await this.ingest.ingest(context.event);
  }
}
