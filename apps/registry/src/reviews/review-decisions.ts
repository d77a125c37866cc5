import { BadRequestException, ConflictException, GoneException } from '@nestjs/common';
import type { AcceptedCommand, CommandRequest, RecordCommands } from '../commands/record-commands';
import type { NominalStore } from '../nominals/nominal-store';
import { addYears, londonDate } from '../projections/calendar';
import type { RecordRemoval } from '../removal/record-removal';
import {
  certificateOf,
  type RecordRemovals,
  type RemovalCertificate,
  type RemovalDecider,
} from '../removal/record-removals';
import {
  outcomesOf,
  type RecordReviewDocument,
  type RecordReviews,
  type ReviewDecision,
  type ReviewOutcome,
} from './record-reviews';

export interface DecisionRequest {
  outcome: ReviewOutcome;
  reason: string;
  nextReviewOn?: string;
}

export interface DecidedReview {
  review: RecordReviewDocument;
  /** The archive event a decision to archive published; null when the record was archived already. */
  archived: AcceptedCommand | null;
  /** For a decision to remove: the removal as it stands (COMPLETED, or IN_PROGRESS to be resumed). */
  removal: RemovalCertificate | null;
}

/** How far ahead a decision to keep a record may put its next review. */
const longestDeferralYears = 10;

/**
 * Takes a person's decision on a review: once (the decision is written only over an open review,
 * so of two people deciding at once one is told it was decided), with a reason, and for "keep
 * active" and "retain" a next review day on which the question comes back. Archiving goes through
 * the same command as any archive, so the record's history shows it with the review named.
 */
export class ReviewDecisions {
  constructor(
    private readonly reviews: RecordReviews,
    private readonly store: NominalStore,
    private readonly commands: RecordCommands,
    private readonly removals: RecordRemovals,
    private readonly removal: RecordRemoval,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async decide(
    review: RecordReviewDocument,
    request: DecisionRequest,
    command: CommandRequest,
    decider: RemovalDecider,
  ): Promise<DecidedReview> {
    const decision = this.decisionOf(review, request, command.actingUser);
    const record = await this.store.findNominal(review.nominalId);
    if (!record) {
      throw new GoneException(
        `nominal ${review.nominalId} was removed: review ${review._id} can no longer be decided`,
      );
    }
    const decided = await this.reviews.decide(review._id, decision);
    if (!decided) {
      const current = await this.reviews.find(review._id);
      const earlier = current?.decision;
      throw new ConflictException(
        earlier
          ? `review ${review._id} was already decided: ${earlier.outcome} by ${earlier.decidedBy} at ${earlier.decidedAt.toISOString()}`
          : `review ${review._id} is not open (${current?.status ?? 'gone'}${current?.withdrawn ? `: ${current.withdrawn.why}` : ''})`,
      );
    }
    if (decision.outcome === 'REMOVE') {
      const removal = await this.removals.begin({
        _id: review.nominalId,
        alsoRemoved: record.mergedFrom,
        decisionId: review._id,
        decidedBy: decider,
        decidedAt: decision.decidedAt,
        reason: decision.reason,
      });
      const carried = await this.removal.attempt(removal);
      return { review: decided, archived: null, removal: certificateOf(carried) };
    }
    if (decision.outcome !== 'ARCHIVE') return { review: decided, archived: null, removal: null };
    try {
      const archived = await this.archive(review, decision, command);
      return { review: decided, archived, removal: null };
    } catch (error) {
      // Nothing was archived: the review stays open for the next attempt.
      await this.reviews.reopen(review._id, decision);
      throw error;
    }
  }

  private decisionOf(
    review: RecordReviewDocument,
    request: DecisionRequest,
    decidedBy: string,
  ): ReviewDecision {
    const allowed = outcomesOf[review.kind];
    if (!allowed.includes(request.outcome)) {
      throw new BadRequestException(
        `a ${review.kind.toLowerCase()} review is decided ${allowed.join(' or ')}, not ${request.outcome}`,
      );
    }
    const defers = request.outcome === 'KEEP_ACTIVE' || request.outcome === 'RETAIN';
    if (defers !== (request.nextReviewOn !== undefined)) {
      throw new BadRequestException(
        defers
          ? `nextReviewOn is required to ${request.outcome === 'RETAIN' ? 'retain the record' : 'keep the record active'}: the day the question comes back`
          : `nextReviewOn is for keeping a record, not to ${request.outcome.toLowerCase()} it`,
      );
    }
    const today = londonDate(this.clock());
    const nextReviewOn = request.nextReviewOn ?? null;
    if (nextReviewOn !== null) {
      const latest = addYears(today, longestDeferralYears);
      if (nextReviewOn <= today || nextReviewOn > latest) {
        throw new BadRequestException(
          `nextReviewOn must be after today (${today}) and no later than ${latest}`,
        );
      }
    }
    return {
      outcome: request.outcome,
      reason: request.reason,
      decidedBy,
      decidedAt: this.clock(),
      nextReviewOn,
    };
  }

  private async archive(
    review: RecordReviewDocument,
    decision: ReviewDecision,
    command: CommandRequest,
  ): Promise<AcceptedCommand | null> {
    const record = await this.store.findNominal(review.nominalId);
    // Archived by hand meanwhile: the decision stands, there is nothing more to do.
    if (record?.status === 'ARCHIVED') return null;
    return this.commands.archive(review.nominalId, {
      ...command,
      reason: `archive review ${review._id}: ${decision.reason}`,
    });
  }
}
