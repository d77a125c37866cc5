import type { FieldOpener, FieldSealer } from '@hub/persistence';
import {
  fieldNameOf,
  sensitiveHistoryFields,
  sensitiveItemFields,
  sensitiveParkedFields,
} from './sensitive-fields';

/*
 * Sealing and opening apply the tables of sensitive-fields.ts to documents as they cross the storage
 * boundary: the registry works on plaintext, the database holds envelopes. A stored document keeps
 * its TypeScript type (the driver does not look), so these functions keep it too.
 */

type Transform = (nominalId: string, field: string, value: unknown) => unknown;

const itemTables = Object.entries(sensitiveItemFields) as [string, readonly string[]][];

/** Applies `transform` to each non-null listed field of `fields` (a shallow copy; others untouched). */
function transformFields<T extends object>(
  document: T,
  fields: readonly string[],
  nominalId: string,
  fieldName: (field: string) => string,
  transform: Transform,
): T {
  const copy = { ...document } as Record<string, unknown>;
  for (const field of fields) {
    const value = copy[field];
    if (value !== null && value !== undefined) {
      copy[field] = transform(nominalId, fieldName(field), value);
    }
  }
  return copy as T;
}

/**
 * The envelopes the strings of an opened item were read from, per field: a record is rewritten whole
 * at each event, and sealing again what did not change (most of a record's items) would cost an
 * encryption per item per write. Kept only while the opened item lives (a WeakMap), and only for
 * strings: they cannot change in place, so an equal string is the same plaintext.
 */
interface EnvelopeRead {
  nominalId: string;
  plain: string;
  stored: unknown;
}
const envelopesRead = new WeakMap<object, Map<string, EnvelopeRead>>();

function transformItems(
  record: { _id: string },
  each: (item: object, fieldName: (field: string) => string, fields: readonly string[]) => object,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  for (const [list, fields] of itemTables) {
    const items = copy[list];
    if (!Array.isArray(items)) continue;
    const fieldName = (field: string) => fieldNameOf('nominals', `${list}.${field}`);
    copy[list] = items.map((item: object) => each(item, fieldName, fields));
  }
  return copy;
}

/** The record as stored: every field of the table sealed with its person's key. */
export function sealRecord<T extends { _id: string }>(record: T, sealer: FieldSealer): T {
  return transformItems(record, (item, fieldName, fields) => {
    const read = envelopesRead.get(item);
    return transformFields(item, fields, record._id, fieldName, (id, field, value) => {
      const earlier = read?.get(field);
      // The same person (an item a merge moved to another record is not) and the same string.
      if (earlier?.nominalId === id && typeof value === 'string' && earlier.plain === value) {
        return earlier.stored;
      }
      return sealer.seal(id, field, value);
    });
  }) as T;
}

/** The record as read: sealed fields opened, plaintext ones (written before encryption) as they are. */
export function openRecord<T extends { _id: string }>(record: T, opener: FieldOpener): T {
  return transformItems(record, (item, fieldName, fields) => {
    const read = new Map<string, EnvelopeRead>();
    const opened = transformFields(item, fields, record._id, fieldName, (id, field, stored) => {
      const plain = opener.open(id, field, stored);
      if (typeof plain === 'string' && plain !== stored)
        read.set(field, { nominalId: id, plain, stored });
      return plain;
    });
    if (read.size > 0) envelopesRead.set(opened, read);
    return opened;
  }) as T;
}

/** History entries and parked events are the person's they are addressed to (kept through merges). */
type AddressedDocument = { nominalId: string };

/** Sealing and opening of one collection's documents, by its table of sensitive fields. */
function documentSealing(collection: string, fields: readonly string[]) {
  const fieldName = (field: string) => fieldNameOf(collection, field);
  return {
    seal: <T extends AddressedDocument>(document: T, sealer: FieldSealer): T =>
      transformFields(document, fields, document.nominalId, fieldName, (id, field, value) =>
        sealer.seal(id, field, value),
      ),
    open: <T extends AddressedDocument>(document: T, opener: FieldOpener): T =>
      transformFields(document, fields, document.nominalId, fieldName, (id, field, value) =>
        opener.open(id, field, value),
      ),
  };
}

const historySealing = documentSealing('nominal_history', sensitiveHistoryFields);
const parkedSealing = documentSealing('parked_events', sensitiveParkedFields);

export const sealHistoryEntry = historySealing.seal;
export const openHistoryEntry = historySealing.open;
export const sealParkedEvent = parkedSealing.seal;
export const openParkedEvent = parkedSealing.open;
