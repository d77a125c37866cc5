import type { DuplicateResolved } from '@hub/contracts';
import { failureActionFor, PermanentEventError, type ConsumedEvent } from '@hub/messaging';
import type { ChangedRecordPublisher } from '../changes/changed-record-publisher';
import type { DuplicateCandidates } from '../duplicates/duplicate-candidates';
import { KeyedQueue } from '../infrastructure/keyed-queue';
import {
  contentOf,
  type AppliedEvent,
  type NominalStore,
  type RecordedEvent,
} from '../nominals/nominal-store';
import type { NominalContent } from '../nominals/nominal.documents';
import {
  InapplicableEventError,
  NominalMergedError,
  NominalNotRegisteredError,
  type Projection,
  type RecordEventTopic,
  type RecordFact,
} from '../projections/projection';
import { projections } from '../projections/projections';
import {
  counterpartSummary,
  duplicateCounterpart,
} from '../projections/record-lifecycle.projections';
import { deadLetterParkedEvent } from '../parking/parked-event-dead-letters';
import { consumedEventOf, type ParkedEvents } from '../parking/parked-events';
import type { EventPublisher } from '@hub/messaging';

/** Events that can change what duplicate detection files a record under (birth date, identifiers). */
const changesMatchKeys = new Set<string>([
  'mappa.nominal.registered.v1',
  'mappa.personal-details.changed.v1',
  'mappa.agency-identifier.linked.v1',
  'prison.custody-event.recorded.v1',
]);

/** How many merges an event follows to find the record that holds a person now. */
const maxMergeHops = 5;

export interface RecordIngestOptions {
  store: NominalStore;
  parked: ParkedEvents;
  duplicates: DuplicateCandidates;
  changes: ChangedRecordPublisher;
  /** For dead-lettering parked events that can never apply. */
  publisher: EventPublisher;
  groupId: string;
  /** Test-only crash point: the process dies after writing a change of this nominal, before publishing it. */
  crashBeforePublishing?: string;
}

function isProjectedTopic(topic: string): topic is RecordEventTopic {
  return Object.prototype.hasOwnProperty.call(projections, topic);
}

/**
 * Folds one consumed event into the canonical record: applies it (idempotently), parks it if its
 * nominal is not registered yet, follows merges, runs what a registration or a duplicate decision
 * sets off, and publishes the changed record.
 */
export class RecordIngest {
  private readonly writes = new KeyedQueue();

  constructor(private readonly options: RecordIngestOptions) {}

  ingest(event: ConsumedEvent): Promise<void> {
    return this.ingestFact(event, false);
  }

  private async ingestFact(event: ConsumedEvent, released: boolean): Promise<void> {
    if (!isProjectedTopic(event.topic)) {
      throw new PermanentEventError(`the registry does not apply events of ${event.topic}`);
    }
    const fact = event.value as RecordFact;
    if (event.key !== fact.nominalId) {
      throw new PermanentEventError(
        `the message key ${event.key ?? '(none)'} is not the event's nominal id ${fact.nominalId}`,
      );
    }
    const projection = projections[event.topic] as unknown as Projection<RecordFact>;
    const { parked, store } = this.options;
    try {
      // While earlier events of the nominal wait, a later one waits behind them: applied first, it
      // would be overwritten by an older fact when they are released.
      const registration = event.topic === 'mappa.nominal.registered.v1';
      if (!released && !registration && (await parked.hasWaiting(fact.nominalId))) {
        throw new NominalNotRegisteredError(fact.nominalId);
      }
      await this.applyFollowingMerges(event, projection, fact);
    } catch (error) {
      if (!(error instanceof NominalNotRegisteredError)) throw error;
      await parked.park(fact.metadata.eventId, error.nominalId, event);
      // The registration may have been applied (and its parked events released) meanwhile.
      if (!released && (await store.exists(error.nominalId))) {
        await this.releaseParked(error.nominalId);
      }
    }
  }

  private async applyFollowingMerges(
    event: ConsumedEvent,
    projection: Projection<RecordFact>,
    fact: RecordFact,
  ): Promise<void> {
    let target = fact;
    for (let hop = 0; ; hop++) {
      try {
        return await this.apply(event, projection, target);
      } catch (error) {
        if (!(error instanceof NominalMergedError)) throw error;
        // A record manager's decision was taken on the record as it was: never move it elsewhere.
        if (event.topic.startsWith('registry.')) {
          throw new InapplicableEventError(
            `${error.message}; the decision was taken on the record before the merge, take it again on ${error.mergedInto}`,
          );
        }
        if (hop >= maxMergeHops) {
          throw new InapplicableEventError(
            `${error.message}, which leads through more than ${maxMergeHops} merges: the merges need review`,
          );
        }
        target = { ...target, nominalId: error.mergedInto };
      }
    }
  }

  private async apply(
    event: ConsumedEvent,
    projection: Projection<RecordFact>,
    fact: RecordFact,
  ): Promise<void> {
    const { store, duplicates } = this.options;
    const decision = event.topic === 'registry.nominal.duplicate-resolved.v1';
    if (decision) {
      const otherId = (fact as DuplicateResolved).otherNominalId;
      const other = await store.findNominal(otherId);
      if (!other) throw new InapplicableEventError(`the other record ${otherId} does not exist`);
      if (
        other.status === 'MERGED' &&
        !other.appliedEvents.some((e) => e.eventId === fact.metadata.eventId)
      ) {
        throw new InapplicableEventError(
          `the other record ${otherId} was merged into ${other.mergedInto ?? 'another record'} meanwhile`,
        );
      }
    }
    const applied = await this.writeAndPublish(
      event,
      this.recorded(event, projection, fact),
      (current) => projection.project(current, fact),
    );
    if (decision) await this.applyCounterpart(event, fact as DuplicateResolved);
    if (changesMatchKeys.has(event.topic)) {
      // Filed first, then matched: two registrations of one person processed together still meet.
      await duplicates.index(applied.record);
      await duplicates.flagFor(applied.record);
    }
    if (event.topic === 'mappa.nominal.registered.v1') await this.releaseParked(fact.nominalId);
  }

  /**
   * Applies an event to one record and publishes the result. One nominal's events are written one at
   * a time in this process (its facts arrive on several topics at once), so they do not compete for
   * the record's next version; a redelivery publishes a change a crash left unpublished.
   */
  private writeAndPublish(
    event: ConsumedEvent,
    recorded: RecordedEvent,
    project: (current: NominalContent | null) => NominalContent,
    historyId?: string,
  ): Promise<AppliedEvent> {
    return this.writes.run(recorded.nominalId, async () => {
      const applied = await this.options.store.apply(recorded, project, historyId);
      if (applied.newlyApplied && this.options.crashBeforePublishing === recorded.nominalId) {
        process.kill(process.pid, 'SIGKILL');
      }
      await this.options.changes.publish(applied.record, traceHeaders(event));
      return applied;
    });
  }

  /** The other record a duplicate decision changes: the survivor of a merge, or the linked record. */
  private async applyCounterpart(event: ConsumedEvent, decision: DuplicateResolved): Promise<void> {
    const { store, duplicates } = this.options;
    const retired = await store.findNominal(decision.nominalId);
    if (!retired) throw new Error(`record ${decision.nominalId} vanished while being decided`);
    if (decision.decision !== 'NOT_DUPLICATE') {
      const survivor = await this.writeAndPublish(
        event,
        {
          ...this.recorded(event, { eventType: 'DuplicateResolved' }, decision),
          nominalId: decision.otherNominalId,
          summary: counterpartSummary(decision),
        },
        (current) => {
          if (current === null) throw new NominalNotRegisteredError(decision.otherNominalId);
          if (current.status === 'MERGED') {
            throw new InapplicableEventError(
              `record ${decision.otherNominalId} was merged into ${current.mergedInto ?? 'another record'} meanwhile`,
            );
          }
          return duplicateCounterpart(current, contentOf(retired), decision);
        },
        `${decision.metadata.eventId}@${decision.otherNominalId}`,
      );
      await duplicates.index(survivor.record);
    }
    await duplicates.markDecided(decision.nominalId, decision.otherNominalId, decision.decision, {
      eventId: decision.metadata.eventId,
      reason: decision.reason,
      decidedBy: decision.metadata.actingUser,
      decidedAt: decision.metadata.occurredAt,
    });
  }

  /**
   * Applies the events that waited for `nominalId` to be registered. One that can never apply is
   * dead-lettered with its reason; a passing failure leaves the rest parked and fails the caller,
   * whose retry releases them again.
   */
  private async releaseParked(nominalId: string): Promise<void> {
    const { parked, publisher, groupId } = this.options;
    for (const waiting of await parked.waitingFor(nominalId)) {
      try {
        await this.ingestFact(consumedEventOf(waiting), true);
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        if (failureActionFor(error) !== 'dead-letter') throw error;
        await deadLetterParkedEvent(publisher, groupId, waiting, error);
      }
      await parked.release(waiting);
    }
  }

  private recorded(
    event: ConsumedEvent,
    projection: Pick<Projection<RecordFact>, 'eventType'> & Partial<Projection<RecordFact>>,
    fact: RecordFact,
  ): RecordedEvent {
    const { metadata, nominalId, ...details } = fact;
    return {
      nominalId,
      metadata,
      origin: {
        eventType: projection.eventType,
        topic: event.topic,
        partition: event.partition,
        offset: event.offset,
        schemaId: event.schemaId,
        traceparent: event.headers.traceparent ?? null,
      },
      summary: projection.summary?.(fact) ?? projection.eventType,
      details: { ...details },
    };
  }
}

/** The causing event's trace and correlation, carried onto the changed-record message. */
function traceHeaders(event: ConsumedEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['traceparent', 'x-correlation-id']) {
    const value = event.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}
