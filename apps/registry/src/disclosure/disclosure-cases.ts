import type { Collection, Db, Filter } from 'mongodb';
import { pageOf, type PersonFieldCipher } from '@hub/persistence';
import { fieldNameOf, sensitiveDecisionFields } from '../encryption/sensitive-fields';
import type { ExemptionCode } from './disclosure-exemptions';
import type { DisclosureKind } from './statutory-deadlines';

export const itemDecisions = ['DISCLOSE', 'DISCLOSE_REDACTED', 'WITHHOLD'] as const;
export type ItemDecisionKind = (typeof itemDecisions)[number];

export const caseOutcomes = [
  'DISCLOSED_IN_FULL',
  'DISCLOSED_IN_PART',
  'WITHHELD_IN_FULL',
  'NOT_HELD',
  'WITHDRAWN',
] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/**
 * OPEN while items are being decided; DECIDED once a pack was produced from the current decisions
 * (a later decision opens it again); CLOSED with an outcome, after which nothing changes.
 */
export type CaseStatus = 'OPEN' | 'DECIDED' | 'CLOSED';

/** One decision on one item, as the decision log keeps it: the latest per item stands. */
export interface ItemDecision {
  itemId: string;
  /** The item's title when decided. */
  title: string;
  decision: ItemDecisionKind;
  /** Required to withhold or redact. */
  exemption: ExemptionCode | null;
  /** The exact strings blanked out of the text (DISCLOSE_REDACTED). */
  redactions: string[];
  reason: string;
  decidedBy: string;
  decidedAt: Date;
  /**
   * The text decided on, as the handler saw it: the pack discloses this, whatever the record says
   * later. Never kept for a withheld item, so that a pack cannot show it.
   */
  text: string | null;
  /**
   * SHA-256 of the item's text when decided (null for an item the handler could not see): tells
   * whether the item changed since, withheld items included, without keeping their text.
   */
  textSha256: string | null;
}

export interface CaseExtension {
  previousDueOn: string;
  newDueOn: string;
  reason: string;
  by: string;
  at: Date;
}

/** A disclosure pack the hub produced, kept as evidence of what was sent (by its hash). */
export interface ProducedPack {
  producedAt: Date;
  producedBy: string;
  /** The case's revision the pack was produced from. */
  revision: number;
  sha256: string;
  /** The items the pack shows (disclosed, redacted or listed as withheld). */
  itemIds: string[];
  disclosed: number;
  redacted: number;
  withheld: number;
}

export interface CaseClosure {
  outcome: CaseOutcome;
  reason: string;
  closedBy: string;
  closedAt: Date;
}

/** A disclosure request and its handling, in `disclosure_cases`. */
export interface DisclosureCaseDocument {
  _id: string;
  kind: DisclosureKind;
  nominalId: string;
  /** Who asked, as the handler describes them (free text). */
  requester: string;
  /** For a SAR: whether the requester's identity was verified. Null for other kinds. */
  identityVerified: boolean | null;
  receivedOn: string;
  /** The date a court or force gave; null for statutory kinds. */
  requesterDueOn: string | null;
  /** The deadline before any extension. */
  originalDueOn: string;
  /** The deadline in force (derived, then moved by extensions). */
  dueOn: string;
  deadlineRule: string;
  deadlineSource: string;
  extensions: CaseExtension[];
  status: CaseStatus;
  closure: CaseClosure | null;
  /** The user who opened the case and handles it. */
  handler: string;
  openedAt: Date;
  /** Raised by every change, so that a pack is recorded against the decisions it shows. */
  revision: number;
  /** Every decision on every item, oldest first; never rewritten. */
  decisionLog: ItemDecision[];
  packs: ProducedPack[];
}

export interface CaseQuery {
  kind?: DisclosureKind;
  status?: CaseStatus;
  nominalId?: string;
  /** Only cases not closed whose deadline falls in this range (inclusive). */
  dueBetween?: { from?: string; to?: string };
}

/** The latest decision of each item, in the order items were first decided. */
export function currentDecisions(log: readonly ItemDecision[]): Map<string, ItemDecision> {
  const current = new Map<string, ItemDecision>();
  for (const decision of log) current.set(decision.itemId, decision);
  return current;
}

/**
 * The case register. Every change is one conditional single-document write (FerretDB has no
 * multi-document transactions): a closed case matches no update, and a pack is recorded only
 * against the revision it was produced from. The texts a decision log keeps (copies of the
 * record's) are encrypted with the subject's data key, as the record's are: a removal's
 * crypto-shredding reaches them too.
 */
export class DisclosureCases {
  readonly collection: Collection<DisclosureCaseDocument>;

  constructor(
    db: Db,
    private readonly cipher: PersonFieldCipher,
  ) {
    this.collection = db.collection<DisclosureCaseDocument>('disclosure_cases');
  }

  /** The case with its decision log's texts opened (they are stored sealed). */
  private async opened(
    found: DisclosureCaseDocument | null,
  ): Promise<DisclosureCaseDocument | null> {
    if (!found) return null;
    const [opened] = await this.openedAll([found]);
    return opened;
  }

  private async openedAll(cases: DisclosureCaseDocument[]): Promise<DisclosureCaseDocument[]> {
    if (cases.length === 0) return cases;
    const opener = await this.cipher.openerFor(cases.map((each) => each.nominalId));
    return cases.map((each) => ({
      ...each,
      decisionLog: each.decisionLog.map((entry) =>
        transformDecision(entry, (field, value) => opener.open(each.nominalId, field, value)),
      ),
    }));
  }

  async open(document: DisclosureCaseDocument): Promise<DisclosureCaseDocument> {
    await this.collection.insertOne(document);
    return document;
  }

  /**
   * For a removal: blanks the item texts and redacted strings the decision log kept of the removed
   * people (the only rewrite of a log). The cases stay: who asked, when, and what was decided, by
   * whom and why, is the register's to keep.
   */
  async forgetTextOf(nominalIds: readonly string[]): Promise<void> {
    const cases = await this.collection
      .find({ nominalId: { $in: [...nominalIds] } }, { projection: { decisionLog: 1 } })
      .toArray();
    for (const { _id, decisionLog } of cases) {
      await this.collection.updateOne(
        { _id },
        {
          $set: {
            decisionLog: decisionLog.map((entry) => ({ ...entry, text: null, redactions: [] })),
          },
        },
      );
    }
  }

  async find(id: string): Promise<DisclosureCaseDocument | null> {
    return this.opened(await this.collection.findOne({ _id: id }));
  }

  async list(
    query: CaseQuery,
    page: number,
    pageSize: number,
  ): Promise<{ items: DisclosureCaseDocument[]; total: number }> {
    const filter: Filter<DisclosureCaseDocument> = {};
    if (query.kind) filter.kind = query.kind;
    if (query.status) filter.status = query.status;
    if (query.nominalId) filter.nominalId = query.nominalId;
    if (query.dueBetween) {
      filter.status = query.status ?? { $in: ['OPEN', 'DECIDED'] };
      filter.dueOn = {
        ...(query.dueBetween.from !== undefined && { $gte: query.dueBetween.from }),
        ...(query.dueBetween.to !== undefined && { $lte: query.dueBetween.to }),
      };
    }
    const { items, total } = await pageOf(
      this.collection,
      filter,
      { dueOn: 1, _id: 1 },
      page,
      pageSize,
    );
    return { items: await this.openedAll(items), total };
  }

  /** Appends a decision to a case not closed (which is open again); null when it is closed. */
  async decide(
    disclosureCase: Pick<DisclosureCaseDocument, '_id' | 'nominalId'>,
    decision: ItemDecision,
  ): Promise<DisclosureCaseDocument | null> {
    const { _id, nominalId } = disclosureCase;
    const sealer = await this.cipher.sealerFor([nominalId]);
    const sealed = transformDecision(decision, (field, value) =>
      sealer.seal(nominalId, field, value),
    );
    return this.opened(
      await this.collection.findOneAndUpdate(
        { _id, status: { $ne: 'CLOSED' } },
        { $push: { decisionLog: sealed }, $set: { status: 'OPEN' }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      ),
    );
  }

  /** Moves the deadline of a case not closed whose deadline is still `previousDueOn`. */
  async extend(id: string, extension: CaseExtension): Promise<DisclosureCaseDocument | null> {
    return this.opened(
      await this.collection.findOneAndUpdate(
        { _id: id, status: { $ne: 'CLOSED' }, dueOn: extension.previousDueOn },
        {
          $push: { extensions: extension },
          $set: { dueOn: extension.newDueOn },
          $inc: { revision: 1 },
        },
        { returnDocument: 'after' },
      ),
    );
  }

  /** Records a pack produced from `pack.revision`; null when the case changed or closed since. */
  async recordPack(id: string, pack: ProducedPack): Promise<DisclosureCaseDocument | null> {
    return this.opened(
      await this.collection.findOneAndUpdate(
        { _id: id, status: { $ne: 'CLOSED' }, revision: pack.revision },
        { $push: { packs: pack }, $set: { status: 'DECIDED' } },
        { returnDocument: 'after' },
      ),
    );
  }

  /**
   * Closes a case at `revision` (what the outcome was checked against); null when it was closed
   * or changed meanwhile.
   */
  async close(
    id: string,
    revision: number,
    closure: CaseClosure,
  ): Promise<DisclosureCaseDocument | null> {
    return this.opened(
      await this.collection.findOneAndUpdate(
        { _id: id, status: { $ne: 'CLOSED' }, revision },
        { $set: { status: 'CLOSED', closure }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      ),
    );
  }
}

/**
 * A decision with its sensitive fields (sensitive-fields.ts) sealed or opened by `transform`; the
 * stored form differs from the type only in those fields, hence the cast.
 */
function transformDecision(
  decision: ItemDecision,
  transform: (field: string, value: unknown) => unknown,
): ItemDecision {
  const transformed: Record<string, unknown> = { ...decision };
  for (const field of sensitiveDecisionFields) {
    const value = decision[field];
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    transformed[field] = transform(fieldNameOf('disclosure_cases', `decisionLog.${field}`), value);
  }
  return transformed as unknown as ItemDecision;
}
