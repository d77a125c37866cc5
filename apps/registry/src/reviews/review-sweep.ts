import type { Collection, Db } from 'mongodb';
import type { NominalDocument } from '../nominals/nominal.documents';
import { addYears, londonDate } from '../projections/calendar';
import {
  reviewIdOf,
  type NewReview,
  type RecordReviewDocument,
  type RecordReviews,
} from './record-reviews';

export interface ReviewSweepLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

interface SweepCheckpoint {
  _id: string;
  /** The last day every record reaching 100 by then was given its retention review. */
  day: string;
  doneAt: Date;
}

type FollowUpFacts = Pick<NominalDocument, '_id' | 'management' | 'status'>;

type RetentionFacts = Pick<
  NominalDocument,
  '_id' | 'dateOfBirth' | 'aliasDatesOfBirth' | 'management' | 'status'
>;

/** Reviews raised per bulk write. */
const batchSize = 1_000;
const retentionCheckpoint = 'retention-reviews';

/**
 * The day a person's record comes to its retention review: the 100th anniversary of their birth.
 * Where the record knows other dates of birth (an alias date, a date corrected since), the
 * earliest counts, so that the review never comes after the person may have reached 100. The
 * contracts require a date of birth, so every record has one; a doubtful one is recorded as an
 * alias and brings the review forward.
 */
export function retentionReviewOn(record: BirthDates): string {
  return addYears(earliestBirthDate(record), 100);
}

type BirthDates = Pick<NominalDocument, 'dateOfBirth' | 'aliasDatesOfBirth'>;

function earliestBirthDate(record: BirthDates): string {
  return [record.dateOfBirth, ...(record.aliasDatesOfBirth ?? [])].sort()[0];
}

export interface ReviewSweepResult {
  retention: number;
  followUps: number;
  published: number;
}

/**
 * The reviews no event raises: once a day, a retention review for every record whose subject has
 * reached 100; at every sweep, a review again for each decision whose next review day has come,
 * and the publication of reviews raised but not yet on Kafka (after a crash or an outage).
 * Idempotent (a review's id names the record, the kind and the day), so a sweep interrupted
 * anywhere is simply run again, and two instances sweeping at once raise each review once.
 */
export class ReviewSweep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReviewSweepResult>;
  private readonly nominals: Collection<NominalDocument>;
  private readonly checkpoints: Collection<SweepCheckpoint>;

  constructor(
    db: Db,
    private readonly reviews: RecordReviews,
    private readonly logger: ReviewSweepLogger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.nominals = db.collection<NominalDocument>('nominals');
    this.checkpoints = db.collection<SweepCheckpoint>('registry_checkpoints');
  }

  sweep(): Promise<ReviewSweepResult> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<ReviewSweepResult> {
    const today = londonDate(this.clock());
    const followUps = await this.raiseFollowUps(today);
    const retention = await this.raiseRetentionReviews(today);
    const published = await this.reviews.publishPending();
    if (retention + followUps > 0) {
      this.logger.info({ retention, followUps, day: today }, 'record reviews raised');
    }
    return { retention, followUps, published };
  }

  /** A retention review for every record whose subject reached 100 by `today`, once a day. */
  private async raiseRetentionReviews(today: string): Promise<number> {
    const done = await this.checkpoints.findOne({ _id: retentionCheckpoint });
    if (done && done.day >= today) return 0;
    // Born on or before this day: 100 or older today.
    const bornBy = addYears(today, -100);
    const reaching = this.nominals.find<RetentionFacts>(
      {
        status: { $ne: 'MERGED' },
        $or: [{ dateOfBirth: { $lte: bornBy } }, { aliasDatesOfBirth: { $lte: bornBy } }],
      },
      {
        projection: { _id: 1, dateOfBirth: 1, aliasDatesOfBirth: 1, management: 1, status: 1 },
      },
    );
    let raised = 0;
    let batch: NewReview[] = [];
    for await (const record of reaching) {
      batch.push(retentionReviewOf(record));
      if (batch.length === batchSize) {
        raised += (await this.reviews.raise(batch)).length;
        batch = [];
      }
    }
    raised += (await this.reviews.raise(batch)).length;
    await this.checkpoints.updateOne(
      { _id: retentionCheckpoint },
      { $set: { day: today, doneAt: new Date() } },
      { upsert: true },
    );
    return raised;
  }

  /** A review again for each decision whose next review day has come. */
  private async raiseFollowUps(today: string): Promise<number> {
    let raised = 0;
    for (;;) {
      const due = await this.reviews.dueFollowUps(today, batchSize);
      if (due.length === 0) return raised;
      const records = await this.nominals
        .find<FollowUpFacts>(
          { _id: { $in: due.map((review) => review.nominalId) } },
          { projection: { _id: 1, management: 1, status: 1 } },
        )
        .toArray();
      const byId = new Map(records.map((record) => [record._id, record]));
      const next = due.map((review) => followUpOf(review, byId.get(review.nominalId)));
      raised += (await this.reviews.raise(next.filter((review) => review !== null))).length;
      for (const [index, review] of due.entries()) {
        const following = next[index];
        await this.reviews.markFollowedBy(
          review._id,
          following
            ? reviewIdOf(following)
            : `none: the record is ${byId.get(review.nominalId)?.status ?? 'gone'}`,
        );
      }
    }
  }

  start(intervalMs: number): void {
    const run = (): void => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'raising record reviews failed'),
      );
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}

function retentionReviewOf(record: RetentionFacts): NewReview {
  const dueOn = retentionReviewOn(record);
  return {
    kind: 'RETENTION',
    nominalId: record._id,
    dueOn,
    why: `the person reached 100 on ${dueOn} (born ${earliestBirthDate(record)}): keep the record, with a reason and a next review, or remove it`,
    managingArea: record.management.managingArea,
    leadAgency: record.management.leadAgency,
    jurisdiction: record.management.jurisdiction,
  };
}

/**
 * The review that comes back on a decision's next review day, for whoever manages the person then;
 * none for an archive review of a record no longer active, or of one that is gone.
 */
function followUpOf(
  review: RecordReviewDocument,
  record: FollowUpFacts | undefined,
): NewReview | null {
  if (!record || record.status === 'MERGED') return null;
  if (review.kind === 'ARCHIVE' && record.status !== 'ACTIVE') return null;
  const decision = review.decision!;
  const what =
    review.kind === 'ARCHIVE'
      ? 'kept active at the archive review'
      : 'retained at the retention review';
  return {
    kind: review.kind,
    nominalId: review.nominalId,
    dueOn: decision.nextReviewOn!,
    why: `${what} of ${review.dueOn} by ${decision.decidedBy} until ${decision.nextReviewOn}: ${decision.reason}`,
    managingArea: record.management.managingArea,
    leadAgency: record.management.leadAgency,
    jurisdiction: record.management.jurisdiction,
  };
}
