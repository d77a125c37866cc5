import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { HubEventBatchContext, OnHubEvents, type EventFailure } from '@hub/messaging';
import type { RecordEventTopic } from '../projections/projection';
import { projections } from '../projections/projections';
import { RecordIngest } from './record-ingest.service';

const [firstTopic, ...otherTopics] = Object.keys(projections) as RecordEventTopic[];

/**
 * Every event that builds the canonical record, from every agency, goes through one ingest path,
 * many at a time (several partitions' events are applied with one round of writes).
 */
@Controller()
export class RecordEventsController {
  constructor(private readonly ingest: RecordIngest) {}

  @OnHubEvents(firstTopic, ...otherTopics)
  recordEvents(@Ctx() context: HubEventBatchContext): Promise<EventFailure[]> {
    return this.ingest.ingest(context.events);
  }
}
