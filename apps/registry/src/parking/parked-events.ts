import { Binary, type Collection, type Db } from 'mongodb';
import type { ConsumedEvent } from '@hub/messaging';
import {
  isDuplicateKeyError,
  PersonKeyDestroyedError,
  type FieldOpener,
  type PersonFieldCipher,
} from '@hub/persistence';
import { openParkedEvent, sealParkedEvent } from '../encryption/record-sealing';

/**
 * A Kafka header as stored: header names are arbitrary strings ("hub.replayed-from"), which may not
 * be document field names, so they are kept as a list of pairs.
 */
export interface StoredHeader {
  name: string;
  value: string;
}

/**
 * An event that arrived before the nominal it is about: kept whole (decoded for applying, and the
 * original bytes and headers for the dead-letter topic) until the nominal is registered or the
 * waiting time runs out. `_id` is the event id: a redelivery does not park it twice. At rest, the
 * decoded event and its bytes are sealed with the key of the person it is about.
 */
export interface ParkedEventDocument extends Omit<ConsumedEvent, 'bytes' | 'attempt' | 'headers'> {
  _id: string;
  nominalId: string;
  headers: StoredHeader[];
  bytes: Binary;
  parkedAt: Date;
  expiresAt: Date;
}

export function storedHeaders(headers: Record<string, string>): StoredHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

/** Headers as the consumer gave them (also from documents written before they became a list). */
export function headersOf(stored: StoredHeader[] | Record<string, string>): Record<string, string> {
  if (!Array.isArray(stored)) return { ...stored };
  return Object.fromEntries(stored.map((header) => [header.name, header.value]));
}

/** The order parked events are applied in: the order they arrived. */
export function arrivalOrder(a: ParkedEventDocument, b: ParkedEventDocument): number {
  return (
    a.parkedAt.getTime() - b.parkedAt.getTime() ||
    a.topic.localeCompare(b.topic) ||
    Number(BigInt(a.offset) - BigInt(b.offset))
  );
}

export class ParkedEvents {
  readonly parked: Collection<ParkedEventDocument>;

  constructor(
    db: Db,
    private readonly limitMs: number,
    private readonly cipher: PersonFieldCipher,
  ) {
    this.parked = db.collection<ParkedEventDocument>('parked_events');
  }

  /** The document that parks `event` for `nominalId` from `now`. */
  documentOf(
    event: ConsumedEvent,
    nominalId: string,
    eventId: string,
    now: Date,
  ): ParkedEventDocument {
    return {
      _id: eventId,
      nominalId,
      topic: event.topic,
      partition: event.partition,
      offset: event.offset,
      key: event.key,
      headers: storedHeaders(event.headers),
      schemaId: event.schemaId,
      value: event.value,
      bytes: new Binary(event.bytes),
      parkedAt: now,
      expiresAt: new Date(now.getTime() + this.limitMs),
    };
  }

  /** Parks events; those an earlier delivery parked stay as they are. */
  async parkMany(documents: ParkedEventDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const sealer = await this.cipher.sealerFor(documents.map((document) => document.nominalId));
    const sealed = documents.map((document) => sealParkedEvent(document, sealer));
    try {
      await this.parked.insertMany(sealed, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The events waiting for any of `nominalIds`, per nominal, in the order they arrived. */
  async waitingFor(nominalIds: Iterable<string>): Promise<Map<string, ParkedEventDocument[]>> {
    const ids = [...new Set(nominalIds)];
    const waiting = new Map<string, ParkedEventDocument[]>();
    if (ids.length === 0) return waiting;
    const found = await this.opened(await this.parked.find({ nominalId: { $in: ids } }).toArray());
    for (const event of found.sort(arrivalOrder)) {
      waiting.set(event.nominalId, [...(waiting.get(event.nominalId) ?? []), event]);
    }
    return waiting;
  }

  /** Events that have waited longer than the limit. */
  async expired(now = new Date(), limit = 500): Promise<ParkedEventDocument[]> {
    return this.opened(
      await this.parked
        .find({ expiresAt: { $lt: now } })
        .limit(limit)
        .toArray(),
    );
  }

  /**
   * The events opened. One whose person's key was destroyed (a removal) can never be applied nor
   * dead-lettered: it is already unreadable, and is deleted rather than left to fail every sweep.
   */
  private async opened(stored: ParkedEventDocument[]): Promise<ParkedEventDocument[]> {
    if (stored.length === 0) return [];
    const opener = await this.cipher.openerFor(stored.map((event) => event.nominalId));
    const opened: ParkedEventDocument[] = [];
    const shredded: string[] = [];
    for (const event of stored) {
      const readable = openIfReadable(event, opener);
      if (readable) opened.push(readable);
      else shredded.push(event._id);
    }
    await this.release(shredded);
    return opened;
  }

  count(): Promise<number> {
    return this.parked.countDocuments();
  }

  async release(eventIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(eventIds)];
    if (ids.length > 0) await this.parked.deleteMany({ _id: { $in: ids } });
  }
}

function openIfReadable(
  event: ParkedEventDocument,
  opener: FieldOpener,
): ParkedEventDocument | undefined {
  try {
    return openParkedEvent(event, opener);
  } catch (error) {
    if (error instanceof PersonKeyDestroyedError) return undefined;
    throw error;
  }
}

/** A parked event as the consumer delivered it, for applying it again. */
export function consumedEventOf(parked: ParkedEventDocument): ConsumedEvent {
  return {
    topic: parked.topic,
    partition: parked.partition,
    offset: parked.offset,
    key: parked.key,
    headers: headersOf(parked.headers),
    schemaId: parked.schemaId,
    value: parked.value,
    bytes: Buffer.from(parked.bytes.buffer),
    attempt: 1,
  };
}
