import type { Collection, Db } from 'mongodb';
import type { NominalChanged } from '@hub/contracts';
import { isDuplicateKeyError } from '@hub/persistence';
import { recordFactsOfRecord, type RecordFacts } from '@hub/security';
import type { SubjectFacts } from '../workflow/transfer-workflow';

/**
 * What the coordinator keeps of a person's record, from the registry's changed-record topic: who
 * manages them and how, never their name or history. Only the latest version of a record is kept.
 */
export interface SubjectDocument {
  _id: string;
  version: number;
  status: NominalChanged['status'];
  mergedInto: string | null;
  management: NominalChanged['management'];
  mappa: {
    category: NonNullable<NominalChanged['mappa']>['category'];
    level: NonNullable<NominalChanged['mappa']>['level'];
  } | null;
  ppani: {
    eligibility: NonNullable<NominalChanged['ppani']>['eligibility'];
    riskCategory: NonNullable<NominalChanged['ppani']>['riskCategory'];
  } | null;
  custodyEstablishment: string | null;
  latestRiskAssessmentId: string | null;
  openTransfer: NominalChanged['openTransfer'];
}

export function subjectOf(record: NominalChanged): SubjectDocument {
  const ppaniCurrent = record.ppani && record.ppani.leftOn === null ? record.ppani : null;
  return {
    _id: record.nominalId,
    version: record.version,
    status: record.status,
    mergedInto: record.mergedInto,
    management: record.management,
    mappa: record.mappa ? { category: record.mappa.category, level: record.mappa.level } : null,
    ppani: ppaniCurrent
      ? { eligibility: ppaniCurrent.eligibility, riskCategory: ppaniCurrent.riskCategory }
      : null,
    custodyEstablishment:
      record.custody?.state === 'IN_CUSTODY' ? (record.custody.establishment ?? null) : null,
    latestRiskAssessmentId: record.latestRiskAssessment?.assessmentId ?? null,
    openTransfer: record.openTransfer,
  };
}

/** The need-to-know facts of a subject, derived as the registry derives them from the record. */
export function recordFactsOfSubject(subject: SubjectDocument): RecordFacts {
  return recordFactsOfRecord(subject);
}

export function subjectFactsOf(subject: SubjectDocument): SubjectFacts {
  return {
    nominalId: subject._id,
    managingArea: subject.management.managingArea,
    jurisdiction: subject.management.jurisdiction,
    leadAgency: subject.management.leadAgency,
    recordManager: subject.management.recordManager,
    victimContact: subject.management.victimContact,
    mappa: subject.mappa,
    ppani: subject.ppani,
    latestRiskAssessmentId: subject.latestRiskAssessmentId,
  };
}

/**
 * What is left of a removed person: a mark that outranks every version, so that a changed record
 * published before the removal and read after it cannot bring the person back.
 */
interface RemovedSubject {
  _id: string;
  version: number;
  removedAt: Date;
}

export class SubjectRecords {
  readonly subjects: Collection<SubjectDocument>;
  private readonly removed: Collection<RemovedSubject>;

  constructor(db: Db) {
    this.subjects = db.collection<SubjectDocument>('transfer_subjects');
    this.removed = db.collection<RemovedSubject>('transfer_subjects');
  }

  get(nominalId: string): Promise<SubjectDocument | null> {
    return this.subjects.findOne({ _id: nominalId, removedAt: { $exists: false } });
  }

  /** Replaces what is kept of each removed person by the mark of their removal (one round trip). */
  async forget(nominalIds: readonly string[], removedAt: Date): Promise<void> {
    if (nominalIds.length === 0) return;
    await this.removed.bulkWrite(
      nominalIds.map((_id) => ({
        replaceOne: {
          filter: { _id },
          replacement: { version: Number.MAX_SAFE_INTEGER, removedAt },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /**
   * Keeps the latest version of each record in `records` (one round trip): an older version, as a
   * replay or a compacted topic's re-read delivers, never overwrites a newer one.
   */
  async keep(records: readonly NominalChanged[]): Promise<void> {
    const latest = new Map<string, NominalChanged>();
    for (const record of records) {
      const held = latest.get(record.nominalId);
      if (!held || held.version < record.version) latest.set(record.nominalId, record);
    }
    if (latest.size === 0) return;
    try {
      await this.subjects.bulkWrite(
        [...latest.values()].map((record) => {
          const { _id, ...fields } = subjectOf(record);
          return {
            updateOne: {
              filter: { _id, version: { $lt: record.version } },
              update: { $set: fields },
              upsert: true,
            },
          };
        }),
        { ordered: false },
      );
    } catch (error) {
      // An upsert whose filter missed because a newer version is held collides on `_id`: the
      // newer version stays, which is what is wanted. Any other failure is the database's.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
