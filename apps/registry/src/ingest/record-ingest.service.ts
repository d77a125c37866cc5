import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DuplicateResolved } from '@hub/contracts';
import {
  PermanentEventError,
  type ConsumedEvent,
  type EventFailure,
  type EventPublisher,
} from '@hub/messaging';
import type { ChangedRecordPublisher } from '../changes/changed-record-publisher';
import type { DuplicateCandidates } from '../duplicates/duplicate-candidates';
import type { NominalStore } from '../nominals/nominal-store';
import type { NominalDocument } from '../nominals/nominal.documents';
import { deadLetterParkedEvents } from '../parking/parked-event-dead-letters';
import {
  consumedEventOf,
  type ParkedEventDocument,
  type ParkedEvents,
} from '../parking/parked-events';
import type { Projection, RecordEventTopic, RecordFact } from '../projections/projection';
import type { DueDates } from '../dates/due-dates';
import type { RecordReviews } from '../reviews/record-reviews';
import type { RecordRemovals } from '../removal/record-removals';
import type { SearchDocuments } from '../search/search-documents';
import { projections } from '../projections/projections';
import {
  maxMergeHops,
  RecordFold,
  RecordsNeeded,
  type FoldInput,
  type FoldItem,
  type FoldResult,
} from './record-fold';

/** What has been read for a batch so far. */
interface ReadState {
  loaded: Set<string>;
  records: Map<string, NominalDocument>;
  removed: Set<string>;
  waiting: Map<string, ParkedEventDocument[]>;
}

/** Rounds of reading and writing a batch whose records other writers keep changing. */
const maxWriteRounds = 10;

export interface RecordIngestOptions {
  store: NominalStore;
  search: SearchDocuments;
  dueDates: DueDates;
  reviews: RecordReviews;
  /** Which nominals were removed: events about them are refused, never applied. */
  removals: RecordRemovals;
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

/** The fold's view of an event, or why the registry can never apply it. */
function foldItemOf(event: ConsumedEvent, parked?: ParkedEventDocument): FoldItem | Error {
  if (!isProjectedTopic(event.topic)) {
    return new PermanentEventError(`the registry does not apply events of ${event.topic}`);
  }
  const fact = event.value as RecordFact;
  if (event.key !== fact.nominalId) {
    return new PermanentEventError(
      `the message key ${event.key ?? '(none)'} is not the event's nominal id ${fact.nominalId}`,
    );
  }
  const projection = projections[event.topic] as unknown as Projection<RecordFact>;
  return { event, fact, projection, ...(parked ? { parked } : {}) };
}

/** The causing event's trace and correlation, carried onto the changed-record message. */
function traceHeaders(event: ConsumedEvent | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['traceparent', 'x-correlation-id']) {
    const value = event?.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/**
 * Folds batches of consumed events into the canonical records with a few round trips per batch
 * (group commit): one read of every record the batch touches and of the events waiting for them,
 * every projection applied in memory in per-nominal order, then bulk writes — records conditional
 * on the version read, history, parked events, duplicate candidates — and one produce of the
 * changed records. The runner commits offsets only after all of it. A record another writer
 * changed first (another instance after a rebalance, a merge reaching across partitions) fails its
 * conditional write: the batch is read and folded again, and what was written already is skipped.
 */
export class RecordIngest {
  constructor(private readonly options: RecordIngestOptions) {}

  async ingest(events: readonly ConsumedEvent[]): Promise<EventFailure[]> {
    const refused: EventFailure[] = [];
    const items: FoldItem[] = [];
    for (const event of events) {
      const item = foldItemOf(event);
      if (item instanceof Error) refused.push({ event, error: item });
      else items.push(item);
    }
    if (items.length === 0) return refused;
    const result = await this.apply(items);
    // Another writer (the retry topic's owner, a zombie) may have written the registration of a
    // nominal while this batch parked its events: those are applied now rather than left waiting.
    const parkedFor = [...new Set(result.park.map((parked) => parked.nominalId))];
    const registered = [...(await this.options.store.versionsOf(parkedFor)).keys()];
    if (registered.length > 0) await this.apply([], registered);
    return [...refused, ...result.failures];
  }

  /** Folds and writes the items (and releases what waits for `release`) until no writer interferes. */
  private async apply(items: FoldItem[], release: string[] = []): Promise<FoldResult> {
    for (let round = 1; ; round++) {
      const result = await this.fold(items, release);
      const conflicted = await this.options.store.writeMany(result.writes);
      if (conflicted.length === 0) {
        await this.complete(result);
        return result;
      }
      if (round >= maxWriteRounds) {
        throw new Error(
          `records ${conflicted.slice(0, 5).join(', ')} kept changing under this batch; gave up after ${maxWriteRounds} rounds`,
        );
      }
      await sleep(round * 20 + Math.random() * 30);
    }
  }

  /** Reads what the batch needs and folds it, reading more while the fold asks for it. */
  private async fold(items: FoldItem[], release: string[]): Promise<FoldResult> {
    const wanted = new Set<string>(release);
    for (const { fact, event } of items) {
      wanted.add(fact.nominalId);
      if (event.topic === 'registry.nominal.duplicate-resolved.v1') {
        wanted.add((fact as unknown as DuplicateResolved).otherNominalId);
      }
    }
    const input = await this.read(wanted);
    for (let round = 0; ; round++) {
      try {
        return new RecordFold(input).run(items, release);
      } catch (error) {
        if (!(error instanceof RecordsNeeded) || round > maxMergeHops + 2) throw error;
        await this.readMore(input, error.ids);
      }
    }
  }

  private async read(ids: Set<string>): Promise<FoldInput & ReadState> {
    const input: FoldInput & ReadState = {
      loaded: new Set<string>(),
      records: new Map<string, NominalDocument>(),
      removed: new Set<string>(),
      waiting: new Map<string, ParkedEventDocument[]>(),
      now: new Date(),
      writeId: randomUUID(),
      parkedDocumentOf: (item: FoldItem, now: Date) =>
        this.options.parked.documentOf(
          item.event,
          item.fact.nominalId,
          item.fact.metadata.eventId,
          now,
        ),
      itemOfParked: (parked: ParkedEventDocument) => {
        const item = foldItemOf(consumedEventOf(parked), parked);
        if (item instanceof Error) throw item;
        return item;
      },
    };
    await this.readMore(input, ids);
    return input;
  }

  /**
   * Reads records and the events waiting for them; records merged into others bring their
   * survivors along, since events for them are applied there, and which of them were removed
   * (a removal in progress may not have deleted the record yet).
   */
  private async readMore(input: ReadState, ids: Iterable<string>): Promise<void> {
    let next = [...ids].filter((id) => !input.loaded.has(id));
    for (let hop = 0; next.length > 0 && hop <= maxMergeHops; hop++) {
      const [records, waiting, removed] = await Promise.all([
        this.options.store.findMany(next),
        this.options.parked.waitingFor(next),
        this.options.removals.removedAmong(next),
      ]);
      for (const id of next) input.loaded.add(id);
      for (const [id, record] of records) input.records.set(id, record);
      for (const [id, events] of waiting) input.waiting.set(id, events);
      for (const id of removed) input.removed.add(id);
      next = [...records.values()]
        .map((record) => record.mergedInto)
        .filter((id): id is string => id !== null && !input.loaded.has(id));
    }
  }

  /** Everything after the records are written; each step is safe to repeat after a crash. */
  private async complete(result: FoldResult): Promise<void> {
    const {
      store,
      search,
      dueDates,
      reviews,
      parked,
      duplicates,
      changes,
      publisher,
      groupId,
      crashBeforePublishing,
    } = this.options;
    const written = result.writes.map((write) => write.record);
    if (crashBeforePublishing && written.some((record) => record._id === crashBeforePublishing)) {
      process.kill(process.pid, 'SIGKILL');
    }
    await Promise.all([
      store.appendHistory(result.history),
      parked.parkMany(result.park),
      search.write(result.search),
      dueDates.write(result.dueDates),
      // Withdrawn and raised for different records: a record's eligibility ended or did not.
      reviews.withdrawArchiveReviews(result.archiveReviewsMoot),
      reviews.raise(result.archiveReviews),
    ]);
    if (result.parkedFailures.length > 0) {
      await deadLetterParkedEvents(publisher, groupId, result.parkedFailures);
    }
    await parked.release(result.release);
    await duplicates.flagFor(result.matchAgain);
    await duplicates.markDecided(result.decisions);
    await changes.publish(written, (record) => traceHeaders(result.causes.get(record._id)));
    await changes.publishIfBehind(result.redelivered);
  }
}
