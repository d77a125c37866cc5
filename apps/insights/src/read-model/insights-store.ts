import type {
  AnyBulkWriteOperation,
  Collection,
  Db,
  Filter,
  OptionalUnlessRequiredId,
} from 'mongodb';
import type { NominalChanged, TransferStepOverdue, TransferStepRecorded } from '@hub/contracts';
import { isDuplicateKeyError } from '@hub/persistence';
import { factRowsOf, type EventRow, type OrderRow, type PeriodRow } from './fact-rows';
import { personSummaryOf, type PersonSummary } from './person-summary';
import {
  escalationRowOf,
  transferStepRowOf,
  type EscalationRow,
  type TransferStepRow,
} from './transfer-rows';

/** What is left of a removed person: a mark that outranks every version of their record. */
interface RemovalMark {
  _id: string;
  version: number;
  removedAt: Date;
}

/** The read model's collections, by name: the figures' queries name them too. */
export const readModelCollections = {
  people: 'insight_people',
  periods: 'insight_periods',
  events: 'insight_events',
  orders: 'insight_orders',
  transferSteps: 'insight_transfer_steps',
  escalations: 'insight_escalations',
} as const;

/**
 * The insights read model in MongoDB. A person's rows are replaced as a whole by each newer
 * version of their record; the person's summary is written last, so that a crash in between leaves
 * an older version held and the redelivered record is applied again.
 */
export class InsightsStore {
  readonly people: Collection<PersonSummary>;
  readonly periods: Collection<PeriodRow>;
  readonly events: Collection<EventRow>;
  readonly orders: Collection<OrderRow>;
  readonly transferSteps: Collection<TransferStepRow>;
  readonly escalations: Collection<EscalationRow>;
  private readonly marks: Collection<RemovalMark>;

  constructor(readonly db: Db) {
    this.people = db.collection(readModelCollections.people);
    this.marks = db.collection(readModelCollections.people);
    this.periods = db.collection(readModelCollections.periods);
    this.events = db.collection(readModelCollections.events);
    this.orders = db.collection(readModelCollections.orders);
    this.transferSteps = db.collection(readModelCollections.transferSteps);
    this.escalations = db.collection(readModelCollections.escalations);
  }

  /** Every index the figures' queries use, made before the first query runs. */
  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.periods.createIndex({ jurisdiction: 1, from: 1, to: 1 }),
      this.periods.createIndex({ area: 1, from: 1, to: 1 }),
      this.periods.createIndex({ nominalId: 1 }),
      this.events.createIndex({ jurisdiction: 1, on: 1 }),
      this.events.createIndex({ area: 1, on: 1 }),
      this.events.createIndex({ nominalId: 1 }),
      this.orders.createIndex({ jurisdiction: 1, madeOn: 1 }),
      this.orders.createIndex({ nominalId: 1 }),
      this.transferSteps.createIndex({ at: 1 }),
      this.transferSteps.createIndex({ transferId: 1, version: 1 }),
      this.transferSteps.createIndex({ nominalId: 1 }),
      this.escalations.createIndex({ at: 1 }),
      this.escalations.createIndex({ nominalId: 1 }),
      this.people.createIndex({ managingArea: 1 }),
    ]);
  }

  /** Drops every row: a rebuild starts from nothing. */
  async clear(): Promise<void> {
    await Promise.all(
      Object.values(readModelCollections).map((name) => this.db.collection(name).deleteMany({})),
    );
  }

  /**
   * Applies the latest version of each record in `records` that is newer than the one held (a
   * replay, or the compacted topic read again, delivers older ones), in a few round trips.
   */
  async apply(records: readonly NominalChanged[]): Promise<number> {
    const latest = new Map<string, NominalChanged>();
    for (const record of records) {
      const held = latest.get(record.nominalId);
      if (!held || held.version < record.version) latest.set(record.nominalId, record);
    }
    if (latest.size === 0) return 0;
    const held = await this.marks
      .find({ _id: { $in: [...latest.keys()] } }, { projection: { version: 1 } })
      .toArray();
    for (const { _id, version } of held) {
      if (version >= (latest.get(_id)?.version ?? 0)) latest.delete(_id);
    }
    if (latest.size === 0) return 0;
    const ids = [...latest.keys()];
    const rows = [...latest.values()].map(factRowsOf);
    await this.replaceRows(
      ids,
      rows.flatMap((row) => row.periods),
      this.periods,
    );
    await this.replaceRows(
      ids,
      rows.flatMap((row) => row.events),
      this.events,
    );
    await this.replaceRows(
      ids,
      rows.flatMap((row) => row.orders),
      this.orders,
    );
    try {
      await this.people.bulkWrite(
        [...latest.values()].map((record): AnyBulkWriteOperation<PersonSummary> => {
          const summary = personSummaryOf(record);
          return {
            replaceOne: {
              // Never over a removal mark: the upsert collides with it instead.
              filter: { _id: summary._id, removedAt: { $exists: false } },
              replacement: summary,
              upsert: true,
            },
          };
        }),
        { ordered: false },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Removed while the rows were written (a rebuild reads the removals alongside): forget again.
      await this.deleteRowsOf([...(await this.removedAmong(ids))]);
    }
    return latest.size;
  }

  private async replaceRows<T extends { _id: string; nominalId: string }>(
    ids: readonly string[],
    rows: readonly T[],
    collection: Collection<T>,
  ): Promise<void> {
    // The generic collection cannot see that `nominalId` is a field of T, nor that T's `_id` is set.
    await collection.deleteMany({ nominalId: { $in: [...ids] } } as Filter<T>);
    if (rows.length > 0) {
      await collection.insertMany(rows as OptionalUnlessRequiredId<T>[], { ordered: false });
    }
  }

  /**
   * Forgets removed people: the mark of their removal first (it stops any later version and any
   * concurrent write of their summary), then every row of theirs.
   */
  async forget(nominalIds: readonly string[], removedAt: Date): Promise<void> {
    if (nominalIds.length === 0) return;
    await this.marks.bulkWrite(
      nominalIds.map((_id) => ({
        replaceOne: {
          filter: { _id },
          replacement: { version: Number.MAX_SAFE_INTEGER, removedAt },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    await this.deleteRowsOf(nominalIds);
  }

  private async deleteRowsOf(nominalIds: readonly string[]): Promise<void> {
    if (nominalIds.length === 0) return;
    const filter = { nominalId: { $in: [...nominalIds] } };
    await Promise.all([
      this.periods.deleteMany(filter),
      this.events.deleteMany(filter),
      this.orders.deleteMany(filter),
      this.transferSteps.deleteMany(filter),
      this.escalations.deleteMany(filter),
    ]);
  }

  private async removedAmong(nominalIds: readonly string[]): Promise<Set<string>> {
    const marks = await this.marks
      .find({ _id: { $in: [...new Set(nominalIds)] }, removedAt: { $exists: true } })
      .project<{ _id: string }>({ _id: 1 })
      .toArray();
    return new Set(marks.map((mark) => mark._id));
  }

  /** Keeps transfer steps (a redelivery replaces itself), except those of removed people. */
  keepTransferSteps(steps: readonly TransferStepRecorded[]): Promise<void> {
    return this.keepRows(this.transferSteps, steps.map(transferStepRowOf));
  }

  keepEscalations(overdue: readonly TransferStepOverdue[]): Promise<void> {
    return this.keepRows(this.escalations, overdue.map(escalationRowOf));
  }

  /**
   * Upserts rows by id, leaving out removed people's. A removal written meanwhile is checked for
   * again after the write, so that no row of a removed person survives a race with it.
   */
  private async keepRows<T extends { _id: string; nominalId: string }>(
    collection: Collection<T>,
    rows: readonly T[],
  ): Promise<void> {
    const ids = rows.map((row) => row.nominalId);
    const removed = await this.removedAmong(ids);
    const kept = rows.filter((row) => !removed.has(row.nominalId));
    if (kept.length === 0) return;
    await collection.bulkWrite(
      kept.map((row) => ({
        // The generic collection cannot see that T's `_id` is a string field.
        replaceOne: { filter: { _id: row._id } as Filter<T>, replacement: row, upsert: true },
      })),
      { ordered: false },
    );
    const removedMeanwhile = await this.removedAmong(ids);
    if (removedMeanwhile.size > 0) await this.deleteRowsOf([...removedMeanwhile]);
  }
}
