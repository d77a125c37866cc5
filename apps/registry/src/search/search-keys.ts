import type { AgencyIdentifier, PersonName } from '@hub/contracts';
import type { SearchKeys } from '../nominals/nominal.documents';
import { namePartsOf, phoneticCodes } from './name-matching';

/**
 * An identifier as the search API compares it: agencies and practitioners write the same reference
 * with and without spaces and in either case ("ab 12 34 56 c", "AB123456C").
 */
export function normaliseIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

const distinct = (values: string[]): string[] => [...new Set(values)];

/**
 * The derived search fields of a record, from its names and identifiers. Aliases count as much as
 * the current name: a person is often known to one agency only by a former or assumed name.
 */
export function searchKeysOf(content: {
  name: PersonName;
  aliases: PersonName[];
  identifiers: AgencyIdentifier[];
}): SearchKeys {
  const nameTokens = distinct([content.name, ...content.aliases].flatMap(namePartsOf));
  return {
    // All alternative codes, so a query spelt either way finds the record (Anthony/Antony).
    namePhonetics: distinct(nameTokens.flatMap(phoneticCodes)),
    nameTokens,
    identifierValues: distinct(
      content.identifiers.map((identifier) => normaliseIdentifier(identifier.value)),
    ).filter((value) => value.length > 0),
  };
}
