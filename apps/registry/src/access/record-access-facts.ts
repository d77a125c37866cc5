import { GoneException, NotFoundException } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { recordFactsOfRecord, type RecordFacts } from '@hub/security';
import type { NominalDocument } from '../nominals/nominal.documents';
import { RecordRemovals } from '../removal/record-removals';

type FactsSource = Pick<NominalDocument, '_id' | 'management' | 'custody'> &
  Partial<Pick<NominalDocument, 'openTransfer'>>;

/** What the need-to-know policy reads of a stored record (`openTransfer` absent on older ones). */
export function recordFactsOf(
  record: Pick<NominalDocument, 'management' | 'custody'> &
    Partial<Pick<NominalDocument, 'openTransfer'>>,
): RecordFacts {
  const { management, custody, openTransfer } = record;
  return recordFactsOfRecord({
    management,
    custodyEstablishment: custody?.state === 'IN_CUSTODY' ? custody.establishment : null,
    openTransfer,
  });
}

/** The policy's facts of many records in one round trip (a page of search results). */
export class RecordAccessFacts {
  private readonly nominals: Collection<NominalDocument>;
  private readonly removals: RecordRemovals;

  constructor(db: Db) {
    this.nominals = db.collection<NominalDocument>('nominals');
    this.removals = new RecordRemovals(db);
  }

  /**
   * Refuses a request about records that do not exist: 410 for one removed after a retention
   * decision (the caller learns it existed and is gone for good, not that it never was), else 404.
   */
  async refuseMissing(ids: readonly string[]): Promise<never> {
    const [removedId] = await this.removals.removedAmong(ids);
    const removal = removedId === undefined ? null : await this.removals.of(removedId);
    if (removal) {
      throw new GoneException(
        `nominal ${removedId} was removed from the hub after a retention decision (${removal.decisionId}, ${removal.decidedAt.toISOString().slice(0, 10)}): nothing about the person is kept`,
      );
    }
    throw new NotFoundException(`no nominal with id ${ids.join(' or ')}`);
  }

  async of(ids: readonly string[]): Promise<Map<string, RecordFacts>> {
    if (ids.length === 0) return new Map();
    const records = await this.nominals
      .find<FactsSource>(
        { _id: { $in: [...ids] } },
        { projection: { _id: 1, management: 1, custody: 1, openTransfer: 1 } },
      )
      .toArray();
    return new Map(records.map((record) => [record._id, recordFactsOf(record)]));
  }
}
