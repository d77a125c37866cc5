import { randomBytes } from 'node:crypto';
import { Binary, type Collection, type Db } from 'mongodb';
import { isDuplicateKeyError } from '../duplicate-key';
import { keyLength, MasterKeyMismatchError, type MasterKey } from './master-key';

/** One person's data key, wrapped by the master key, in `person_keys`. */
export interface PersonKeyDocument {
  /** The nominal's id: one key per person. */
  _id: string;
  wrappedKey: Binary;
  /** Which master key wrapped it. */
  masterKeyId: string;
  createdAt: Date;
}

export const personKeysCollection = 'person_keys';

export interface PersonKeyCacheOptions {
  /**
   * How long an unwrapped key is kept in memory. `destroy` evicts it from this process at once;
   * another process holding it keeps using it for at most this long.
   */
  ttlMs: number;
  /** Keys kept at most (the least recently used go first). */
  maxEntries: number;
}

export const defaultPersonKeyCache: PersonKeyCacheOptions = { ttlMs: 60_000, maxEntries: 20_000 };

interface CachedKey {
  key: Buffer;
  expiresAt: number;
}

/**
 * The data key of each person: created on first write (one per person, whoever creates it first),
 * unwrapped by the master key and cached briefly, and destroyed when the person's data is removed —
 * which leaves every copy of what was encrypted with it (records, history, parked events, backups)
 * unreadable: crypto-shredding. Every method takes many people at once: one round trip per batch.
 */
export class PersonKeys {
  readonly keys: Collection<PersonKeyDocument>;
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    db: Db,
    private readonly masterKey: MasterKey,
    private readonly cacheOptions: PersonKeyCacheOptions = defaultPersonKeyCache,
  ) {
    this.keys = db.collection<PersonKeyDocument>(personKeysCollection);
  }

  /** The keys of these people that exist; a person without one has none to read with. */
  async forReading(nominalIds: Iterable<string>): Promise<Map<string, Buffer>> {
    const { found, missing } = this.fromCache(nominalIds);
    if (missing.length > 0) {
      const stored = await this.keys.find({ _id: { $in: missing } }).toArray();
      for (const [id, key] of await this.unwrapAll(stored)) found.set(id, key);
    }
    return found;
  }

  /**
   * The keys of these people, creating those that do not exist: one read for those not cached, one
   * bulk insert for those that have none. Two writers creating one person's key at once both insert;
   * the unique `_id` keeps the first, and the other reads it back and uses it.
   */
  async forWriting(nominalIds: Iterable<string>): Promise<Map<string, Buffer>> {
    const keys = await this.forReading(nominalIds);
    const absent = [...new Set(nominalIds)].filter((id) => !keys.has(id));
    if (absent.length === 0) return keys;
    const createdAt = new Date();
    const created = new Map<string, Buffer>();
    const documents: PersonKeyDocument[] = [];
    for (const id of absent) {
      const key = randomBytes(keyLength);
      created.set(id, key);
      documents.push({
        _id: id,
        wrappedKey: new Binary(await this.masterKey.wrap(key, id)),
        masterKeyId: this.masterKey.keyId,
        createdAt,
      });
    }
    let lost: string[] = [];
    try {
      await this.keys.insertMany(documents, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // The bulk error does not say which inserts collided: read back whose key is stored.
      lost = absent;
    }
    if (lost.length > 0) {
      const stored = await this.keys.find({ _id: { $in: lost } }).toArray();
      for (const [id, key] of await this.unwrapAll(stored)) created.set(id, key);
    }
    for (const [id, key] of created) {
      this.remember(id, key);
      keys.set(id, key);
    }
    return keys;
  }

  /**
   * Crypto-shredding: deletes the person's data key (and forgets it here). Whatever was encrypted
   * with it can never be decrypted again; other processes forget it within the cache's TTL.
   */
  async destroy(nominalId: string): Promise<void> {
    this.cache.delete(nominalId);
    await this.keys.deleteOne({ _id: nominalId });
    // A read racing the delete may have cached it again meanwhile.
    this.cache.delete(nominalId);
  }

  private fromCache(nominalIds: Iterable<string>): {
    found: Map<string, Buffer>;
    missing: string[];
  } {
    const now = Date.now();
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const id of new Set(nominalIds)) {
      const cached = this.cache.get(id);
      if (cached && cached.expiresAt > now) {
        // Most recently used last: the Map's order is the eviction order.
        this.cache.delete(id);
        this.cache.set(id, cached);
        found.set(id, cached.key);
      } else {
        if (cached) this.cache.delete(id);
        missing.push(id);
      }
    }
    return { found, missing };
  }

  private async unwrapAll(stored: PersonKeyDocument[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    for (const document of stored) {
      if (document.masterKeyId !== this.masterKey.keyId) {
        // Another master key file than the one the data was written with: say so, not "corrupt".
        throw new MasterKeyMismatchError(
          `the data key of ${document._id} was wrapped by ${document.masterKeyId}, not by this master key (${this.masterKey.keyId})`,
        );
      }
      const key = await this.masterKey.unwrap(
        Buffer.from(document.wrappedKey.buffer),
        document._id,
      );
      this.remember(document._id, key);
      keys.set(document._id, key);
    }
    return keys;
  }

  private remember(nominalId: string, key: Buffer): void {
    this.cache.delete(nominalId);
    this.cache.set(nominalId, { key, expiresAt: Date.now() + this.cacheOptions.ttlMs });
    while (this.cache.size > this.cacheOptions.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
