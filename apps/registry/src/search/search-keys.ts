import type {
  AgencyIdentifier,
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  NominalStatus,
  PersonName,
} from '@hub/contracts';
import { identifierKeyOf } from '../identifiers/identifier-rules';
import { nameKeysOf } from './name-keys';

/**
 * An identifier as the search API compares it: agencies and practitioners write the same reference
 * with and without spaces and in either case ("ab 12 34 56 c", "AB123456C").
 */
export function normaliseIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * A managing area as the search API compares it: practitioners type "greater manchester". An
 * equality on this form can use an index, which a case-insensitive regular expression cannot.
 */
export function normaliseArea(area: string): string {
  return area.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The filters a search may combine, as `facetKey` reads them; null means any value. */
export interface Facets {
  /** Normalised (`normaliseArea`). */
  area: string | null;
  jurisdiction: Jurisdiction | null;
  /** A category, or `-` for a record without one (which no search asks for). */
  category: MappaCategory | '-' | null;
  level: MappaLevel | '-' | null;
}

/** A record without a MAPPA category or level yet, in a facet key. */
const notSet = '-' as const;

/**
 * The key of one combination of filters and a status. A record is filed under every combination
 * its values match (each filter either its value or any), so that any search by area,
 * jurisdiction, category, level and status is one equality on one index, exact, and in family-name
 * order within it: a compound index per combination would take 16, and one over the fields would
 * serve only the combinations that begin it. JSON keeps the parts apart whatever an area is called.
 */
export function facetKey(facets: Facets, status: NominalStatus): string {
  return JSON.stringify([
    facets.area ?? '*',
    facets.jurisdiction ?? '*',
    facets.category ?? '*',
    facets.level ?? '*',
    status,
  ]);
}

/** The fields of a record the search keys are made from. */
export interface SearchableContent {
  name: PersonName;
  aliases: PersonName[];
  identifiers: AgencyIdentifier[];
  status: NominalStatus;
  management: { managingArea: string; jurisdiction: Jurisdiction };
  mappa: { category: MappaCategory; level: MappaLevel } | null;
}

/** Every filter combination a record matches: each of the four fields either its value or any. */
export function facetKeysOf(content: SearchableContent): string[] {
  const eitherOrAny = <T>(value: T): (T | null)[] => [value, null];
  const keys: string[] = [];
  for (const area of eitherOrAny(normaliseArea(content.management.managingArea))) {
    for (const jurisdiction of eitherOrAny(content.management.jurisdiction)) {
      for (const category of eitherOrAny(content.mappa?.category ?? notSet)) {
        for (const level of eitherOrAny(content.mappa?.level ?? notSet)) {
          keys.push(facetKey({ area, jurisdiction, category, level }, content.status));
        }
      }
    }
  }
  return keys;
}

/**
 * The version of how the keys below are made: a registry that finds search documents made another
 * way remakes them all at start-up. Raise it with any change to the keys.
 */
export const searchKeysVersion = 3;

/** The keys the search API's indexes are on. */
export interface SearchKeys {
  /**
   * Every agency identifier's key (identifiers/identifier-rules.ts `identifierKeyOf`): compacted,
   * and in the one form all spellings of its kind share (a PNC id's short and long forms).
   */
  identifierValues: string[];
  /** See name-keys.ts: what a name search asks the database for. */
  nameKeys: string[];
  /** `facetKeysOf`: what a search by area, jurisdiction, category, level and status asks for. */
  facets: string[];
}

const distinct = (values: string[]): string[] => [...new Set(values)];

/** A record's identifiers as searches and duplicate matching compare them. */
export function identifierValuesOf(identifiers: AgencyIdentifier[]): string[] {
  return distinct(identifiers.map(identifierKeyOf)).filter((value) => value.length > 0);
}

/**
 * The derived search fields of a record, from its names, identifiers, status, management and MAPPA
 * category. Aliases count as much as the current name: a person is often known to one agency only
 * by a former or assumed name.
 */
export function searchKeysOf(content: SearchableContent): SearchKeys {
  const names = [content.name, ...content.aliases];
  return {
    identifierValues: identifierValuesOf(content.identifiers),
    nameKeys: nameKeysOf(names),
    facets: facetKeysOf(content),
  };
}
