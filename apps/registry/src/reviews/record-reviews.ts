import { registryEventMetadata } from '../changes/registry-event-metadata';
import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import { pageOf } from '@hub/persistence';
import type { Agency, Jurisdiction, RecordReviewKind, RecordReviewRaised } from '@hub/contracts';
import { namedUuid, type EventPublisher } from '@hub/messaging';
import { areaKey } from '@hub/security';

/** What a person decided on a review. */
export type ReviewOutcome = 'ARCHIVE' | 'KEEP_ACTIVE' | 'RETAIN' | 'REMOVE';

/** The outcomes each kind of review may take. */
export const outcomesOf: Readonly<Record<RecordReviewKind, readonly ReviewOutcome[]>> = {
  ARCHIVE: ['ARCHIVE', 'KEEP_ACTIVE'],
  RETENTION: ['RETAIN', 'REMOVE'],
};

export interface ReviewDecision {
  outcome: ReviewOutcome;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
  /** When the question comes back (keep active, retain): a review is raised again on that day. */
  nextReviewOn: string | null;
}

/** A review to raise: the id names the record, the kind and the day, so raising is idempotent. */
export interface NewReview {
  kind: RecordReviewKind;
  nominalId: string;
  dueOn: string;
  why: string;
  managingArea: string;
  leadAgency: Agency;
  jurisdiction: Jurisdiction;
}

/**
 * OPEN until decided; WITHDRAWN when the facts that raised it changed before anyone decided (an
 * archive review of a person whose eligibility no longer ends, after a later fact).
 */
export const reviewStatuses = ['OPEN', 'DECIDED', 'WITHDRAWN'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** A review of a record, a work item in `record_reviews`. */
export interface RecordReviewDocument extends NewReview {
  _id: string;
  /** The managing area as the directory keys areas: what the work queue filters by. */
  managingAreaKey: string;
  raisedAt: Date;
  status: ReviewStatus;
  decision: ReviewDecision | null;
  /** Why an open review was withdrawn, and when. */
  withdrawn?: { at: Date; why: string };
  /** Set once the RecordReviewRaised event is on Kafka; the review sweep publishes any missing. */
  publishedAt: Date | null;
  /** The review raised on the decision's next review day, once raised. */
  followedBy: string | null;
}

export function reviewIdOf(review: Pick<NewReview, 'kind' | 'nominalId' | 'dueOn'>): string {
  return `${review.kind.toLowerCase()}:${review.nominalId}:${review.dueOn}`;
}

/** The nominal id a review id names (`<kind>:<nominalId>:<day>`); null for an id of no review. */
export function nominalIdOfReview(reviewId: string): string | null {
  const match = /^(?:archive|retention):(.+):\d{4}-\d{2}-\d{2}$/.exec(reviewId);
  return match ? match[1] : null;
}

export interface ReviewQuery {
  nominalId?: string;
  kind?: RecordReviewKind;
  status?: RecordReviewDocument['status'];
  /** Only reviews due on or before this day. */
  dueBy?: string;
  /** Only the reviews of records this organisation manages (absent: every review). */
  managedBy?: { agency: Agency; areas: readonly string[] };
}

/** Reviews published per round: the next sweep takes the rest. */
const publishBatch = 1_000;

/**
 * The review work queue: archive reviews (eligibility ended) and retention reviews (the person
 * reached 100). A review is raised once (its id names the record, the kind and the day), decided
 * once (the decision is written only over an open review), and told to the managing organisation's
 * systems on `registry.nominal.review-raised.v1` (an event named by the review, so a repeat
 * publishes the same event).
 */
export class RecordReviews {
  readonly collection: Collection<RecordReviewDocument>;

  constructor(
    db: Db,
    private readonly publisher: EventPublisher,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.collection = db.collection<RecordReviewDocument>('record_reviews');
  }

  /** Raises the reviews not raised yet and publishes them; returns the ids of those raised now. */
  async raise(reviews: readonly NewReview[]): Promise<string[]> {
    if (reviews.length === 0) return [];
    const raisedAt = this.clock();
    const operations: AnyBulkWriteOperation<RecordReviewDocument>[] = reviews.map((review) => {
      const _id = reviewIdOf(review);
      return {
        updateOne: {
          filter: { _id },
          update: {
            $setOnInsert: {
              ...review,
              managingAreaKey: areaKey(review.managingArea),
              raisedAt,
              status: 'OPEN',
              decision: null,
              publishedAt: null,
              followedBy: null,
            },
          },
          upsert: true,
        },
      };
    });
    const result = await this.collection.bulkWrite(operations, { ordered: false });
    // A review withdrawn when a later fact took the end back is due again when the end returns.
    await this.collection.updateMany(
      { _id: { $in: reviews.map(reviewIdOf) }, status: 'WITHDRAWN' },
      { $set: { status: 'OPEN' }, $unset: { withdrawn: '' } },
    );
    await this.publishPending(reviews.map(reviewIdOf));
    return Object.values(result.upsertedIds).map(String);
  }

  /** Publishes the raised reviews Kafka has not taken yet (of `ids`, or any); returns how many. */
  async publishPending(ids?: readonly string[]): Promise<number> {
    const filter: Filter<RecordReviewDocument> = { publishedAt: null };
    if (ids) filter._id = { $in: [...ids] };
    const pending = await this.collection.find(filter).limit(publishBatch).toArray();
    if (pending.length === 0) return 0;
    const now = this.clock();
    await this.publisher.publishMany(
      'registry.nominal.review-raised.v1',
      pending.map((review) => {
        const value = raisedEventOf(review, now);
        return {
          key: review.nominalId,
          value,
          headers: { 'x-event-id': value.metadata.eventId },
        };
      }),
    );
    await this.collection.updateMany(
      { _id: { $in: pending.map((review) => review._id) } },
      { $set: { publishedAt: now } },
    );
    return pending.length;
  }

  find(id: string): Promise<RecordReviewDocument | null> {
    return this.collection.findOne({ _id: id });
  }

  async list(
    query: ReviewQuery,
    page: number,
    pageSize: number,
  ): Promise<{ items: RecordReviewDocument[]; total: number }> {
    const filter: Filter<RecordReviewDocument> = {};
    if (query.nominalId) filter.nominalId = query.nominalId;
    if (query.kind) filter.kind = query.kind;
    if (query.status) filter.status = query.status;
    if (query.dueBy) filter.dueOn = { $lte: query.dueBy };
    if (query.managedBy) {
      filter.leadAgency = query.managedBy.agency;
      filter.managingAreaKey = { $in: query.managedBy.areas.map(areaKey) };
    }
    return pageOf(this.collection, filter, { dueOn: 1, _id: 1 }, page, pageSize);
  }

  /** Writes the decision over an open review; null when it was decided already. */
  decide(id: string, decision: ReviewDecision): Promise<RecordReviewDocument | null> {
    return this.collection.findOneAndUpdate(
      { _id: id, status: 'OPEN' },
      { $set: { status: 'DECIDED', decision } },
      { returnDocument: 'after' },
    );
  }

  /**
   * Withdraws the open archive reviews of records whose eligibility no longer ends on the facts
   * recorded (a later fact brought a new ground): nobody needs to decide them any more.
   */
  async withdrawArchiveReviews(nominalIds: readonly string[]): Promise<void> {
    if (nominalIds.length === 0) return;
    await this.collection.updateMany(
      { nominalId: { $in: [...nominalIds] }, kind: 'ARCHIVE', status: 'OPEN' },
      {
        $set: {
          status: 'WITHDRAWN',
          withdrawn: {
            at: this.clock(),
            why: 'a later fact keeps the person eligible for MAPPA: no archive review is due',
          },
        },
      },
    );
  }

  /** Takes a decision back when what it had to do could not be done (the review is open again). */
  async reopen(id: string, decision: ReviewDecision): Promise<void> {
    await this.collection.updateOne(
      { _id: id, status: 'DECIDED', 'decision.decidedAt': decision.decidedAt },
      { $set: { status: 'OPEN', decision: null } },
    );
  }

  /** Decided reviews whose next review day has come and that no review follows yet. */
  dueFollowUps(today: string, limit: number): Promise<RecordReviewDocument[]> {
    return this.collection
      .find({ status: 'DECIDED', 'decision.nextReviewOn': { $lte: today }, followedBy: null })
      .limit(limit)
      .toArray();
  }

  async markFollowedBy(id: string, next: string): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { followedBy: next } });
  }
}

function raisedEventOf(review: RecordReviewDocument, now: Date): RecordReviewRaised {
  const eventId = namedUuid(`review-raised#${review._id}`);
  return {
    metadata: registryEventMetadata({
      eventId,
      occurredAt: now,
      actingUser: null,
      correlationId: eventId,
    }),
    nominalId: review.nominalId,
    reviewId: review._id,
    kind: review.kind,
    dueOn: review.dueOn,
    why: review.why,
    managingArea: review.managingArea,
    leadAgency: review.leadAgency,
  };
}
