import {
  Body,
  Controller,
  Get,
  GoneException,
  Header,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { parseRequest } from '@hub/observability';
import { Access, CallAccess, type AccessContext, type Action } from '@hub/security';
import { addDays } from '../projections/calendar';
import { actingUserOf, CommandAccess } from '../access/command-access';
import { CaseItemDto, DisclosureCaseDto, DisclosureCasePageDto } from './disclosure-api.dto';
import {
  caseOutcomes,
  currentDecisions,
  DisclosureCases,
  itemDecisions,
  type DisclosureCaseDocument,
  type ItemDecision,
} from './disclosure-cases';
import { exemptionCodes, exemptions } from './disclosure-exemptions';
import { DisclosureHandling, nearDeadlineWorkingDays } from './disclosure-handling';
import { deadlineRules, disclosureKinds } from './statutory-deadlines';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((value) => {
    const at = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value);
  }, 'is not a calendar date');
const reason = z.string().trim().min(1, 'is required').max(2_000);
const actingUser = z.string().trim().min(1).max(200).optional();

const listQuery = z.strictObject({
  due: z.enum(['near', 'missed']).optional(),
  status: z.enum(['OPEN', 'DECIDED', 'CLOSED']).optional(),
  kind: z.enum(disclosureKinds).optional(),
  nominalId: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const openRequest = z.strictObject({
  kind: z.enum(disclosureKinds),
  nominalId: z.string().trim().min(1).max(100),
  requester: z.string().trim().min(1, 'is required').max(2_000),
  identityVerified: z.boolean().optional(),
  receivedOn: isoDate,
  requesterDueOn: isoDate.optional(),
  actingUser,
});

const decisionRequest = z.strictObject({
  itemId: z.string().trim().min(1).max(300),
  decision: z.enum(itemDecisions),
  exemption: z.string().trim().min(1).max(100).optional(),
  redactions: z.array(z.string().min(1).max(2_000)).max(100).optional(),
  reason,
  actingUser,
});

const extensionRequest = z.strictObject({ newDueOn: isoDate, reason, actingUser });

const closeRequest = z.strictObject({ outcome: z.enum(caseOutcomes), reason, actingUser });

/** A decision as the case shows it: never the item's text, nor the strings redacted from it. */
function loggedDecision(decision: ItemDecision) {
  return {
    itemId: decision.itemId,
    title: decision.title,
    decision: decision.decision,
    exemption: decision.exemption,
    redactionCount: decision.redactions.length,
    reason: decision.reason,
    decidedBy: decision.decidedBy,
    decidedAt: decision.decidedAt,
  };
}

const caseIdParam = 'caseId';

@ApiTags('disclosure requests')
@Controller('v1/disclosure-cases')
export class DisclosureCasesController {
  constructor(
    private readonly cases: DisclosureCases,
    private readonly handling: DisclosureHandling,
    @Inject(CommandAccess) private readonly access: CommandAccess,
  ) {}

  @Get()
  @Access('disclosure.read')
  @ApiOperation({
    summary: 'The disclosure case register, soonest deadline first',
    description: `\`due=near\`: cases not closed due within ${nearDeadlineWorkingDays} working days; \`due=missed\`: cases not closed whose deadline has passed. Each case shows \`deadline.daysLeft\` and \`deadline.overdue\`. For data governance and auditors; never the items' text.`,
  })
  @ApiQuery({ name: 'due', required: false, enum: ['near', 'missed'] })
  @ApiQuery({ name: 'status', required: false, enum: ['OPEN', 'DECIDED', 'CLOSED'] })
  @ApiQuery({ name: 'kind', required: false, enum: disclosureKinds })
  @ApiQuery({ name: 'nominalId', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: DisclosureCasePageDto })
  async list(@Query() query: unknown, @CallAccess() access: AccessContext) {
    const { due, page, pageSize, ...filter } = parseRequest(listQuery, query, 'query');
    access.query = { due, ...filter, page, pageSize };
    const today = this.handling.today();
    const dueBetween =
      due === 'missed'
        ? { to: addDays(today, -1) }
        : due === 'near'
          ? { from: today, to: this.handling.nearLimit(today) ?? today }
          : undefined;
    const { items, total } = await this.cases.list({ ...filter, dueBetween }, page, pageSize);
    access.nominalIds = items.map((item) => item.nominalId);
    return { items: items.map((item) => this.view(item)), page, pageSize, total };
  }

  @Post()
  @Access('disclosure.manage')
  @ApiOperation({
    summary: 'Log a disclosure request',
    description:
      'The deadline is derived from the kind and the day received: ' +
      Object.entries(deadlineRules)
        .map(([kind, rule]) => `${kind}: ${rule.rule} (${rule.source})`)
        .join('; ') +
      '. COURT and POLICE_DISCLOSURE take the `requesterDueOn` the requester gave. The caller handles the case.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'nominalId', 'requester', 'receivedOn'],
      properties: {
        kind: { type: 'string', enum: [...disclosureKinds] },
        nominalId: { type: 'string', description: "The subject's hub id" },
        requester: { type: 'string', example: 'The subject, by email to the DPO' },
        identityVerified: { type: 'boolean', description: 'Required for a SAR; SAR only' },
        receivedOn: { type: 'string', format: 'date' },
        requesterDueOn: {
          type: 'string',
          format: 'date',
          description: 'COURT and POLICE_DISCLOSURE: the date given',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: DisclosureCaseDto })
  @ApiBadRequestResponse({ description: 'A field missing or wrong for the kind of request.' })
  @ApiNotFoundResponse({ description: 'No record of the subject.' })
  async open(@Body() body: unknown, @CallAccess() access: AccessContext) {
    const { actingUser: given, ...request } = parseRequest(openRequest, body, 'request');
    access.query = { kind: request.kind, receivedOn: request.receivedOn };
    await this.access.check(access, 'disclosure.manage', [request.nominalId]);
    const opened = await this.handling.open(request, actingUserOf(access, given));
    access.query.caseId = opened._id;
    return this.view(opened);
  }

  @Get(':caseId')
  @Access('disclosure.read')
  @ApiOperation({ summary: 'One case: deadline, extensions, decisions and their log, outcome' })
  @ApiOkResponse({ type: DisclosureCaseDto })
  @ApiNotFoundResponse({ description: 'No such case.' })
  async get(@Param(caseIdParam) caseId: string, @CallAccess() access: AccessContext) {
    const found = await this.found(caseId, access);
    return this.view(found);
  }

  @Get(':caseId/items')
  @Access('disclosure.manage')
  @ApiOperation({
    summary: 'What the hub holds on the subject, item by item, with the decision on each',
    description:
      "From the subject's record as you may see it: intelligence your organisation may not read under its handling code, and minutes it may not read, are listed without their text and can only be withheld (or decided by someone entitled to read them).",
  })
  @ApiOkResponse({ type: [CaseItemDto] })
  @ApiConflictResponse({ description: 'The record was merged into another.' })
  @ApiGoneResponse({ description: 'The record was removed.' })
  async items(@Param(caseIdParam) caseId: string, @CallAccess() access: AccessContext) {
    const found = await this.found(caseId, access);
    await this.checkSubject(access, 'disclosure.manage', found);
    return this.handling.items(access.caller, found);
  }

  @Post(':caseId/decisions')
  @Access('disclosure.manage')
  @ApiOperation({
    summary: 'Decide an item: disclose, disclose redacted, or withhold',
    description: `WITHHOLD and DISCLOSE_REDACTED name an exemption the kind of request takes (${exemptionCodes.map((code) => `${code}: ${exemptions[code].citation}, ${exemptions[code].appliesTo.join('/')}`).join('; ')}); DISCLOSE_REDACTED lists the exact strings to blank out. Every decision is logged with who, when and why; the latest on an item stands. The reason is printed in the pack.`,
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['itemId', 'decision', 'reason'],
      properties: {
        itemId: { type: 'string' },
        decision: { type: 'string', enum: [...itemDecisions] },
        exemption: { type: 'string', enum: exemptionCodes },
        redactions: { type: 'array', items: { type: 'string' } },
        reason: { type: 'string' },
      },
    },
  })
  @ApiCreatedResponse({ type: DisclosureCaseDto })
  @ApiBadRequestResponse({
    description: 'An exemption missing or not for this kind, or a redaction not in the text.',
  })
  @ApiForbiddenResponse({ description: 'Disclosing an item you may not see.' })
  @ApiNotFoundResponse({ description: 'No such case, or no such item.' })
  @ApiConflictResponse({ description: 'The case is closed, or the record was merged.' })
  @ApiGoneResponse({ description: "The subject's record was removed." })
  async decide(
    @Param(caseIdParam) caseId: string,
    @Body() body: unknown,
    @CallAccess() access: AccessContext,
  ) {
    const { actingUser: given, ...request } = parseRequest(decisionRequest, body, 'decision');
    access.query = {
      caseId,
      itemId: request.itemId,
      decision: request.decision,
      exemption: request.exemption,
      redactionCount: request.redactions?.length ?? 0,
      reason: request.reason,
    };
    const found = await this.found(caseId, access);
    actingUserOf(access, given);
    await this.checkSubject(access, 'disclosure.manage', found);
    return this.view(await this.handling.decide(access.caller, found, request));
  }

  @Post(':caseId/extensions')
  @Access('disclosure.manage')
  @ApiOperation({
    summary: 'Extend the deadline, with the reason',
    description: Object.entries(deadlineRules)
      .map(([kind, rule]) => `${kind}: ${rule.extension}`)
      .join('; '),
  })
  @ApiCreatedResponse({ type: DisclosureCaseDto })
  @ApiBadRequestResponse({ description: 'Not later, or later than the law allows.' })
  @ApiConflictResponse({ description: 'The case is closed.' })
  async extend(
    @Param(caseIdParam) caseId: string,
    @Body() body: unknown,
    @CallAccess() access: AccessContext,
  ) {
    const {
      newDueOn,
      reason: why,
      actingUser: given,
    } = parseRequest(extensionRequest, body, 'extension');
    access.query = { caseId, newDueOn, reason: why };
    const found = await this.found(caseId, access);
    const by = actingUserOf(access, given);
    await this.checkSubject(access, 'disclosure.manage', found);
    return this.view(await this.handling.extend(found, newDueOn, why, by));
  }

  @Get(':caseId/pack')
  @Access('disclosure.manage')
  @Header('content-type', 'text/html; charset=utf-8')
  // The pack is a document, not an application: nothing in it may run or load anything.
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
  @Header('cache-control', 'no-store')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'The disclosure pack: printable HTML',
    description:
      'A self-contained document (print it, or save it as PDF from the browser): the case, the items disclosed with redactions shown as "[REDACTED: <exemption>]", the items withheld naming only their exemption, and the decision log. Every item must be decided; producing the pack is recorded on the case (with its SHA-256) and the case becomes DECIDED. A closed case\'s pack is printed again from its decisions.',
  })
  @ApiOkResponse({ description: 'The pack', content: { 'text/html': {} } })
  @ApiConflictResponse({ description: 'Items not decided yet, or the record was merged.' })
  @ApiGoneResponse({ description: "The subject's record was removed." })
  async pack(
    @Param(caseIdParam) caseId: string,
    @CallAccess() access: AccessContext,
  ): Promise<string> {
    access.query = { caseId };
    const found = await this.found(caseId, access);
    if (found.status !== 'CLOSED') await this.checkSubject(access, 'disclosure.manage', found);
    const { html, recorded } = await this.handling.pack(access.caller, found);
    access.note = recorded
      ? 'disclosure pack produced'
      : 'disclosure pack of a closed case printed again';
    return html;
  }

  @Post(':caseId/close')
  @Access('disclosure.manage')
  @ApiOperation({
    summary: 'Record the outcome and close the case',
    description:
      'DISCLOSED_IN_FULL, DISCLOSED_IN_PART and WITHHELD_IN_FULL need the pack of the current decisions and must match them; NOT_HELD and WITHDRAWN close a case at any time. A closed case takes no further decision (409).',
  })
  @ApiCreatedResponse({ type: DisclosureCaseDto })
  @ApiBadRequestResponse({ description: 'The outcome does not match the decisions.' })
  @ApiConflictResponse({ description: 'Already closed, or no pack of the current decisions.' })
  async close(
    @Param(caseIdParam) caseId: string,
    @Body() body: unknown,
    @CallAccess() access: AccessContext,
  ) {
    const { outcome, reason: why, actingUser: given } = parseRequest(closeRequest, body, 'closure');
    access.query = { caseId, outcome, reason: why };
    const found = await this.found(caseId, access);
    const by = actingUserOf(access, given);
    // A case on a removed record can still be closed (as NOT_HELD): only the role is checked then.
    try {
      await this.checkSubject(access, 'disclosure.manage', found);
    } catch (error) {
      if (!(error instanceof GoneException)) throw error;
    }
    return this.view(await this.handling.close(found, outcome, why, by));
  }

  private async found(caseId: string, access: AccessContext): Promise<DisclosureCaseDocument> {
    const found = await this.cases.find(caseId);
    if (!found) throw new NotFoundException(`no disclosure case with id ${caseId}`);
    access.nominalIds.push(found.nominalId);
    return found;
  }

  /** Need-to-know on the subject's record; 410 when the record is no longer held. */
  private async checkSubject(
    access: AccessContext,
    action: Action,
    found: DisclosureCaseDocument,
  ): Promise<void> {
    try {
      await this.access.check(access, action, [found.nominalId]);
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      throw new GoneException(
        `the hub no longer holds a record of ${found.nominalId} (removed): close case ${found._id} as NOT_HELD`,
      );
    }
  }

  private view({ _id, decisionLog, closure, ...rest }: DisclosureCaseDocument) {
    return {
      id: _id,
      ...rest,
      outcome: closure?.outcome ?? null,
      closure,
      deadline: this.handling.deadlineOf({ _id, decisionLog, closure, ...rest }),
      decisions: [...currentDecisions(decisionLog).values()].map(loggedDecision),
      decisionLog: decisionLog.map(loggedDecision),
    };
  }
}
