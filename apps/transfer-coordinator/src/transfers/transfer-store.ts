import type { Collection, Db, Filter } from 'mongodb';
import { isDuplicateKeyError } from '@hub/persistence';
import type { TransferState } from '@hub/contracts';
import type { Transfer } from '../workflow/transfer';

/** A person already has a transfer under way: one at a time. */
export class OpenTransferExistsError extends Error {
  override name = 'OpenTransferExistsError';

  constructor(
    readonly nominalId: string,
    readonly openTransfer: Pick<Transfer, '_id' | 'state' | 'receivingArea'> | null,
  ) {
    super(
      openTransfer
        ? `nominal ${nominalId} already has transfer ${openTransfer._id} to ${openTransfer.receivingArea} under way (state ${openTransfer.state}): finish, withdraw or cancel it first`
        : `nominal ${nominalId} already has a transfer under way`,
    );
  }
}

/** Somebody else changed the transfer between our read and our write: theirs stands. */
export class ConcurrentTransferChangeError extends Error {
  override name = 'ConcurrentTransferChangeError';

  constructor(
    readonly transferId: string,
    readonly current: Pick<Transfer, 'state' | 'version'> | null,
  ) {
    super(
      `transfer ${transferId} was changed by someone else while you acted` +
        (current ? ` (it is now version ${current.version}, state ${current.state})` : '') +
        ': read it again and decide again',
    );
  }
}

export interface TransferQuery {
  /** Transfers from or to any of these areas (area keys); absent: all (national roles). */
  areaKeys?: readonly string[];
  /** Transfers from or to this one area (an area key). */
  areaKey?: string;
  states?: readonly TransferState[];
  nominalId?: string;
  /** Only those with a step or a victim liaison acknowledgement past its due time at `now`. */
  overdueAt?: Date;
  escalated?: boolean;
  /** Page after this transfer id (ids sort by request time: see `transferIdAt`). */
  after?: string;
  limit: number;
}

/** The `transfers` collection. Every query below is served by an index made in `ensureIndexes`. */
export class TransferStore {
  readonly transfers: Collection<Transfer>;

  constructor(db: Db) {
    this.transfers = db.collection<Transfer>('transfers');
  }

  async ensureIndexes(): Promise<void> {
    await this.transfers.createIndexes([
      // One open transfer per person: `openFor` is the person's id while open, unique to the
      // transfer once it ends, so a plain unique index says it (no partial index needed).
      { key: { openFor: 1 }, name: 'one_open_transfer_per_person', unique: true },
      { key: { nominalId: 1, _id: 1 }, name: 'by_person' },
      { key: { sendingAreaKey: 1, _id: 1 }, name: 'by_sending_area' },
      { key: { receivingAreaKey: 1, _id: 1 }, name: 'by_receiving_area' },
      { key: { nextEscalationAt: 1 }, name: 'escalation_due' },
      { key: { nextDueAt: 1 }, name: 'step_due' },
      { key: { escalation: 1, _id: 1 }, name: 'escalated' },
      { key: { 'outbox.eventId': 1 }, name: 'unpublished_events' },
    ]);
  }

  get(transferId: string): Promise<Transfer | null> {
    return this.transfers.findOne({ _id: transferId });
  }

  /** Stores a new transfer, or OpenTransferExistsError if the person has one under way. */
  async insert(transfer: Transfer): Promise<void> {
    try {
      await this.transfers.insertOne(transfer);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const open = await this.transfers.findOne(
        { openFor: transfer.nominalId },
        { projection: { _id: 1, state: 1, receivingArea: 1 } },
      );
      throw new OpenTransferExistsError(transfer.nominalId, open);
    }
  }

  /**
   * Writes `next` over `previous` if the transfer is still at `previous.version`; otherwise
   * ConcurrentTransferChangeError. The events `next` adds go to the outbox with `$push`, so that a
   * relay removing published events meanwhile ($pull) loses nothing and brings nothing back.
   */
  async replace(previous: Transfer, next: Transfer): Promise<void> {
    const held = new Set(previous.outbox.map((entry) => entry.eventId));
    const added = next.outbox.filter((entry) => !held.has(entry.eventId));
    const { _id } = next;
    const fields: Partial<Transfer> = { ...next };
    delete fields._id;
    delete fields.outbox;
    const result = await this.transfers.updateOne(
      { _id, version: previous.version },
      { $set: fields, ...(added.length > 0 && { $push: { outbox: { $each: added } } }) },
    );
    if (result.matchedCount === 0) {
      const current = await this.transfers.findOne(
        { _id },
        { projection: { state: 1, version: 1 } },
      );
      throw new ConcurrentTransferChangeError(_id, current);
    }
  }

  async list(query: TransferQuery): Promise<Transfer[]> {
    const and: Filter<Transfer>[] = [];
    if (query.areaKeys) {
      and.push({
        $or: [
          { sendingAreaKey: { $in: [...query.areaKeys] } },
          { receivingAreaKey: { $in: [...query.areaKeys] } },
        ],
      });
    }
    if (query.areaKey) {
      and.push({ $or: [{ sendingAreaKey: query.areaKey }, { receivingAreaKey: query.areaKey }] });
    }
    if (query.states) and.push({ state: { $in: [...query.states] } });
    if (query.nominalId) and.push({ nominalId: query.nominalId });
    if (query.overdueAt) and.push({ nextDueAt: { $lte: query.overdueAt } });
    if (query.escalated !== undefined) {
      and.push(query.escalated ? { escalation: { $gte: 1 } } : { escalation: 0 });
    }
    if (query.after) and.push({ _id: { $gt: query.after } });
    return this.transfers
      .find(and.length > 0 ? { $and: and } : {}, { projection: { outbox: 0 } })
      .sort({ _id: 1 })
      .limit(query.limit)
      .toArray();
  }

  /** Transfers with an item whose next escalation time has come. */
  dueForEscalation(now: Date, limit: number): Promise<Transfer[]> {
    return this.transfers
      .find({ nextEscalationAt: { $lte: now } })
      .sort({ nextEscalationAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** Transfers with events not yet on Kafka. */
  withUnpublishedEvents(limit: number): Promise<Transfer[]> {
    return this.transfers
      .find({ 'outbox.eventId': { $exists: true } })
      .limit(limit)
      .toArray();
  }

  /**
   * Deletes every transfer of the removed people (their reasons, addresses and outbox go with
   * them); returns how many.
   */
  async deleteFor(nominalIds: readonly string[]): Promise<number> {
    if (nominalIds.length === 0) return 0;
    const { deletedCount } = await this.transfers.deleteMany({
      nominalId: { $in: [...nominalIds] },
    });
    return deletedCount;
  }

  async published(transferId: string, eventIds: readonly string[]): Promise<void> {
    await this.transfers.updateOne(
      { _id: transferId },
      { $pull: { outbox: { eventId: { $in: [...eventIds] } } } },
    );
  }
}
