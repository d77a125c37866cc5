import type { Collection, Db, Filter } from 'mongodb';
import { KeyedQueue } from '../infrastructure/keyed-queue';
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

/** How long a decision reserved by a request blocks others, if it never lands. */
const reservationTimeoutMs = 10 * 60 * 1000;

/** The records filed under one matching key: a date of birth, or an identifier value. */
interface MatchKeyDocument {
  _id: string;
  nominalIds: string[];
}

const birthDateKey = (dateOfBirth: string): string => `dob:${dateOfBirth}`;
const identifierKey = (normalisedValue: string): string => `id:${normalisedValue}`;

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
  private readonly matchKeys: Collection<MatchKeyDocument>;
  private readonly decisionReservations: Collection<{ _id: string; reservedAt: Date }>;
  private readonly keyWrites = new KeyedQueue();

  constructor(
    db: Db,
    private readonly nominals: Collection<NominalDocument>,
  ) {
    this.candidates = db.collection<DuplicateCandidateDocument>('duplicate_candidates');
    this.matchKeys = db.collection<MatchKeyDocument>('duplicate_match_keys');
    this.decisionReservations = db.collection('duplicate_decision_reservations');
  }

  async ensureIndexes(): Promise<void> {
    await this.candidates.createIndex({ status: 1, flaggedAt: 1 }, { name: 'review_queue' });
  }

  /**
   * Flags the records that are likely the same person as `record`: a shared agency identifier, or
   * the same date of birth with a similar name. Safe to repeat: a pair is flagged once.
   */
  async flagFor(record: NominalDocument): Promise<DuplicateCandidateDocument[]> {
    const [sharingIdentifier, sameBirthDate] = await Promise.all([
      this.recordsUnder(record.search.identifierValues.map(identifierKey), record._id),
      this.recordsUnder([birthDateKey(record.dateOfBirth)], record._id),
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

  /**
   * Files the record under its date of birth and identifiers, so that later registrations find it
   * by key: FerretDB looks documents up by id without reading the collection, but scans it for any
   * other filter. Updates of one key are queued in this process (FerretDB's updates are not atomic
   * against each other); repeating it is harmless.
   */
  async index(record: NominalDocument): Promise<void> {
    const keys = [
      birthDateKey(record.dateOfBirth),
      ...record.search.identifierValues.map(identifierKey),
    ];
    await Promise.all(
      keys.map((key) =>
        this.keyWrites.run(key, () =>
          this.matchKeys.updateOne(
            { _id: key },
            { $addToSet: { nominalIds: record._id } },
            { upsert: true },
          ),
        ),
      ),
    );
  }

  /** The records filed under any of `keys`, other than `self`, that are not merged away. */
  private async recordsUnder(keys: string[], self: string): Promise<NominalDocument[]> {
    const ids = new Set<string>();
    for (const key of keys) {
      const entry = await this.matchKeys.findOne({ _id: key });
      for (const id of entry?.nominalIds ?? []) if (id !== self) ids.add(id);
    }
    const records = await Promise.all([...ids].map((id) => this.nominals.findOne({ _id: id })));
    return records.filter(
      (other): other is NominalDocument => other !== null && other.status !== 'MERGED',
    );
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
