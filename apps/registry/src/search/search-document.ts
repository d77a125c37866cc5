import type { NominalContent, NominalDocument } from '../nominals/nominal.documents';
import { searchKeysOf, type SearchKeys } from './search-keys';

/** The search read model's collection: one small document per record, kept by the ingest. */
export const searchCollection = 'nominal_search';

/**
 * What the search API filters on and answers with, for one record: the summary fields of a result
 * and the keys its indexes are on. Apart from the record because its index entries (dozens of name
 * keys, sixteen facet keys) would otherwise be rewritten with every change of the record, however
 * unrelated — intelligence, an address, a risk assessment — while this changes only with what it
 * holds.
 */
export interface NominalSearchDocument extends Pick<
  NominalDocument,
  '_id' | 'name' | 'aliases' | 'dateOfBirth' | 'status' | 'mappa' | 'management' | 'identifiers'
> {
  /** The record version it was made from: an older one never replaces it. */
  version: number;
  search: SearchKeys;
}

export function searchDocumentOf(record: NominalDocument): NominalSearchDocument {
  return {
    _id: record._id,
    version: record.version,
    name: record.name,
    aliases: record.aliases,
    dateOfBirth: record.dateOfBirth,
    status: record.status,
    mappa: record.mappa,
    management: record.management,
    identifiers: record.identifiers,
    search: searchKeysOf(record),
  };
}

/**
 * Whether a change alters the record's search document. Projections copy what they change and
 * keep the rest, so an unchanged part is the same object; most events change none of it.
 */
export function searchDocumentChanged(before: NominalContent, after: NominalContent): boolean {
  return (
    before.name !== after.name ||
    before.aliases !== after.aliases ||
    before.identifiers !== after.identifiers ||
    before.dateOfBirth !== after.dateOfBirth ||
    before.status !== after.status ||
    before.management !== after.management ||
    // Derived again with every write: compared by what the search keys read of it.
    before.mappa?.category !== after.mappa?.category ||
    before.mappa?.level !== after.mappa?.level ||
    before.mappa?.jurisdiction !== after.mappa?.jurisdiction
  );
}
