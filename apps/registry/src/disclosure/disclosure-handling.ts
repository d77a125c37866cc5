import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GoneException,
  NotFoundException,
} from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { organisationDirectory, relationOf, type Caller } from '@hub/security';
import { recordFactsOf } from '../access/record-access-facts';
import { recordFor } from '../access/record-views';
import type { NominalQueries, NominalRecordView } from '../nominals/nominal-queries';
import { londonDate } from '../projections/calendar';
import { disclosableItems, type DisclosableItem } from './case-items';
import {
  currentDecisions,
  type CaseOutcome,
  type DisclosureCaseDocument,
  type DisclosureCases,
  type ItemDecision,
  type ItemDecisionKind,
} from './disclosure-cases';
import { exemptionProblem, type ExemptionCode } from './disclosure-exemptions';
import { renderDisclosurePack } from './disclosure-pack';
import {
  checkExtension,
  deadlineRules,
  ExtensionRefusedError,
  takesRequesterDate,
  type DisclosureKind,
} from './statutory-deadlines';
import { CalendarNotCoveredError, WorkingDays } from './working-days';

/** A case due within this many working days is shown as near its deadline. */
export const nearDeadlineWorkingDays = 5;

export interface NewCase {
  kind: DisclosureKind;
  nominalId: string;
  requester: string;
  identityVerified?: boolean;
  receivedOn: string;
  requesterDueOn?: string;
}

export interface DecisionRequest {
  itemId: string;
  decision: ItemDecisionKind;
  exemption?: string;
  redactions?: string[];
  reason: string;
}

/** An item with the decision standing on it, as the handler's work list shows it. */
export interface CaseItem extends DisclosableItem {
  decision: Pick<
    ItemDecision,
    'decision' | 'exemption' | 'redactions' | 'reason' | 'decidedBy' | 'decidedAt'
  > | null;
  /** The item's text changed since it was decided: decide it again. */
  changedSinceDecided: boolean;
}

export interface DeadlineStatus {
  /** Calendar days from today to the deadline; null once closed. */
  daysLeft: number | null;
  /** Working days from today to the deadline (FOIA s10(6)); null once closed or out of the calendars. */
  workingDaysLeft: number | null;
  overdue: boolean;
  near: boolean;
  /** For a closed case: whether it was closed after its deadline. */
  closedLate: boolean | null;
}

/** The outcome a set of decisions amounts to. */
function outcomeOfDecisions(decisions: readonly ItemDecision[]): CaseOutcome {
  if (decisions.every((d) => d.decision === 'WITHHOLD')) return 'WITHHELD_IN_FULL';
  if (decisions.every((d) => d.decision === 'DISCLOSE')) return 'DISCLOSED_IN_FULL';
  return 'DISCLOSED_IN_PART';
}

/**
 * The work of a disclosure case: opening it with its deadline, listing what the hub holds on the
 * subject as the handler may see it, taking decisions, producing the pack, extending and closing.
 * Access to the action is checked by the controller; need-to-know within the record is applied
 * here, by reading the record through the same view the record API gives the handler.
 */
export class DisclosureHandling {
  private readonly directory = organisationDirectory();

  constructor(
    private readonly cases: DisclosureCases,
    private readonly queries: NominalQueries,
    private readonly days: WorkingDays = new WorkingDays(),
    private readonly clock: () => Date = () => new Date(),
  ) {}

  today(): string {
    return londonDate(this.clock());
  }

  async open(request: NewCase, handler: string): Promise<DisclosureCaseDocument> {
    const problems: string[] = [];
    const today = this.today();
    if (request.receivedOn > today)
      problems.push(`receivedOn ${request.receivedOn} is after today`);
    if (request.kind === 'SAR' && request.identityVerified === undefined) {
      problems.push('identityVerified is required for a SAR (true once identity is checked)');
    }
    if (request.kind !== 'SAR' && request.identityVerified !== undefined) {
      problems.push('identityVerified is for a SAR only');
    }
    if (takesRequesterDate(request.kind) && request.requesterDueOn === undefined) {
      problems.push(
        `requesterDueOn is required for a ${request.kind}: the date the requester gave`,
      );
    }
    if (!takesRequesterDate(request.kind) && request.requesterDueOn !== undefined) {
      problems.push(`requesterDueOn is not taken for a ${request.kind}: the law sets its deadline`);
    }
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
    const lookup = await this.queries.record(request.nominalId);
    if (lookup.outcome === 'unknown') {
      throw new NotFoundException(`no nominal with id ${request.nominalId}`);
    }
    if (lookup.outcome === 'merged') {
      throw new ConflictException(
        `the record of ${request.nominalId} was merged into ${lookup.mergedInto}: open the case on ${lookup.mergedInto}, which holds what the hub knows of the person`,
      );
    }
    const rule = deadlineRules[request.kind];
    let dueOn: string | null;
    try {
      dueOn = rule.dueOn(request, this.days);
    } catch (error) {
      if (error instanceof CalendarNotCoveredError) throw new BadRequestException(error.message);
      throw error;
    }
    if (dueOn === null) throw new BadRequestException('no deadline could be set');
    return this.cases.open({
      _id: randomUUID(),
      kind: request.kind,
      nominalId: request.nominalId,
      requester: request.requester,
      identityVerified: request.kind === 'SAR' ? (request.identityVerified ?? false) : null,
      receivedOn: request.receivedOn,
      requesterDueOn: request.requesterDueOn ?? null,
      originalDueOn: dueOn,
      dueOn,
      deadlineRule: rule.rule,
      deadlineSource: rule.source,
      extensions: [],
      status: 'OPEN',
      closure: null,
      handler,
      openedAt: this.clock(),
      revision: 0,
      decisionLog: [],
      packs: [],
    });
  }

  /** What the hub holds on the case's subject, as `caller` may see it, with each item's decision. */
  async items(caller: Caller, disclosureCase: DisclosureCaseDocument): Promise<CaseItem[]> {
    const items = disclosableItems(await this.visibleRecord(caller, disclosureCase));
    const decided = currentDecisions(disclosureCase.decisionLog);
    return items.map((item) => {
      const decision = decided.get(item.itemId);
      if (!decision) return { ...item, decision: null, changedSinceDecided: false };
      return {
        ...item,
        decision: {
          decision: decision.decision,
          exemption: decision.exemption,
          redactions: decision.redactions,
          reason: decision.reason,
          decidedBy: decision.decidedBy,
          decidedAt: decision.decidedAt,
        },
        changedSinceDecided: decision.textSha256 !== sha256Of(item.text),
      };
    });
  }

  async decide(
    caller: Caller,
    disclosureCase: DisclosureCaseDocument,
    request: DecisionRequest,
  ): Promise<DisclosureCaseDocument> {
    this.assertNotClosed(disclosureCase);
    const items = disclosableItems(await this.visibleRecord(caller, disclosureCase));
    const item = items.find((candidate) => candidate.itemId === request.itemId);
    if (!item) {
      throw new NotFoundException(
        `the hub holds no item ${request.itemId} on ${disclosureCase.nominalId}; list the items at /v1/disclosure-cases/${disclosureCase._id}/items`,
      );
    }
    const exemption = this.checkedDecision(disclosureCase.kind, item, request);
    const decided = await this.cases.decide(disclosureCase, {
      itemId: item.itemId,
      title: item.title,
      decision: request.decision,
      exemption,
      redactions: request.redactions ?? [],
      reason: request.reason,
      decidedBy: caller.username,
      decidedAt: this.clock(),
      text: request.decision === 'WITHHOLD' ? null : item.text,
      textSha256: sha256Of(item.text),
    });
    if (!decided) throw this.closedMeanwhile(disclosureCase._id);
    return decided;
  }

  async extend(
    disclosureCase: DisclosureCaseDocument,
    newDueOn: string,
    reason: string,
    by: string,
  ): Promise<DisclosureCaseDocument> {
    this.assertNotClosed(disclosureCase);
    try {
      const facts = {
        receivedOn: disclosureCase.receivedOn,
        requesterDueOn: disclosureCase.requesterDueOn ?? undefined,
      };
      checkExtension(disclosureCase.kind, facts, disclosureCase.dueOn, newDueOn, this.days);
    } catch (error) {
      if (error instanceof ExtensionRefusedError || error instanceof CalendarNotCoveredError) {
        throw new BadRequestException(error.message);
      }
      throw error;
    }
    const extended = await this.cases.extend(disclosureCase._id, {
      previousDueOn: disclosureCase.dueOn,
      newDueOn,
      reason,
      by,
      at: this.clock(),
    });
    if (!extended) {
      throw new ConflictException(
        `case ${disclosureCase._id} changed meanwhile (closed, or its deadline moved): read it again`,
      );
    }
    return extended;
  }

  /**
   * The pack of a case whose every item is decided (on the text it has now), recorded as produced
   * against the case's revision. A closed case's pack is printed again from its decisions, without
   * reading the record (which may be gone by then).
   */
  async pack(
    caller: Caller,
    disclosureCase: DisclosureCaseDocument,
  ): Promise<{ html: string; recorded: boolean }> {
    const production = { producedAt: this.clock(), producedBy: caller.username };
    const decided = currentDecisions(disclosureCase.decisionLog);
    if (disclosureCase.status === 'CLOSED') {
      const last = disclosureCase.packs.at(-1);
      if (!last) {
        throw new ConflictException(
          `case ${disclosureCase._id} was closed as ${disclosureCase.closure?.outcome ?? 'CLOSED'} without a pack`,
        );
      }
      const decisions = last.itemIds.flatMap((itemId) => decided.get(itemId) ?? []);
      return {
        html: renderDisclosurePack(disclosureCase, decisions, production),
        recorded: false,
      };
    }
    const items = await this.items(caller, disclosureCase);
    const pending = items.filter((item) => item.decision === null || item.changedSinceDecided);
    if (pending.length > 0) {
      throw new ConflictException(
        `every item must be decided before the pack is produced; not decided (or changed since): ${pending.map((item) => item.itemId).join(', ')}`,
      );
    }
    // Decisions on items the record no longer holds (an unmerge took them) stay in the log only.
    const decisions = items.map((item) => decided.get(item.itemId)!);
    const html = renderDisclosurePack(disclosureCase, decisions, production);
    const recorded = await this.cases.recordPack(disclosureCase._id, {
      ...production,
      revision: disclosureCase.revision,
      sha256: createHash('sha256').update(html).digest('hex'),
      itemIds: decisions.map((d) => d.itemId),
      disclosed: decisions.filter((d) => d.decision === 'DISCLOSE').length,
      redacted: decisions.filter((d) => d.decision === 'DISCLOSE_REDACTED').length,
      withheld: decisions.filter((d) => d.decision === 'WITHHOLD').length,
    });
    if (!recorded) throw this.closedMeanwhile(disclosureCase._id);
    return { html, recorded: true };
  }

  async close(
    disclosureCase: DisclosureCaseDocument,
    outcome: CaseOutcome,
    reason: string,
    by: string,
  ): Promise<DisclosureCaseDocument> {
    this.assertNotClosed(disclosureCase);
    if (outcome !== 'NOT_HELD' && outcome !== 'WITHDRAWN') {
      const lastPack = disclosureCase.packs.at(-1);
      if (disclosureCase.status !== 'DECIDED' || lastPack?.revision !== disclosureCase.revision) {
        throw new ConflictException(
          `case ${disclosureCase._id} has no pack of its current decisions: produce it (GET /v1/disclosure-cases/${disclosureCase._id}/pack) before closing it as ${outcome}`,
        );
      }
      const decided = outcomeOfDecisions([
        ...currentDecisions(disclosureCase.decisionLog).values(),
      ]);
      if (decided !== outcome) {
        throw new BadRequestException(
          `the decisions of case ${disclosureCase._id} amount to ${decided}, not ${outcome}`,
        );
      }
    }
    const closed = await this.cases.close(disclosureCase._id, disclosureCase.revision, {
      outcome,
      reason,
      closedBy: by,
      closedAt: this.clock(),
    });
    if (!closed) {
      throw new ConflictException(`case ${disclosureCase._id} changed meanwhile: read it again`);
    }
    return closed;
  }

  /** Where a case stands against its deadline today. */
  deadlineOf(disclosureCase: DisclosureCaseDocument): DeadlineStatus {
    const today = this.today();
    const { dueOn, closure } = disclosureCase;
    if (closure) {
      return {
        daysLeft: null,
        workingDaysLeft: null,
        overdue: false,
        near: false,
        closedLate: londonDate(closure.closedAt) > dueOn,
      };
    }
    const daysLeft = Math.round(
      (Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
    );
    const nearLimit = this.nearLimit(today);
    return {
      daysLeft,
      workingDaysLeft: this.safely(() => this.days.between(today, dueOn)),
      overdue: dueOn < today,
      near: dueOn >= today && nearLimit !== null && dueOn <= nearLimit,
      closedLate: null,
    };
  }

  /** The last day a case may be due on to count as near its deadline. */
  nearLimit(today: string = this.today()): string | null {
    return this.safely(() => this.days.add(today, nearDeadlineWorkingDays));
  }

  private safely<T>(count: () => T): T | null {
    try {
      return count();
    } catch (error) {
      if (error instanceof CalendarNotCoveredError) return null;
      throw error;
    }
  }

  /** The exemption a decision names, checked against the request's kind and the item. */
  private checkedDecision(
    kind: DisclosureKind,
    item: DisclosableItem,
    request: DecisionRequest,
  ): ExemptionCode | null {
    const redactions = request.redactions ?? [];
    if (item.restricted !== null && request.decision !== 'WITHHOLD') {
      throw new ForbiddenException(
        `${item.itemId} is not visible to you (${item.restricted}): it can only be withheld, or decided by someone entitled to read it`,
      );
    }
    if (request.decision === 'DISCLOSE') {
      if (request.exemption !== undefined || redactions.length > 0) {
        throw new BadRequestException('DISCLOSE takes neither an exemption nor redactions');
      }
      return null;
    }
    if (request.exemption === undefined) {
      throw new BadRequestException(`${request.decision} needs the exemption it rests on`);
    }
    const problem = exemptionProblem(kind, request.exemption);
    if (problem !== null) throw new BadRequestException(problem);
    if (request.decision === 'WITHHOLD' && redactions.length > 0) {
      throw new BadRequestException('WITHHOLD takes no redactions: nothing of the item is shown');
    }
    if (request.decision === 'DISCLOSE_REDACTED') {
      if (redactions.length === 0) {
        throw new BadRequestException('DISCLOSE_REDACTED needs the strings to redact');
      }
      const absent = redactions.filter((redaction) => !(item.text ?? '').includes(redaction));
      if (absent.length > 0) {
        throw new BadRequestException(
          `not in the text of ${item.itemId}, so nothing would be redacted: ${absent.map((a) => JSON.stringify(a)).join(', ')}`,
        );
      }
    }
    return request.exemption as ExemptionCode;
  }

  /** The subject's record as the handler may see it; 410 when it is no longer held. */
  private async visibleRecord(
    caller: Caller,
    disclosureCase: DisclosureCaseDocument,
  ): Promise<NominalRecordView> {
    const { nominalId } = disclosureCase;
    const lookup = await this.queries.record(nominalId);
    if (lookup.outcome === 'unknown') {
      throw new GoneException(
        `the hub no longer holds a record of ${nominalId} (removed): nothing can be decided or disclosed from it; close case ${disclosureCase._id} as NOT_HELD`,
      );
    }
    if (lookup.outcome === 'merged') {
      throw new ConflictException(
        `the record of ${nominalId} was merged into ${lookup.mergedInto}: open a case on ${lookup.mergedInto} for what the hub holds now`,
      );
    }
    const record = lookup.value;
    const facts = recordFactsOf(record);
    return recordFor(caller, relationOf(caller.organisation, facts), facts, record, this.directory);
  }

  private assertNotClosed(disclosureCase: DisclosureCaseDocument): void {
    if (disclosureCase.status !== 'CLOSED') return;
    const closure = disclosureCase.closure;
    throw new ConflictException(
      `case ${disclosureCase._id} is closed${closure ? ` (${closure.outcome} by ${closure.closedBy} at ${closure.closedAt.toISOString()})` : ''}: it takes no further decisions`,
    );
  }

  private closedMeanwhile(id: string): ConflictException {
    return new ConflictException(`case ${id} was closed or changed meanwhile: read it again`);
  }
}

function sha256Of(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text).digest('hex');
}
