import { createHash } from 'node:crypto';
import type { AuditEntry, AuditFacts } from './audit-entry';
import { canonicalJson, type CanonicalValue } from './canonical-json';

/** The `previousHash` of the first entry. */
export const genesisHash = '0'.repeat(64);

/** Where a chain ends: the next entry takes `sequence + 1` and links to `hash`. */
export interface ChainHead {
  sequence: number;
  hash: string;
}

export const emptyChainHead: ChainHead = { sequence: 0, hash: genesisHash };

/** Exactly the fields that are hashed: every field of the entry but `hash`, nothing else. */
function hashedForm(entry: Omit<AuditEntry, 'hash'>): CanonicalValue {
  return {
    sequence: entry.sequence,
    previousHash: entry.previousHash,
    at: entry.at,
    subject: entry.subject,
    username: entry.username,
    organisationId: entry.organisationId,
    roles: entry.roles,
    clientId: entry.clientId,
    action: entry.action,
    nominalIds: entry.nominalIds,
    reason: entry.reason,
    breakGlass: entry.breakGlass,
    outcome: entry.outcome,
    refusal: entry.refusal,
    correlationId: entry.correlationId,
    requestId: entry.requestId,
    query: entry.query,
  };
}

/** The canonical JSON an entry's hash is taken of. */
export function canonicalEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson(hashedForm(entry));
}

/** SHA-256 (lower-case hex) of the entry's canonical JSON in UTF-8. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');
}

/** The entries of `facts`, in order, chained after `head`. */
export function chainAfter(head: ChainHead, facts: readonly AuditFacts[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let previous = head;
  for (const fact of facts) {
    const unhashed = { ...fact, sequence: previous.sequence + 1, previousHash: previous.hash };
    const entry: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
    entries.push(entry);
    previous = entry;
  }
  return entries;
}

export type ChainBreakKind =
  /** The entry's content no longer gives its hash: it was changed after it was written. */
  | 'altered-content'
  /** The entry's `previousHash` is not the hash of the entry before it. */
  | 'broken-link'
  /** The sequence jumps: entries in between are gone. */
  | 'missing-sequence'
  /** The sequence goes back or repeats, or an entry is stored at another entry's place. */
  | 'reordered';

/** The first place where a chain is not what was written. */
export interface ChainBreak {
  kind: ChainBreakKind;
  /** The sequence at which the break is found (for a gap: the first missing one). */
  sequence: number;
  message: string;
}

/**
 * Checks a chain one entry at a time, so that a chain of any length is walked in batches: each
 * entry must follow the one before it (sequence + 1), link to its hash and hash to its own.
 */
export class ChainVerifier {
  private head: ChainHead;
  private entries = 0;

  constructor(start: ChainHead = emptyChainHead) {
    this.head = start;
  }

  get checked(): number {
    return this.entries;
  }

  /** The last entry accepted. */
  get last(): ChainHead {
    return this.head;
  }

  /**
   * The break `entry` makes, or undefined when it is the chain's next entry. `storedAt` is where
   * the store keeps it (its key), when that is not the sequence it carries.
   */
  accept(entry: AuditEntry, storedAt: number = entry.sequence): ChainBreak | undefined {
    const expected = this.head.sequence + 1;
    if (storedAt !== entry.sequence) {
      return {
        kind: 'reordered',
        sequence: storedAt,
        message: `the entry stored as sequence ${storedAt} says it is sequence ${entry.sequence}`,
      };
    }
    if (entry.sequence > expected) {
      const gap =
        entry.sequence === expected + 1 ? `${expected}` : `${expected}..${entry.sequence - 1}`;
      return {
        kind: 'missing-sequence',
        sequence: expected,
        message: `sequence ${gap} is missing: the entry after ${this.head.sequence} is ${entry.sequence}`,
      };
    }
    if (entry.sequence < expected) {
      return {
        kind: 'reordered',
        sequence: entry.sequence,
        message: `sequence ${entry.sequence} comes after sequence ${this.head.sequence}`,
      };
    }
    const { hash, ...unhashed } = entry;
    const actual = hashEntry(unhashed);
    if (actual !== hash) {
      return {
        kind: 'altered-content',
        sequence: entry.sequence,
        message: `sequence ${entry.sequence} was altered: its content hashes to ${actual}, not to its recorded hash ${hash}`,
      };
    }
    if (entry.previousHash !== this.head.hash) {
      return {
        kind: 'broken-link',
        sequence: entry.sequence,
        message: `sequence ${entry.sequence} links to ${entry.previousHash}, but the entry before it hashes to ${this.head.hash}`,
      };
    }
    this.head = { sequence: entry.sequence, hash };
    this.entries += 1;
    return undefined;
  }
}

export type ChainVerdict =
  | { intact: true; entries: number; head: ChainHead }
  | { intact: false; entries: number; head: ChainHead; break: ChainBreak };

/** Verifies a whole chain held in memory (the store walks longer ones with `ChainVerifier`). */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  start: ChainHead = emptyChainHead,
): ChainVerdict {
  const verifier = new ChainVerifier(start);
  for (const entry of entries) {
    const found = verifier.accept(entry);
    if (found)
      return { intact: false, entries: verifier.checked, head: verifier.last, break: found };
  }
  return { intact: true, entries: verifier.checked, head: verifier.last };
}
