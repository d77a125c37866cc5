import { Binary, type Collection, type Db } from 'mongodb';
import type { ConsumedEvent } from '@hub/messaging';
import { isDuplicateKeyError } from '@hub/persistence';
import { KeyedQueue } from '../infrastructure/keyed-queue';

/**
 * An event that arrived before the nominal it is about: kept whole (decoded for applying, and the
 * original bytes and headers for the dead-letter topic) until the nominal is registered or the
 * waiting time runs out. `_id` is the event id: a redelivery does not park it twice.
 */
export interface ParkedEventDocument extends Omit<ConsumedEvent, 'bytes' | 'attempt'> {
  _id: string;
  nominalId: string;
  bytes: Binary;
  parkedAt: Date;
  expiresAt: Date;
}

/**
 * Which events wait for a nominal, under the nominal's id: FerretDB finds a document by id without
 * reading the collection, but scans it for any other filter, and every registration asks.
 */
interface WaitingListDocument {
  _id: string;
  eventIds: string[];
}

export class ParkedEvents {
  private readonly parked: Collection<ParkedEventDocument>;
  private readonly waitingLists: Collection<WaitingListDocument>;
  /** A nominal's waiting list changes one write at a time here (FerretDB's updates are not atomic). */
  private readonly listWrites = new KeyedQueue();

  constructor(
    db: Db,
    private readonly limitMs: number,
  ) {
    this.parked = db.collection<ParkedEventDocument>('parked_events');
    this.waitingLists = db.collection<WaitingListDocument>('parked_event_lists');
  }

  async ensureIndexes(): Promise<void> {
    await this.parked.createIndex({ expiresAt: 1 }, { name: 'expiry' });
  }

  async park(eventId: string, nominalId: string, event: ConsumedEvent): Promise<void> {
    const now = new Date();
    try {
      await this.parked.insertOne({
        _id: eventId,
        nominalId,
        topic: event.topic,
        partition: event.partition,
        offset: event.offset,
        key: event.key,
        headers: event.headers,
        schemaId: event.schemaId,
        value: event.value,
        bytes: new Binary(event.bytes),
        parkedAt: now,
        expiresAt: new Date(now.getTime() + this.limitMs),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // parked by an earlier delivery
    }
    // Listed after the event is stored: a crash in between is mended by the redelivery.
    await this.listWrites.run(nominalId, () =>
      this.waitingLists.updateOne(
        { _id: nominalId },
        { $addToSet: { eventIds: eventId } },
        { upsert: true },
      ),
    );
  }

  /** Whether any event waits for `nominalId` (a lookup by id). */
  async hasWaiting(nominalId: string): Promise<boolean> {
    const list = await this.waitingLists.findOne({ _id: nominalId });
    return (list?.eventIds.length ?? 0) > 0;
  }

  /** The events waiting for `nominalId`, in the order they arrived. */
  async waitingFor(nominalId: string): Promise<ParkedEventDocument[]> {
    const list = await this.waitingLists.findOne({ _id: nominalId });
    const found = await Promise.all(
      (list?.eventIds ?? []).map((eventId) => this.parked.findOne({ _id: eventId })),
    );
    const waiting = found.filter((event): event is ParkedEventDocument => event !== null);
    return waiting.sort(
      (a, b) =>
        a.parkedAt.getTime() - b.parkedAt.getTime() ||
        a.topic.localeCompare(b.topic) ||
        Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  }

  /** Events that have waited longer than the limit. */
  expired(now = new Date(), limit = 500): Promise<ParkedEventDocument[]> {
    return this.parked
      .find({ expiresAt: { $lt: now } })
      .limit(limit)
      .toArray();
  }

  count(): Promise<number> {
    return this.parked.countDocuments();
  }

  async release(event: Pick<ParkedEventDocument, '_id' | 'nominalId'>): Promise<void> {
    await this.parked.deleteOne({ _id: event._id });
    await this.listWrites.run(event.nominalId, () =>
      this.waitingLists.updateOne({ _id: event.nominalId }, { $pull: { eventIds: event._id } }),
    );
  }
}

/** A parked event as the consumer delivered it, for applying it again. */
export function consumedEventOf(parked: ParkedEventDocument): ConsumedEvent {
  return {
    topic: parked.topic,
    partition: parked.partition,
    offset: parked.offset,
    key: parked.key,
    headers: parked.headers,
    schemaId: parked.schemaId,
    value: parked.value,
    bytes: Buffer.from(parked.bytes.buffer),
    attempt: 1,
  };
}
