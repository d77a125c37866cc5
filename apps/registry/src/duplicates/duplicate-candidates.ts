import type { Collection, Db, Filter } from 'mongodb';
import type { DuplicateDecision } from '@hub/contracts';
import { isDuplicateKeyError, pageOf } from '@hub/persistence';
import type { NominalDocument } from '../nominals/nominal.documents';
import { birthDatesToFind } from './birth-dates';
import { duplicateEvidence, reasonsOf, type DuplicateEvidence } from './duplicate-evidence';

export { duplicateNameThreshold } from './duplicate-evidence';

export type CandidateStatus = 'OPEN' | DuplicateDecision;

/** Two records that may be the same person, waiting for (or decided by) a record manager. */
export interface DuplicateCandidateDocument {
  /** `<lower id>|<higher id>`: one candidate per pair, however often it is found. */
  _id: string;
  nominalIds: [string, string];
  /** The record whose registration raised the flag. */
  flaggedBy: string;
  reasons: string[];
  nameSimilarity: number;
  status: CandidateStatus;
  flaggedAt: Date;
  decision: { eventId: string; reason: string; decidedBy: string | null; decidedAt: Date } | null;
}

/** How long a decision reserved by a request blocks others, if it never lands. */
const reservationTimeoutMs = 10 * 60 * 1000;

/**
 * A candidate as the review queue shows it: with the evidence, field by field, as the two records
 * stand now (null if either record is gone).
 */
export type CandidateWithEvidence = DuplicateCandidateDocument & {
  evidence: DuplicateEvidence | null;
};

/**
 * What matching reads of the other records. Alias dates of birth are optional: records written
 * before they existed are read without being upgraded.
 */
type MatchedRecord = Pick<
  NominalDocument,
  '_id' | 'name' | 'aliases' | 'identifiers' | 'dateOfBirth' | 'status' | 'search'
> &
  Partial<Pick<NominalDocument, 'aliasDatesOfBirth'>>;

const matchedFields = {
  _id: 1,
  name: 1,
  aliases: 1,
  identifiers: 1,
  dateOfBirth: 1,
  aliasDatesOfBirth: 1,
  status: 1,
  'search.identifierValues': 1,
} as const;

export interface DecisionDetails {
  eventId: string;
  reason: string;
  decidedBy: string | null;
  decidedAt: Date;
}

/** A decision as applied to a pair of records. */
export interface AppliedDecision {
  nominalId: string;
  otherNominalId: string;
  decision: DuplicateDecision;
  details: DecisionDetails;
}

export function candidateId(a: string, b: string): string {
  return [a, b].sort().join('|');
}

/** The two records in the order a candidate lists them (by id), so that evidence reads alike. */
function inIdOrder<T extends { _id: string }>(a: T, b: T): [T, T] {
  return a._id < b._id ? [a, b] : [b, a];
}

export class DuplicateCandidates {
  readonly candidates: Collection<DuplicateCandidateDocument>;
  private readonly decisionReservations: Collection<{ _id: string; reservedAt: Date }>;

  constructor(
    db: Db,
    private readonly nominals: Collection<NominalDocument>,
  ) {
    this.candidates = db.collection<DuplicateCandidateDocument>('duplicate_candidates');
    this.decisionReservations = db.collection('duplicate_decision_reservations');
  }

  /**
   * Flags the records that are likely the same person as any of `records` (duplicate-evidence.ts):
   * a shared national identifier, or a similar name with a matching date of birth (exact, day and
   * month swapped, an alias date of birth) or a shared local reference. Three queries for all of
   * them, served by indexes; run after the records are written, so that two registrations of one
   * person meet whichever is written first. Safe to repeat: a pair is flagged once.
   */
  async flagFor(records: NominalDocument[]): Promise<DuplicateCandidateDocument[]> {
    if (records.length === 0) return [];
    const distinct = (values: string[]) => [...new Set(values)];
    const birthDates = distinct(records.flatMap(birthDatesToFind));
    const ownBirthDates = distinct(
      records.flatMap((record) => [record.dateOfBirth, ...record.aliasDatesOfBirth]),
    );
    const identifierValues = distinct(records.flatMap((r) => r.search.identifierValues));
    const [sameBirthDate, aliasBirthDate, sharingIdentifier] = await Promise.all([
      this.nominals
        .find({ dateOfBirth: { $in: birthDates } }, { projection: matchedFields })
        .toArray(),
      this.nominals
        .find({ aliasDatesOfBirth: { $in: ownBirthDates } }, { projection: matchedFields })
        .toArray(),
      identifierValues.length === 0
        ? Promise.resolve([])
        : this.nominals
            .find(
              { 'search.identifierValues': { $in: identifierValues } },
              { projection: matchedFields },
            )
            .toArray(),
    ]);
    // Each record is compared with the records sharing its birth date or an identifier only: name
    // similarity is the costly part, and a batch's records would otherwise meet every other.
    const byKey = new Map<string, Map<string, MatchedRecord>>();
    const file = (key: string, other: MatchedRecord): void => {
      const filed = byKey.get(key) ?? new Map<string, MatchedRecord>();
      filed.set(other._id, other);
      byKey.set(key, filed);
    };
    for (const other of [...sameBirthDate, ...aliasBirthDate, ...sharingIdentifier]) {
      if (other.status === 'MERGED') continue;
      file(`dob:${other.dateOfBirth}`, other);
      for (const date of other.aliasDatesOfBirth ?? []) file(`alias-dob:${date}`, other);
      for (const value of other.search.identifierValues) file(`id:${value}`, other);
    }
    const flagged = new Map<string, DuplicateCandidateDocument>();
    for (const record of records) {
      const keys = [
        ...birthDatesToFind(record).map((date) => `dob:${date}`),
        ...[record.dateOfBirth, ...record.aliasDatesOfBirth].map((date) => `alias-dob:${date}`),
        ...record.search.identifierValues.map((value) => `id:${value}`),
      ];
      const others = new Map(keys.flatMap((key) => [...(byKey.get(key) ?? new Map()).entries()]));
      for (const candidate of this.candidatesOf(record, others.values())) {
        if (!flagged.has(candidate._id)) flagged.set(candidate._id, candidate);
      }
    }
    const candidates = [...flagged.values()];
    if (candidates.length === 0) return [];
    try {
      await this.candidates.insertMany(candidates, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // pairs flagged by an earlier delivery stay as they are
    }
    return candidates;
  }

  private candidatesOf(
    record: MatchedRecord,
    others: Iterable<MatchedRecord>,
  ): DuplicateCandidateDocument[] {
    const candidates: DuplicateCandidateDocument[] = [];
    for (const other of others) {
      if (other._id === record._id) continue;
      const evidence = duplicateEvidence(...inIdOrder(record, other));
      if (evidence.grounds.length === 0) continue;
      candidates.push({
        _id: candidateId(record._id, other._id),
        nominalIds: [record._id, other._id].sort() as [string, string],
        flaggedBy: record._id,
        reasons: reasonsOf(evidence),
        nameSimilarity: evidence.name.similarity,
        status: 'OPEN',
        flaggedAt: new Date(),
        decision: null,
      });
    }
    return candidates;
  }

  /**
   * Reserves the decision of a candidate for one request, by a unique insert: two record managers
   * deciding the same pair at once must not both publish. A reservation whose decision never landed
   * (refused by the registry) can be taken over after a while.
   */
  async reserveDecision(id: string, now = new Date()): Promise<boolean> {
    try {
      await this.decisionReservations.insertOne({ _id: id, reservedAt: now });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const reservation = await this.decisionReservations.findOne({ _id: id });
    if (reservation && now.getTime() - reservation.reservedAt.getTime() < reservationTimeoutMs) {
      return false;
    }
    await this.decisionReservations.deleteOne({ _id: id });
    return this.reserveDecision(id, now);
  }

  async cancelDecision(id: string): Promise<void> {
    await this.decisionReservations.deleteOne({ _id: id });
  }

  find(id: string): Promise<DuplicateCandidateDocument | null> {
    return this.candidates.findOne({ _id: id });
  }

  /**
   * The candidates with their evidence, from the records as they stand now (a record manager
   * decides on the records, not on what they were when flagged): one query by id for a page.
   */
  async withEvidence(candidates: DuplicateCandidateDocument[]): Promise<CandidateWithEvidence[]> {
    const ids = [...new Set(candidates.flatMap((candidate) => candidate.nominalIds))];
    const records =
      ids.length === 0
        ? []
        : await this.nominals.find({ _id: { $in: ids } }, { projection: matchedFields }).toArray();
    const byId = new Map<string, MatchedRecord>(records.map((record) => [record._id, record]));
    return candidates.map((candidate) => {
      const [first, second] = candidate.nominalIds.map((id) => byId.get(id));
      return {
        ...candidate,
        evidence: first && second ? duplicateEvidence(first, second) : null,
      };
    });
  }

  async list(
    status: CandidateStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: DuplicateCandidateDocument[]; total: number }> {
    // Every status rather than no filter: the count and the order then come from the review-queue
    // index too, where an empty filter would read the whole collection to count it. A record, so
    // that the compiler notices a status added later.
    const every: Record<CandidateStatus, true> = {
      OPEN: true,
      LINKED: true,
      MERGED: true,
      NOT_DUPLICATE: true,
    };
    const filter: Filter<DuplicateCandidateDocument> = {
      status: status ?? { $in: Object.keys(every) as CandidateStatus[] },
    };
    return pageOf(this.candidates, filter, { flaggedAt: 1, _id: 1 }, page, pageSize);
  }

  /** Records decisions once they have been applied to the records (one round trip). */
  async markDecided(decisions: AppliedDecision[]): Promise<void> {
    if (decisions.length === 0) return;
    await this.candidates.bulkWrite(
      decisions.map(({ nominalId, otherNominalId, decision, details }) => ({
        updateOne: {
          filter: { _id: candidateId(nominalId, otherNominalId) },
          update: {
            $set: { status: decision, decision: details },
            $setOnInsert: {
              nominalIds: [nominalId, otherNominalId].sort() as [string, string],
              flaggedBy: nominalId,
              reasons: ['decided without being flagged'],
              nameSimilarity: 0,
              flaggedAt: details.decidedAt,
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
}
