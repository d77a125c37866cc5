import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { Access, CallAccess, type AccessContext } from '@hub/security';
import { actingUserOf, CommandAccess } from '../access/command-access';
import { RecordCommands, type AcceptedCommand } from '../commands/record-commands';
import { parseRequest } from '@hub/observability';
import { requestTrace } from '@hub/observability';
import { DuplicateCandidatePageDto, DuplicateCandidateDto } from './duplicate-api.dto';
import { DuplicateCandidates, type CandidateWithEvidence } from './duplicate-candidates';

const listQuery = z.strictObject({
  status: z.enum(['OPEN', 'LINKED', 'MERGED', 'NOT_DUPLICATE']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const decisionRequest = z
  .strictObject({
    decision: z.enum(['LINKED', 'MERGED', 'NOT_DUPLICATE']),
    survivorId: z.string().min(1).optional(),
    reason: z.string().trim().min(1, 'is required').max(2_000),
    actingUser: z.string().trim().min(1).max(200).optional(),
  })
  .refine((request) => request.decision !== 'MERGED' || request.survivorId !== undefined, {
    message: 'is required for a merge: the id of the record that stays',
    path: ['survivorId'],
  });

function candidateView({ _id, ...candidate }: CandidateWithEvidence) {
  return { id: _id, ...candidate };
}

@ApiTags('possible duplicates')
@Controller('v1/duplicates')
export class DuplicatesController {
  constructor(
    private readonly candidates: DuplicateCandidates,
    private readonly commands: RecordCommands,
    @Inject(CommandAccess) private readonly access: CommandAccess,
  ) {}

  @Get()
  @Access('duplicates.list')
  @ApiOperation({
    summary: 'Records flagged as possibly the same person',
    description:
      'Flagged when a record is registered or its names, dates of birth or identifiers change: a valid national identifier both hold (a PNC id in its short or long form alike), or a similar name (in either order, parts one leaves out tolerated) with a date of birth that matches exactly, with day and month swapped or as an alias date of birth, or with a shared local case reference. Each candidate carries the evidence field by field.',
  })
  @ApiOkResponse({ type: DuplicateCandidatePageDto })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['OPEN', 'LINKED', 'MERGED', 'NOT_DUPLICATE'],
  })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  async list(@Query() query: unknown, @CallAccess() access: AccessContext) {
    const { status, page, pageSize } = parseRequest(listQuery, query, 'query');
    const { items, total } = await this.candidates.list(status, page, pageSize);
    access.nominalIds = items.flatMap((item) => item.nominalIds);
    const withEvidence = await this.candidates.withEvidence(items);
    return { items: withEvidence.map(candidateView), page, pageSize, total };
  }

  @Get(':candidateId')
  @Access('duplicates.read')
  @ApiOperation({ summary: 'One possible duplicate, its evidence and its decision' })
  @ApiOkResponse({ type: DuplicateCandidateDto })
  @ApiNotFoundResponse({ description: 'No such possible duplicate.' })
  async get(@Param('candidateId') candidateId: string, @CallAccess() access: AccessContext) {
    const candidate = await this.candidates.find(candidateId);
    if (!candidate) throw new NotFoundException(`no possible duplicate with id ${candidateId}`);
    await this.access.check(access, 'duplicates.read', candidate.nominalIds);
    const [withEvidence] = await this.candidates.withEvidence([candidate]);
    return candidateView(withEvidence);
  }

  @Post(':candidateId/decision')
  @Access('duplicates.decide')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Decide a possible duplicate: link, merge or not a duplicate',
    description:
      'Publishes a DuplicateResolved event. A merge keeps both histories: the retired record redirects to the survivor, which gains its names as aliases and its identifiers.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['decision', 'reason'],
      properties: {
        decision: { type: 'string', enum: ['LINKED', 'MERGED', 'NOT_DUPLICATE'] },
        survivorId: { type: 'string', description: 'For MERGED: the record that stays.' },
        reason: { type: 'string' },
        actingUser: {
          type: 'string',
          description:
            'Optional: the decision is recorded as the authenticated user; any other name is refused',
        },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The decision is on Kafka.' })
  @ApiNotFoundResponse({
    description: 'No such possible duplicate, or one of its records is gone.',
  })
  @ApiConflictResponse({
    description:
      'Already decided, a record was merged meanwhile, or the survivor is not one of the pair.',
  })
  async decide(
    @Param('candidateId') candidateId: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ): Promise<AcceptedCommand> {
    const { decision, survivorId, reason, actingUser } = parseRequest(
      decisionRequest,
      body,
      'decision',
    );
    access.query = { decision, survivorId, reason };
    const candidate = await this.candidates.find(candidateId);
    if (!candidate) throw new NotFoundException(`no possible duplicate with id ${candidateId}`);
    await this.access.check(access, 'duplicates.decide', candidate.nominalIds);
    return this.commands.resolveDuplicate(candidateId, decision, survivorId, {
      reason,
      actingUser: actingUserOf(access, actingUser),
      ...requestTrace(request),
    });
  }
}
