import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  GoneException,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { RecordReviewKindSymbols } from '@hub/contracts';
import { parseRequest, requestTrace } from '@hub/observability';
import {
  Access,
  actsNationally,
  CallAccess,
  decide,
  type AccessContext,
  type Caller,
} from '@hub/security';
import { RecordRemovals, type RemovalDecider } from '../removal/record-removals';
import { actingUserOf, CommandAccess } from '../access/command-access';
import {
  DecidedReviewDto,
  RecordReviewDto,
  RecordReviewPageDto,
  reviewOutcomes,
} from './review-api.dto';
import { ReviewDecisions } from './review-decisions';
import {
  nominalIdOfReview,
  RecordReviews,
  reviewStatuses,
  type RecordReviewDocument,
} from './record-reviews';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');

const listQuery = z.strictObject({
  nominalId: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(RecordReviewKindSymbols).optional(),
  status: z.enum(reviewStatuses).optional(),
  dueBy: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const decisionRequest = z.strictObject({
  outcome: z.enum(reviewOutcomes),
  reason: z.string().trim().min(1, 'is required').max(2_000),
  nextReviewOn: isoDate.optional(),
  actingUser: z.string().trim().min(1).max(200).optional(),
});

function deciderOf(caller: Caller): RemovalDecider {
  return {
    subject: caller.subject,
    username: caller.username,
    organisationId: caller.organisation.id,
    roles: [...caller.roles],
    clientId: caller.clientId,
  };
}

function reviewView({ _id, ...review }: RecordReviewDocument) {
  return { id: _id, ...review };
}

@ApiTags('record lifecycle')
@Controller('v1/reviews')
export class ReviewsController {
  constructor(
    private readonly reviews: RecordReviews,
    private readonly decisions: ReviewDecisions,
    private readonly removals: RecordRemovals,
    @Inject(CommandAccess) private readonly access: CommandAccess,
  ) {}

  @Get()
  @Access('reviews.list')
  @ApiOperation({
    summary: 'The review work queue: archive and retention reviews',
    description:
      "An archive review is raised the day after the facts recorded stop keeping a person eligible for MAPPA (the record's `eligibility`); a retention review when the person reaches 100, and again on the next review day a decision set. Record managers and MAPPA co-ordinators see the reviews of the records their organisation manages; data governance sees every review. Soonest due first.",
  })
  @ApiOkResponse({ type: RecordReviewPageDto })
  @ApiQuery({ name: 'nominalId', required: false, description: "One record's reviews" })
  @ApiQuery({ name: 'kind', required: false, enum: [...RecordReviewKindSymbols] })
  @ApiQuery({ name: 'status', required: false, enum: reviewStatuses })
  @ApiQuery({ name: 'dueBy', required: false, description: 'Due on or before this day' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  async list(@Query() query: unknown, @CallAccess() access: AccessContext) {
    const { page, pageSize, ...filter } = parseRequest(listQuery, query, 'query');
    const { caller } = access;
    const managedBy = actsNationally(caller, 'reviews.list')
      ? undefined
      : { agency: caller.organisation.agencyType, areas: caller.organisation.mappaAreas };
    const { items, total } = await this.reviews.list({ ...filter, managedBy }, page, pageSize);
    access.nominalIds = items.map((review) => review.nominalId);
    return { items: items.map(reviewView), page, pageSize, total };
  }

  @Get(':reviewId')
  @Access('reviews.read')
  @ApiOperation({ summary: 'One review, its reason and its decision' })
  @ApiOkResponse({ type: RecordReviewDto })
  @ApiNotFoundResponse({ description: 'No such review.' })
  async get(@Param('reviewId') reviewId: string, @CallAccess() access: AccessContext) {
    const review = await this.found(reviewId);
    await this.access.check(access, 'reviews.read', [review.nominalId]);
    return reviewView(review);
  }

  @Post(':reviewId/decision')
  @Access('reviews.decide-archive')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Decide a review',
    description:
      "An archive review: ARCHIVE (publishes the archive event: the record is kept and can be re-activated) or KEEP_ACTIVE with a `nextReviewOn`, on which the review comes back; for the managing organisation's record manager or data governance. A retention review: RETAIN with a reason and a `nextReviewOn`; data governance only. A review is decided once.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['outcome', 'reason'],
      properties: {
        outcome: { type: 'string', enum: [...reviewOutcomes] },
        reason: { type: 'string', example: 'Licence expired; no further order. Archive.' },
        nextReviewOn: {
          type: 'string',
          format: 'date',
          description: 'Required for KEEP_ACTIVE and RETAIN: after today, within 10 years',
        },
        actingUser: {
          type: 'string',
          description:
            'Optional: the decision is recorded as the authenticated user; any other name is refused',
        },
      },
    },
  })
  @ApiOkResponse({ type: DecidedReviewDto })
  @ApiBadRequestResponse({
    description:
      'An outcome the kind of review does not take, or a missing or bad next review day.',
  })
  @ApiNotFoundResponse({ description: 'No such review.' })
  @ApiGoneResponse({ description: 'The record was removed.' })
  @ApiConflictResponse({ description: 'Already decided, or the record was merged.' })
  async decide(
    @Param('reviewId') reviewId: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    const { outcome, reason, nextReviewOn, actingUser } = parseRequest(
      decisionRequest,
      body,
      'decision',
    );
    access.query = { reviewId, outcome, reason, nextReviewOn };
    const review = await this.found(reviewId);
    if (review.kind === 'RETENTION') {
      access.action = outcome === 'REMOVE' ? 'records.remove' : 'reviews.decide-retention';
      access.nominalIds.push(review.nominalId);
      const allowed = decide(access.caller, access.action);
      if (!allowed.allowed) throw new ForbiddenException(allowed.reason);
    } else {
      await this.access.check(access, 'reviews.decide-archive', [review.nominalId]);
    }
    const decided = await this.decisions.decide(
      review,
      { outcome, reason, nextReviewOn },
      { reason, actingUser: actingUserOf(access, actingUser), ...requestTrace(request) },
      deciderOf(access.caller),
    );
    return { ...decided, review: reviewView(decided.review) };
  }

  /** The review; 410 when its record was removed (its reviews went with it), else 404. */
  private async found(reviewId: string): Promise<RecordReviewDocument> {
    const review = await this.reviews.find(reviewId);
    if (review) return review;
    const nominalId = nominalIdOfReview(reviewId);
    const removal = nominalId ? await this.removals.of(nominalId) : null;
    if (removal) {
      throw new GoneException(
        `review ${reviewId} went with its record: nominal ${nominalId} was removed (${removal.decisionId})`,
      );
    }
    throw new NotFoundException(`no review with id ${reviewId}`);
  }
}
