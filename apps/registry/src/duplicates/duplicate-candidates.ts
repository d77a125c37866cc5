import type { Collection, Db, Filter } from 'mongodb';
import type { DuplicateDecision, PersonName } from '@hub/contracts';
import { isDuplicateKeyError } from '@hub/persistence';
import type { NominalDocument } from '../nominals/nominal.documents';
import { nameSimilarity } from '../search/name-matching';

/** Names this similar (0..1, order of name parts ignored) with the same date of birth are flagged. */
export const duplicateNameThreshold = 0.85;

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

export function candidateId(a: string, b: string): string {
  return [a, b].sort().join('|');
}

function bestNameSimilarity(a: NominalDocument, b: NominalDocument): number {
  const names = (record: NominalDocument): PersonName[] => [record.name, ...record.aliases];
  let best = 0;
  for (const left of names(a)) {
    for (const right of names(b)) best = Math.max(best, nameSimilarity(left, right));
  }
  return best;
}

export class DuplicateCandidates {
  readonly candidates: Collection<DuplicateCandidateDocument>;

  constructor(
    db: Db,
    private readonly nominals: Collection<NominalDocument>,
  ) {
    this.candidates = db.collection<DuplicateCandidateDocument>('duplicate_candidates');
  }

  async ensureIndexes(): Promise<void> {
    await this.candidates.createIndex({ status: 1, flaggedAt: 1 }, { name: 'review_queue' });
  }

  /**
   * Flags the records that are likely the same person as `record`: a shared agency identifier, or
   * the same date of birth with a similar name. Safe to repeat: a pair is flagged once.
   */
  async flagFor(record: NominalDocument): Promise<DuplicateCandidateDocument[]> {
    const others: Filter<NominalDocument> = { _id: { $ne: record._id }, status: { $ne: 'MERGED' } };
    const [sharingIdentifier, sameBirthDate] = await Promise.all([
      record.search.identifierValues.length === 0
        ? []
        : this.nominals
            .find({ ...others, 'search.identifierValues': { $in: record.search.identifierValues } })
            .toArray(),
      this.nominals.find({ ...others, dateOfBirth: record.dateOfBirth }).toArray(),
    ]);
    const found = new Map<string, { other: NominalDocument; reasons: string[] }>();
    const reasonFor = (other: NominalDocument, reason: string): void => {
      const entry = found.get(other._id) ?? { other, reasons: [] };
      entry.reasons.push(reason);
      found.set(other._id, entry);
    };
    for (const other of sharingIdentifier) {
      const shared = other.identifiers.filter((id) =>
        record.identifiers.some(
          (mine) =>
            mine.type === id.type &&
            mine.value.replace(/\s+/g, '').toUpperCase() ===
              id.value.replace(/\s+/g, '').toUpperCase(),
        ),
      );
      for (const id of shared) reasonFor(other, `shares ${id.type} ${id.value}`);
    }
    for (const other of sameBirthDate) {
      const similarity = bestNameSimilarity(record, other);
      if (similarity >= duplicateNameThreshold) {
        reasonFor(other, `same date of birth and a similar name (${similarity.toFixed(2)})`);
      }
    }
    const flagged: DuplicateCandidateDocument[] = [];
    for (const { other, reasons } of found.values()) {
      const candidate: DuplicateCandidateDocument = {
        _id: candidateId(record._id, other._id),
        nominalIds: [record._id, other._id].sort() as [string, string],
        flaggedBy: record._id,
        reasons,
        nameSimilarity: bestNameSimilarity(record, other),
        status: 'OPEN',
        flaggedAt: new Date(),
        decision: null,
      };
      try {
        await this.candidates.insertOne(candidate);
        flagged.push(candidate);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // flagged by an earlier delivery
      }
    }
    return flagged;
  }

  find(id: string): Promise<DuplicateCandidateDocument | null> {
    return this.candidates.findOne({ _id: id });
  }

  async list(
    status: CandidateStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: DuplicateCandidateDocument[]; total: number }> {
    const filter: Filter<DuplicateCandidateDocument> = status ? { status } : {};
    const [items, total] = await Promise.all([
      this.candidates
        .find(filter)
        .sort({ flaggedAt: 1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .toArray(),
      this.candidates.countDocuments(filter),
    ]);
    return { items, total };
  }

  /** Records the decision once it has been applied to the records. */
  async markDecided(
    a: string,
    b: string,
    decision: DuplicateDecision,
    details: { eventId: string; reason: string; decidedBy: string | null; decidedAt: Date },
  ): Promise<void> {
    await this.candidates.updateOne(
      { _id: candidateId(a, b) },
      {
        $set: { status: decision, decision: details },
        $setOnInsert: {
          nominalIds: [a, b].sort() as [string, string],
          flaggedBy: a,
          reasons: ['decided without being flagged'],
          nameSimilarity: 0,
          flaggedAt: details.decidedAt,
        },
      },
      { upsert: true },
    );
  }
}
