import type { DuplicateResolved, MergeUndone, RecordDateReached } from '@hub/contracts';
import type { ConsumedEvent, EventFailure } from '@hub/messaging';
import type { DueDate } from '../dates/due-dates';
import { archiveReviewDue, archiveReviewMoot, archiveReviewOf } from '../reviews/archive-reviews';
import type { NewReview } from '../reviews/record-reviews';
import type { AppliedDecision } from '../duplicates/duplicate-candidates';
import {
  contentOf,
  historyEntryOf,
  type RecordedEvent,
  type RecordWrite,
} from '../nominals/nominal-store';
import type {
  HistoryDocument,
  NominalContent,
  NominalDocument,
} from '../nominals/nominal.documents';
import type { ParkedEventDocument } from '../parking/parked-events';
import {
  InapplicableEventError,
  NominalMergedError,
  NominalRemovedError,
  type Projection,
  type RecordFact,
} from '../projections/projection';
import {
  counterpartSummary,
  duplicateCounterpart,
  mergeEntryOf,
  survivorWithoutMerge,
  withRedirectedEvent,
} from '../projections/record-lifecycle.projections';
import { laterDate, londonDate } from '../projections/calendar';
import { withDerivedFacts } from '../projections/derived-facts';
import {
  searchDocumentChanged,
  searchDocumentOf,
  type NominalSearchDocument,
} from '../search/search-document';
import { identifierValuesOf } from '../search/search-keys';

const registrationTopic = 'mappa.nominal.registered.v1';
const decisionTopic = 'registry.nominal.duplicate-resolved.v1';
const mergeUndoneTopic = 'registry.nominal.merge-undone.v1';
const dateReachedTopic = 'registry.nominal.date-reached.v1';

/**
 * A merged record's own copy of a fact addressed to it after the merge: applied as if it were
 * active, and still merged afterwards.
 */
function appliedWhileMerged(
  current: NominalContent | null,
  apply: (active: NominalContent) => NominalContent,
): NominalContent {
  if (current === null) throw new Error('a merged record vanished while taking its own copy');
  const applied = apply({
    ...current,
    status: current.archive ? 'ARCHIVED' : 'ACTIVE',
    mergedInto: null,
  });
  return { ...applied, status: current.status, mergedInto: current.mergedInto };
}

function existingContent(current: NominalContent | null, nominalId: string): NominalContent {
  if (current === null) throw new InapplicableEventError(`record ${nominalId} does not exist`);
  return current;
}

/** Events that can change what duplicate detection matches a record on (birth date, identifiers). */
const changesMatchKeys = new Set<string>([
  registrationTopic,
  'mappa.personal-details.changed.v1',
  'mappa.agency-identifier.linked.v1',
  'prison.custody-event.recorded.v1',
]);

/** Events that change who the record says the person is (its match keys), or who manages them. */
const changesIdentityOnTopic = new Set<string>([
  ...changesMatchKeys,
  'mappa.management.assigned.v1',
]);

/** Whether `fact` changes who the record says the person is, or who manages them. */
function changesIdentity(topic: string, fact: RecordFact): boolean {
  if (changesIdentityOnTopic.has(topic)) return true;
  // Only a completed transfer changes the management; its other steps leave it as it is.
  return topic === 'transfer.step.recorded.v1' && (fact as { step?: string }).step === 'COMPLETED';
}

/** How many merges an event follows to find the record that holds a person now. */
export const maxMergeHops = 5;

/** One event to fold: consumed now, or parked earlier and released by its nominal's registration. */
export interface FoldItem {
  event: ConsumedEvent;
  fact: RecordFact;
  projection: Projection<RecordFact>;
  /** Set for an event that waited in `parked_events`. */
  parked?: ParkedEventDocument;
}

/** What the database held for a batch when it was read. */
export interface FoldInput {
  /** The ids that were looked up; a record absent from `records` does not exist. */
  loaded: ReadonlySet<string>;
  records: ReadonlyMap<string, NominalDocument>;
  /** Of the ids looked up, those removed (or being removed) after a retention decision: their events are refused. */
  removed: ReadonlySet<string>;
  /** The events waiting in `parked_events`, per nominal, in arrival order. */
  waiting: ReadonlyMap<string, ParkedEventDocument[]>;
  now: Date;
  /** Stamped on every record this fold writes (`NominalDocument.writeId`). */
  writeId: string;
  parkedDocumentOf: (item: FoldItem, now: Date) => ParkedEventDocument;
  itemOfParked: (parked: ParkedEventDocument) => FoldItem;
}

/** The writes a batch comes to, and the events it could not apply. */
export interface FoldResult {
  /** Changed records, each conditional on the version it was read at. */
  writes: RecordWrite[];
  history: HistoryDocument[];
  park: ParkedEventDocument[];
  /** Parked events applied (or dead-lettered): no longer waiting. */
  release: string[];
  /** Parked events that can never apply: dead-lettered with the reason, then released. */
  parkedFailures: { parked: ParkedEventDocument; error: Error }[];
  failures: EventFailure[];
  /** Records whose identity facts a batch event touched: matched for duplicates once written. */
  matchAgain: NominalDocument[];
  decisions: AppliedDecision[];
  /** The last event that changed each record (its trace goes with the published change). */
  causes: Map<string, ConsumedEvent>;
  /**
   * Records that already held an event of the batch (a redelivery): their change may have been
   * written but not published before a crash.
   */
  redelivered: string[];
  /**
   * The search documents to write: of records whose searchable facts changed, and of redelivered
   * ones (their search document may not have been written before a crash).
   */
  search: NominalSearchDocument[];
  /**
   * The due days to record (dates/due-dates.ts): of records whose day moved, and of redelivered
   * ones (their day may not have been recorded before a crash).
   */
  dueDates: DueDate[];
  /** Archive reviews the batch made due (reviews/archive-reviews.ts); raised again for redelivered records. */
  archiveReviews: NewReview[];
  /** Records whose eligibility no longer ends after the batch: their open archive reviews are withdrawn. */
  archiveReviewsMoot: string[];
}

/** The fold needs a record that was not read: the batch is read again with it. */
export class RecordsNeeded extends Error {
  override name = 'RecordsNeeded';

  constructor(readonly ids: string[]) {
    super(`records ${ids.join(', ')} are needed`);
  }
}

function asError(caught: unknown): Error {
  return caught instanceof Error ? caught : new Error(String(caught));
}

/**
 * Folds a batch of events into the records they change, in memory, in the order given (each key's
 * events in publishing order): parks events whose nominal is not registered, releases them after
 * the registration, follows merges, applies both sides of a duplicate decision, and refuses what
 * cannot apply. An event that fails leaves no trace: the fold goes back to the state before it. It
 * writes nothing; the store then writes its result in a few bulk operations.
 */
export class RecordFold {
  private readonly current = new Map<string, NominalDocument | null>();
  private readonly changed = new Set<string>();
  private readonly history: HistoryDocument[] = [];
  /** Events parked in this batch, per nominal, in arrival order. */
  private readonly parkedNow = new Map<string, FoldItem[]>();
  private readonly waiting: Map<string, ParkedEventDocument[]>;
  private readonly release = new Set<string>();
  private readonly parkedFailures: FoldResult['parkedFailures'] = [];
  private readonly failures: EventFailure[] = [];
  private readonly matchAgain = new Set<string>();
  private readonly decisions: AppliedDecision[] = [];
  private readonly causes = new Map<string, ConsumedEvent>();
  private readonly redelivered = new Set<string>();
  private readonly searchChanged = new Set<string>();
  /** How to take back each change made so far, newest last: an event that fails leaves no trace. */
  private readonly undo: (() => void)[] = [];

  /** The UK calendar date the batch is applied on: what date-dependent facts are derived for. */
  private readonly today: string;
  /** Records to derive as of a later day than `today` (a day reached by another instance's clock). */
  private readonly asOf = new Map<string, string>();

  constructor(private readonly input: FoldInput) {
    this.waiting = new Map(input.waiting);
    this.today = londonDate(input.now);
  }

  /**
   * Folds the items, then applies what still waits for the records of `release` if they exist (a
   * registration written by another writer while an event was being parked); throws RecordsNeeded
   * when a record must be read first.
   */
  run(items: readonly FoldItem[], release: readonly string[] = []): FoldResult {
    for (const item of items) {
      const error = this.attempt(() => this.applyConsumed(item));
      if (error) this.pushTo(this.failures, { event: item.event, error });
    }
    for (const nominalId of release) {
      if (this.get(nominalId) !== null && this.hasWaiting(nominalId))
        this.releaseWaiting(nominalId);
    }
    this.deriveChangedRecords();
    const now = this.input.now;
    return {
      writes: [...this.changed].map((id) => ({
        record: this.current.get(id)!,
        expectedVersion: this.input.records.get(id)?.version ?? null,
      })),
      history: [...new Map(this.history.map((entry) => [entry._id, entry])).values()],
      park: [...this.parkedNow.values()]
        .flat()
        .map((item) => this.input.parkedDocumentOf(item, now)),
      release: [...this.release],
      parkedFailures: this.parkedFailures,
      failures: this.failures,
      matchAgain: [...this.matchAgain]
        .map((id) => this.current.get(id))
        .filter((record): record is NominalDocument => Boolean(record)),
      decisions: this.decisions,
      causes: this.causes,
      redelivered: [...this.redelivered].filter((id) => !this.changed.has(id)),
      search: [...new Set([...this.searchChanged, ...this.redelivered])]
        .map((id) => this.current.get(id))
        .filter((record): record is NominalDocument => Boolean(record))
        .map(searchDocumentOf),
      dueDates: [...new Set([...this.changed, ...this.redelivered])].flatMap((id) => {
        const record = this.current.get(id);
        const before = this.input.records.get(id);
        const moved = !before || before.rederiveOn !== record?.rederiveOn;
        return record && (moved || this.redelivered.has(id))
          ? [{ nominalId: id, on: record.rederiveOn ?? null }]
          : [];
      }),
      archiveReviews: [...new Set([...this.changed, ...this.redelivered])].flatMap((id) => {
        const record = this.current.get(id);
        if (!record) return [];
        const review = this.redelivered.has(id)
          ? archiveReviewOf(record)
          : archiveReviewDue(this.input.records.get(id), record);
        return review ? [review] : [];
      }),
      archiveReviewsMoot: [...this.changed].filter((id) => {
        const record = this.current.get(id);
        return record ? archiveReviewMoot(this.input.records.get(id), record) : false;
      }),
    };
  }

  /**
   * Derives the current states of every record the batch changed, once, after all its events (no
   * projection reads a derived state, so deriving after each event would only repeat the work).
   */
  private deriveChangedRecords(): void {
    for (const id of this.changed) {
      const record = this.current.get(id);
      if (!record) continue;
      const derived = withDerivedFacts(contentOf(record), this.asOf.get(id) ?? this.today);
      this.current.set(id, { ...record, ...derived });
      const before = this.input.records.get(id);
      if (before && searchDocumentChanged(before, derived)) this.searchChanged.add(id);
    }
  }

  /** Runs `work`; if it fails, takes back every change it made and returns why. */
  private attempt(work: () => void): Error | undefined {
    const mark = this.undo.length;
    try {
      work();
      return undefined;
    } catch (caught) {
      if (caught instanceof RecordsNeeded) throw caught;
      while (this.undo.length > mark) this.undo.pop()?.();
      return asError(caught);
    }
  }

  /** Sets (or, with undefined, deletes) `key` in `map`, remembering what was there. */
  private setIn<K, V>(map: Map<K, V>, key: K, value: V | undefined): void {
    const had = map.has(key);
    const before = map.get(key);
    if (value === undefined) map.delete(key);
    else map.set(key, value);
    this.undo.push(() => (had ? map.set(key, before as V) : map.delete(key)));
  }

  private addTo<T>(set: Set<T>, value: T): void {
    if (set.has(value)) return;
    set.add(value);
    this.undo.push(() => set.delete(value));
  }

  private pushTo<T>(list: T[], value: T): void {
    list.push(value);
    this.undo.push(() => list.pop());
  }

  private get(nominalId: string): NominalDocument | null {
    const known = this.current.get(nominalId);
    if (known !== undefined) return known;
    if (!this.input.loaded.has(nominalId)) throw new RecordsNeeded([nominalId]);
    const loaded = this.input.records.get(nominalId) ?? null;
    this.current.set(nominalId, loaded);
    return loaded;
  }

  private hasWaiting(nominalId: string): boolean {
    return (
      (this.waiting.get(nominalId)?.length ?? 0) > 0 ||
      (this.parkedNow.get(nominalId)?.length ?? 0) > 0
    );
  }

  private applyConsumed(item: FoldItem): void {
    const { nominalId } = item.fact;
    if (this.input.removed.has(nominalId)) throw new NominalRemovedError(nominalId);
    const registration = item.event.topic === registrationTopic;
    const record = this.get(nominalId);
    if (record === null && !registration) {
      // Its registration has not been applied: the event waits for it, behind any earlier ones.
      this.setIn(this.parkedNow, nominalId, [...(this.parkedNow.get(nominalId) ?? []), item]);
      return;
    }
    // Events still waiting although the record exists (a crash after applying their registration)
    // are older than this one: they go first.
    if (record !== null && this.hasWaiting(nominalId)) this.releaseWaiting(nominalId);
    this.applyFollowingMerges(item);
    if (registration) this.releaseWaiting(nominalId);
  }

  /**
   * Applies the events that waited for `nominalId` to be registered, in arrival order. A stored
   * parked event that fails is dead-lettered with its reason, whatever the failure: failing the
   * event that released it instead would fail every later event of the nominal, which releases the
   * waiting events first. An event parked in this batch that fails is that event's own failure.
   */
  private releaseWaiting(nominalId: string): void {
    const stored = this.waiting.get(nominalId) ?? [];
    const fresh = this.parkedNow.get(nominalId) ?? [];
    this.setIn(this.waiting, nominalId, undefined);
    this.setIn(this.parkedNow, nominalId, undefined);
    for (const parked of stored) {
      const error = this.attempt(() => this.applyFollowingMerges(this.input.itemOfParked(parked)));
      if (error) this.pushTo(this.parkedFailures, { parked, error });
      this.addTo(this.release, parked._id);
    }
    for (const item of fresh) {
      const error = this.attempt(() => this.applyFollowingMerges(item));
      if (error) this.pushTo(this.failures, { event: item.event, error });
    }
  }

  private applyFollowingMerges(item: FoldItem): void {
    let target = item.fact;
    for (let hop = 0; ; hop++) {
      try {
        if (item.event.topic === mergeUndoneTopic) this.applyUnmerge(item, target as MergeUndone);
        else this.applyTo(item, target);
        return;
      } catch (error) {
        if (!(error instanceof NominalMergedError)) throw error;
        // A record manager's decision was taken on the record as it was: never move it elsewhere.
        if (item.event.topic.startsWith('registry.')) {
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

  private applyTo(item: FoldItem, fact: RecordFact): void {
    const decision = item.event.topic === decisionTopic ? (fact as DuplicateResolved) : null;
    // A decision already written on the record it names is taken: its other side is completed
    // whatever happened to the other record since (a write that conflicted, then another merge).
    if (decision && !this.holds(decision.nominalId, decision.metadata.eventId)) {
      this.checkOtherRecord(decision);
    }
    const target = this.get(fact.nominalId);
    // A merged record's own copy may hold the event already (below): the survivor decides.
    if (
      target?.status === 'MERGED' &&
      target.mergedInto &&
      !item.event.topic.startsWith('registry.')
    ) {
      throw new NominalMergedError(fact.nominalId, target.mergedInto);
    }
    const addressedTo = item.fact.nominalId;
    if (addressedTo === fact.nominalId) {
      const asOf =
        item.event.topic === dateReachedTopic ? (fact as RecordDateReached).reachedOn : undefined;
      this.write(
        item,
        this.recorded(item, fact),
        (current) => item.projection.project(current, fact),
        undefined,
        { asOf },
      );
    } else {
      // Addressed to a record merged into this one: the survivor takes it and notes it, so that an
      // unmerge can take it back; the history keeps it under the record it is about.
      this.write(item, { ...this.recorded(item, fact), addressedTo }, (current) =>
        withRedirectedEvent(
          item.projection.project(current, fact),
          addressedTo,
          fact.metadata.eventId,
          changesIdentity(item.event.topic, fact),
        ),
      );
      // The retired record keeps what is said about it too, so that an unmerge restores it whole.
      this.write(
        item,
        this.recorded(item, item.fact),
        (current) =>
          appliedWhileMerged(current, (active) => item.projection.project(active, item.fact)),
        undefined,
        { history: false },
      );
    }
    if (decision) this.applyCounterpart(item, decision);
    if (changesMatchKeys.has(item.event.topic)) this.addTo(this.matchAgain, fact.nominalId);
  }

  /**
   * Undoes a wrong merge: the retired record (which kept what was said about it while merged) is
   * restored; the survivor gives back what the merge, and events addressed to the retired record
   * since, brought it. Each side is written on its own, and each is complete whichever is written
   * first: a conflicting write is retried with the side already written left as it is.
   */
  private applyUnmerge(item: FoldItem, undo: MergeUndone): void {
    const survivorId = undo.otherNominalId;
    const survivor = this.get(survivorId);
    if (!survivor) throw new InapplicableEventError(`the survivor ${survivorId} does not exist`);
    const eventId = undo.metadata.eventId;
    const survivorDone = this.holds(survivorId, eventId);
    if (!survivorDone && survivor.status === 'MERGED') {
      throw new InapplicableEventError(
        `the survivor ${survivorId} was itself merged into ${survivor.mergedInto ?? 'another record'}: undo that merge first`,
      );
    }
    const entry = survivorDone
      ? null
      : mergeEntryOf(contentOf(survivor), undo.nominalId, survivorId);
    this.write(item, this.recorded(item, undo), (current) =>
      item.projection.project(current, undo),
    );
    if (entry) {
      this.write(
        item,
        {
          ...this.recorded(item, undo),
          nominalId: survivorId,
          summary: `Merge of record ${undo.nominalId} into this one undone: ${undo.reason}`,
        },
        (current) => survivorWithoutMerge(existingContent(current, survivorId), entry),
        `${eventId}@${survivorId}`,
      );
    }
    this.addTo(this.matchAgain, undo.nominalId);
    this.addTo(this.matchAgain, survivorId);
  }

  private holds(nominalId: string, eventId: string): boolean {
    return this.get(nominalId)?.appliedEvents.some((entry) => entry.eventId === eventId) ?? false;
  }

  private checkOtherRecord(decision: DuplicateResolved): void {
    const other = this.get(decision.otherNominalId);
    if (!other) {
      throw new InapplicableEventError(
        `the other record ${decision.otherNominalId} does not exist`,
      );
    }
    const decided = other.appliedEvents.some((e) => e.eventId === decision.metadata.eventId);
    if (other.status === 'MERGED' && !decided) {
      throw new InapplicableEventError(
        `the other record ${decision.otherNominalId} was merged into ${other.mergedInto ?? 'another record'} meanwhile`,
      );
    }
  }

  /** The other record a duplicate decision changes: the survivor of a merge, or the linked record. */
  private applyCounterpart(item: FoldItem, decision: DuplicateResolved): void {
    const retired = this.get(decision.nominalId);
    if (!retired) throw new Error(`record ${decision.nominalId} vanished while being decided`);
    if (decision.decision !== 'NOT_DUPLICATE') {
      const otherId = this.holderOf(decision.otherNominalId, decision.metadata.eventId);
      const recorded: RecordedEvent = {
        ...this.recorded(item, decision),
        nominalId: otherId,
        summary: counterpartSummary(decision),
      };
      this.write(
        item,
        recorded,
        (current) => {
          if (current === null) {
            throw new InapplicableEventError(`the other record ${otherId} does not exist`);
          }
          if (current.status === 'MERGED') {
            throw new InapplicableEventError(
              `record ${otherId} was merged into ${current.mergedInto ?? 'another record'} meanwhile`,
            );
          }
          return duplicateCounterpart(current, contentOf(retired), decision);
        },
        `${decision.metadata.eventId}@${otherId}`,
      );
      // A survivor matches on the retired record's names and dates of birth too.
      if (decision.decision === 'MERGED') this.addTo(this.matchAgain, otherId);
    }
    this.pushTo(this.decisions, {
      nominalId: decision.nominalId,
      otherNominalId: decision.otherNominalId,
      decision: decision.decision,
      details: {
        eventId: decision.metadata.eventId,
        reason: decision.reason,
        decidedBy: decision.metadata.actingUser,
        decidedAt: decision.metadata.occurredAt,
      },
    });
  }

  /**
   * The record that holds the other side of a decision now: the other record, or, if it was merged
   * away before receiving it, its survivor.
   */
  private holderOf(otherId: string, eventId: string): string {
    let holder = otherId;
    for (let hop = 0; hop < maxMergeHops; hop++) {
      const record = this.get(holder);
      if (!record || record.status !== 'MERGED' || !record.mergedInto) break;
      if (this.holds(holder, eventId)) break;
      holder = record.mergedInto;
    }
    return holder;
  }

  /**
   * The record after one event, unless it already contains the event (a redelivery): then only its
   * history entry is written again, which is harmless.
   */
  private write(
    item: FoldItem,
    recorded: RecordedEvent,
    project: (current: NominalContent | null) => NominalContent,
    historyId = recorded.metadata.eventId,
    options: { history?: boolean; asOf?: string } = {},
  ): void {
    const { nominalId } = recorded;
    const { eventId } = recorded.metadata;
    const now = this.input.now;
    const withHistory = options.history ?? true;
    const record = this.get(nominalId);
    const earlier = record?.appliedEvents.find((entry) => entry.eventId === eventId);
    if (record && earlier) {
      this.addTo(this.redelivered, nominalId);
      if (!withHistory) return;
      this.pushTo(
        this.history,
        historyEntryOf(recorded, {
          _id: historyId,
          nominalId,
          nominalVersion: earlier.version,
          recordedAt: now,
        }),
      );
      return;
    }
    const content = project(record ? contentOf(record) : null);
    // The day the record is derived as of (deriveChangedRecords): a day reached may be later.
    const asOf = laterDate(this.asOf.get(nominalId) ?? this.today, options.asOf ?? null);
    if (asOf !== null && asOf !== this.today) this.setIn(this.asOf, nominalId, asOf);
    const version = (record?.version ?? 0) + 1;
    this.setIn(this.current, nominalId, {
      _id: nominalId,
      ...content,
      version,
      createdAt: record?.createdAt ?? now,
      updatedAt: now,
      lastEventId: eventId,
      writeId: this.input.writeId,
      // Made again with every write, not only when identifiers change: a record keyed by an
      // earlier version of the keys (searchKeysVersion) is then keyed the current way once written.
      search: { identifierValues: identifierValuesOf(content.identifiers) },
      appliedEvents: [...(record?.appliedEvents ?? []), { eventId, version }],
    });
    this.addTo(this.changed, nominalId);
    if (!record || searchDocumentChanged(record, content))
      this.addTo(this.searchChanged, nominalId);
    this.setIn(this.causes, nominalId, item.event);
    if (!withHistory) return;
    this.pushTo(
      this.history,
      historyEntryOf(recorded, {
        _id: historyId,
        nominalId,
        nominalVersion: version,
        recordedAt: now,
      }),
    );
  }

  private recorded(item: FoldItem, fact: RecordFact): RecordedEvent {
    const { metadata, nominalId, ...details } = fact;
    const { event, projection } = item;
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
      summary: projection.summary(fact),
      details: { ...details },
    };
  }
}
