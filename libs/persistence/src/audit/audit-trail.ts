import { setTimeout as sleep } from 'node:timers/promises';
import { BSON, MongoBulkWriteError, MongoServerError, type Collection } from 'mongodb';
import {
  auditFactsOf,
  chainAfter,
  type AuditEntry,
  type AuditFacts,
  type AuditRecord,
  type ChainHead,
} from '@hub/security';
import { documentOf, readChainHead, type AuditEntryDocument } from './audit-entries';

/**
 * How long a writer that lost a place waits before it reads the head again: a random pause that
 * grows with its losses. Two busy writers (two instances, or the registry and the transfer
 * coordinator) that retried at once would otherwise keep taking each other's places, and one of
 * them could lose every time.
 */
function collisionPauseMs(attempt: number): number {
  return Math.random() * Math.min(50, 2 * attempt);
}

/** Entries per insertMany: a group commit larger than this is written in several. */
const defaultMaxBatch = 500;
/**
 * How many times a batch is chained again after other writers took its places. Each attempt
 * writes what follows the head it read, so only writers that keep winning every race can exhaust
 * it; a request then fails rather than wait for ever.
 */
const defaultMaxAttempts = 50;

export class AuditTrailContendedError extends Error {
  constructor(attempts: number) {
    super(
      `the audit entry could not take a place in the chain: other writers took it ${attempts} times in a row`,
    );
    this.name = 'AuditTrailContendedError';
  }
}

/**
 * The most an entry's facts may take: far above any real request's (ids, a search's terms), and far
 * below a document's 16 MiB, so that one oversized entry cannot make the group it is in fail.
 */
export const maxAuditEntryBytes = 64 * 1024;

export class AuditEntryTooLargeError extends Error {
  constructor(bytes: number) {
    super(
      `the audit entry would take ${bytes} bytes, more than the ${maxAuditEntryBytes} an entry may: ` +
        'record the request with fewer or shorter ids and terms',
    );
    this.name = 'AuditEntryTooLargeError';
  }
}

export class AuditTrailClosedError extends Error {
  constructor() {
    super('the audit trail is closed: the service is shutting down');
    this.name = 'AuditTrailClosedError';
  }
}

interface Waiting {
  facts: AuditFacts;
  resolve(entry: AuditEntry): void;
  reject(error: unknown): void;
}

export interface AuditTrailOptions {
  maxBatch?: number;
  maxAttempts?: number;
  /** Told of every batch once stored, in chain order (the topic's publisher listens). */
  onStored?: (entries: readonly AuditEntry[]) => void;
}

/**
 * The hub's audit trail: one hash chain in `audit_entries`, appended to by every request of every
 * instance of every hub service sharing the database (the registry's and the transfer coordinator's
 * calls alike), without transactions.
 *
 * Order: each entry's `_id` is its sequence, so the unique `_id` index lets only one writer take
 * each place. Entries that arrive while a write is in flight wait and go together in the next
 * ordered insertMany (group commit: one round trip for many requests). When another instance took
 * a place first, the insert stops at that entry with a duplicate key (ordered inserts write in
 * order and stop at the first failure, so no gap is left behind), the entries before it are
 * stored, and the rest are chained again after the head read back from the database.
 *
 * `record` resolves once the entry is stored, so a request is answered only once its audit is.
 */
export class AuditTrail {
  private head?: ChainHead;
  private readonly waiting: Waiting[] = [];
  private writing?: Promise<void>;
  private closed = false;
  private readonly counts = { entries: 0, inserts: 0, collisions: 0 };
  private readonly maxBatch: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly entries: Collection<AuditEntryDocument>,
    private readonly options: AuditTrailOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? defaultMaxBatch;
    this.maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  }

  /**
   * Records one audited request — who (`caller`, null when unauthenticated), what (`action`), on
   * which records, allowed or refused and why, with the request's ids and terms — and resolves
   * with the stored entry.
   */
  async record(record: AuditRecord): Promise<AuditEntry> {
    if (this.closed) throw new AuditTrailClosedError();
    const facts = auditFactsOf(record);
    if (Number.isNaN(facts.at.getTime())) throw new TypeError('an audit entry needs a valid time');
    const bytes = BSON.calculateObjectSize(facts);
    if (bytes > maxAuditEntryBytes) throw new AuditEntryTooLargeError(bytes);
    return new Promise<AuditEntry>((resolve, reject) => {
      this.waiting.push({ facts, resolve, reject });
      this.writeWaiting();
    });
  }

  /**
   * Entries stored, insertMany round trips, and inserts cut short by another writer taking a place
   * (each followed by a read of the head and another insert): the cost of sharing the chain.
   */
  get stats(): Readonly<{ entries: number; inserts: number; collisions: number }> {
    return { ...this.counts };
  }

  /** Refuses new entries and waits for those accepted to be stored. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
  }

  private writeWaiting(): void {
    if (this.writing) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
      if (this.waiting.length > 0) this.writeWaiting();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      await this.append(this.waiting.splice(0, this.maxBatch));
    }
  }

  /** Stores one group; settles each request's promise. Never throws. */
  private async append(group: Waiting[]): Promise<void> {
    let unwritten = group;
    try {
      for (let attempt = 1; unwritten.length > 0; attempt += 1) {
        if (attempt > this.maxAttempts) throw new AuditTrailContendedError(this.maxAttempts);
        const head = this.head ?? (await readChainHead(this.entries));
        const chained = chainAfter(
          head,
          unwritten.map((request) => request.facts),
        );
        const { stored, stoppedBy } = await this.insertInOrder(chained);
        const written = chained.slice(0, stored);
        written.forEach((entry, index) => unwritten[index].resolve(entry));
        unwritten = unwritten.slice(stored);
        const last = written[written.length - 1];
        this.head = last ? { sequence: last.sequence, hash: last.hash } : head;
        if (stoppedBy === 'place-taken') {
          this.head = undefined;
        } else if (stoppedBy) {
          // The database refused this entry itself (too large, say): only its request fails, the
          // entries after it take its place.
          unwritten[0]?.reject(stoppedBy);
          unwritten = unwritten.slice(1);
        }
        if (written.length > 0) this.tellStored(written);
        if (stoppedBy === 'place-taken' && unwritten.length > 0) {
          await sleep(collisionPauseMs(attempt));
        }
      }
    } catch (error) {
      // Whether the failed write reached the database is unknown: read the head again next time.
      this.head = undefined;
      for (const request of unwritten) request.reject(error);
    }
  }

  private tellStored(entries: readonly AuditEntry[]): void {
    try {
      this.options.onStored?.(entries);
    } catch {
      // A listener's failure is its own: the entries are stored, and the topic catches up anyway.
    }
  }

  /**
   * Inserts `entries` in order and says how many, from the first, were stored, and what stopped
   * the insert short: another writer holding a place, or the database refusing an entry. Any other
   * failure (the connection, say) is thrown: what was stored is then unknown.
   */
  private async insertInOrder(
    entries: AuditEntry[],
  ): Promise<{ stored: number; stoppedBy?: 'place-taken' | MongoServerError }> {
    this.counts.inserts += 1;
    try {
      await this.entries.insertMany(entries.map(documentOf), { ordered: true });
      this.counts.entries += entries.length;
      return { stored: entries.length };
    } catch (error) {
      const stop = firstWriteError(error);
      if (!stop) throw error;
      this.counts.entries += stop.index;
      if (stop.code !== duplicateKey) return { stored: stop.index, stoppedBy: stop.error };
      this.counts.collisions += 1;
      return { stored: stop.index, stoppedBy: 'place-taken' };
    }
  }
}

const duplicateKey = 11000;

/**
 * Where an ordered insert stopped, every entry before it being stored: the index and code of the
 * first entry the server refused (a bulk write error is per document); undefined when the failure
 * is not one entry's.
 */
function firstWriteError(
  error: unknown,
): { index: number; code: number; error: MongoServerError } | undefined {
  if (error instanceof MongoBulkWriteError) {
    const [first] = [error.writeErrors].flat();
    if (!first) return undefined;
    const refused = new MongoServerError({
      message: first.errmsg ?? error.message,
      code: first.code,
    });
    return { index: first.index, code: first.code, error: refused };
  }
  // Outside a bulk error, only a duplicate key is known to be the first entry's own.
  if (error instanceof MongoServerError && error.code === duplicateKey) {
    return { index: 0, code: duplicateKey, error };
  }
  return undefined;
}
