import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { NominalDocument } from '../nominals/nominal.documents';

/** The day a record's date-dependent facts next change, kept apart from the record. */
export interface DueDateDocument {
  _id: string;
  on: string;
}

/** A record's next due day after a write; null when nothing of it changes with the date. */
export interface DueDate {
  nominalId: string;
  on: string | null;
}

interface BackfillCheckpoint {
  _id: string;
  doneAt: Date;
}

/** The day an older record is due on: before any other, so it is taken first. */
const olderRecordsDueOn = '1970-01-01';
/**
 * Named for the last derived fact added (MAPPA eligibility): a new name makes every record derived
 * again once, so that records written before it gain the fact.
 */
const backfillCheckpoint = 'older-records-due@eligibility';

/**
 * When each record's derived facts next change with the date (`rederiveOn`), in `record_due_dates`:
 * a small collection written only when that day moves, so that the records themselves carry no
 * index for it (DocumentDB rewrites every index entry of a document on each update). Written after
 * the records, and again for a redelivered batch, so a crash between the two loses nothing.
 */
export class DueDates {
  readonly collection: Collection<DueDateDocument>;
  private readonly checkpoints: Collection<BackfillCheckpoint>;

  constructor(
    db: Db,
    private readonly nominals: Collection<NominalDocument>,
  ) {
    this.collection = db.collection<DueDateDocument>('record_due_dates');
    this.checkpoints = db.collection<BackfillCheckpoint>('registry_checkpoints');
  }

  async write(dates: readonly DueDate[]): Promise<void> {
    if (dates.length === 0) return;
    const operations: AnyBulkWriteOperation<DueDateDocument>[] = dates.map(({ nominalId, on }) =>
      on === null
        ? { deleteOne: { filter: { _id: nominalId } } }
        : { updateOne: { filter: { _id: nominalId }, update: { $set: { on } }, upsert: true } },
    );
    await this.collection.bulkWrite(operations, { ordered: false });
  }

  /** Records whose day has come, `limit` at the most. */
  due(today: string, limit: number): Promise<DueDateDocument[]> {
    return this.collection
      .find({ on: { $lte: today } })
      .limit(limit)
      .toArray();
  }

  /**
   * Once per database (and again when a derived fact is added): makes due every record written
   * before, so that the sweeps derive each again (a few thousand at a time) and publish it brought
   * up to date.
   */
  async markOlderRecordsDue(): Promise<number> {
    if (await this.checkpoints.findOne({ _id: backfillCheckpoint })) return 0;
    let marked = 0;
    const older = this.nominals.find<Pick<NominalDocument, '_id'>>(
      { status: { $ne: 'MERGED' } },
      { projection: { _id: 1 } },
    );
    let batch: DueDate[] = [];
    for await (const { _id } of older) {
      batch.push({ nominalId: _id, on: olderRecordsDueOn });
      if (batch.length === 1_000) {
        await this.write(batch);
        marked += batch.length;
        batch = [];
      }
    }
    await this.write(batch);
    marked += batch.length;
    await this.checkpoints.updateOne(
      { _id: backfillCheckpoint },
      { $set: { doneAt: new Date() } },
      { upsert: true },
    );
    return marked;
  }
}
