import { recordAsOfToday } from './record-as-of-today';
import type { Collection, Db, Filter, Sort } from 'mongodb';
import type { PersonFieldCipher } from '@hub/persistence';
import { openHistoryEntry, openRecord } from '../encryption/record-sealing';
import type {
  Agency,
  AgencyIdentifier,
  AssessmentSetting,
  ReconvictionRiskSummary,
  RiskOfSeriousHarmHeadline,
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  NominalStatus,
  PersonName,
} from '@hub/contracts';
import { NominalStatusSymbols } from '@hub/contracts';
import { nameQueryKeySets } from '../search/name-keys';
import { searchCollection, type NominalSearchDocument } from '../search/search-document';
import { nameSimilarity } from '../search/name-matching';
import { identifierKeysOfText } from '../identifiers/identifier-rules';
import { facetKey, normaliseArea, type Facets } from '../search/search-keys';
import { londonDate } from '../projections/calendar';
import { currentAddressesOn } from '../projections/current-address';
import { currentPlan } from './current-facts';
import {
  latestAssessmentPerTool,
  reconvictionRiskSummary,
  riskOfSeriousHarmSummary,
  settingOf,
} from './risk-headlines';
import type {
  AddressItem,
  HistoryDocument,
  NominalDocument,
  RiskAssessmentItem,
  RiskManagementPlanItem,
} from './nominal.documents';

/**
 * The lowest name score a search result may have. `nameSimilarity` gives 0 to a query part that
 * disagrees with every part of a name, so 0.8 admits names whose every part agrees in spelling or
 * sound (one typo per part, phonetic variants, reordered parts, initials), and names missing one of
 * three or more query parts (a middle name one agency did not record), and rejects any name with a
 * conflicting part ("John Smart" for "John Smith" scores 0.5). Agreement of a single part is judged
 * by `partAgreement` (Jaro–Winkler 0.8) in name-matching.ts.
 */
export const nameMatchThreshold = 0.8;

export const defaultPageSize = 20;
export const maxPageSize = 100;

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** How many items match in all, over every page. */
  total: number;
}

export interface SearchCriteria {
  /** Free text matched against the name and the aliases, tolerant of spelling and order. */
  name?: string;
  /** YYYY-MM-DD. */
  dateOfBirth?: string;
  /** Any agency identifier's value, as written (normalised here). */
  identifier?: string;
  /** The managing MAPPA area, case-insensitive. */
  area?: string;
  /** The managing jurisdiction. */
  jurisdiction?: Jurisdiction;
  category?: MappaCategory;
  level?: MappaLevel;
  /** Any of these; every status except MERGED when absent. */
  status?: NominalStatus[];
}

/** One search result: enough to tell people apart and decide which record to open. */
export interface NominalSummary {
  id: string;
  name: PersonName;
  aliases: PersonName[];
  dateOfBirth: string;
  status: NominalStatus;
  mappa: { category: MappaCategory; categoryName: string; level: MappaLevel } | null;
  managingArea: string;
  jurisdiction: Jurisdiction;
  identifiers: AgencyIdentifier[];
  /** How well the name or an alias matched (name searches only), in [0, 1]. */
  score?: number;
  /** The name or alias that matched best (name searches only). */
  matchedName?: PersonName;
}

export interface TimelineFilters {
  eventTypes?: string[];
  agencies?: Agency[];
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  until?: Date;
  order: 'asc' | 'desc';
}

/** A history entry as the timeline shows it; `nominalId` tells which record (this or a merged one) it was recorded on. */
export type TimelineEntry = Omit<HistoryDocument, '_id'>;

/** The stored record without the store's bookkeeping. */
export type NominalRecord = Omit<NominalDocument, 'appliedEvents' | 'search'>;

/** The record as the API shows it, with what a practitioner asks first worked out for them. */
export type NominalRecordView = Omit<NominalRecord, '_id'> & {
  id: string;
  currentAddress: AddressItem | null;
  otherCurrentAddresses: AddressItem[];
  riskManagementPlan: RiskManagementPlanItem | null;
  /** The latest assessment of each tool, latest first. */
  latestRiskAssessments: RiskAssessmentItem[];
  /** The setting the risk of serious harm is read for: custody while in prison. */
  riskSetting: AssessmentSetting;
  riskOfSeriousHarm: RiskOfSeriousHarmHeadline | null;
  reconvictionRisk: ReconvictionRiskSummary | null;
};

/**
 * The current addresses the registry derived when it last wrote the record (and re-derives the day
 * they change). A record not written since they were added has none stored: they are worked out
 * for today until its next write.
 */
function storedCurrentAddresses(
  record: Pick<Partial<NominalRecord>, 'currentAddress' | 'otherCurrentAddresses'> &
    Pick<NominalRecord, 'addresses'>,
): Pick<NominalRecordView, 'currentAddress' | 'otherCurrentAddresses'> {
  if (record.currentAddress !== undefined && record.otherCurrentAddresses !== undefined) {
    return {
      currentAddress: record.currentAddress,
      otherCurrentAddresses: record.otherCurrentAddresses,
    };
  }
  return currentAddressesOn(record.addresses, londonDate(new Date()));
}

/** What looking up a nominal by id found. */
export type Lookup<T> =
  | { outcome: 'unknown' }
  | { outcome: 'merged'; mergedInto: string }
  | { outcome: 'found'; value: T };

type SummarySource = Pick<
  NominalSearchDocument,
  '_id' | 'name' | 'aliases' | 'dateOfBirth' | 'status' | 'mappa' | 'management' | 'identifiers'
>;

const summaryProjection = {
  _id: 1,
  name: 1,
  aliases: 1,
  dateOfBirth: 1,
  status: 1,
  mappa: 1,
  management: 1,
  identifiers: 1,
} as const;

function summaryOf(source: SummarySource): NominalSummary {
  return {
    id: source._id,
    name: source.name,
    aliases: source.aliases,
    dateOfBirth: source.dateOfBirth,
    status: source.status,
    mappa: source.mappa && {
      category: source.mappa.category,
      categoryName: source.mappa.categoryName,
      level: source.mappa.level,
    },
    managingArea: source.management.managingArea,
    jurisdiction: source.management.jurisdiction,
    identifiers: source.identifiers,
  };
}

/** Every status but MERGED: merged records are shells pointing at the survivor. */
const liveStatuses = NominalStatusSymbols.filter((status) => status !== 'MERGED');

/** The order of searches not by name, served by the `facets` index. */
export const searchOrder = { 'name.familyName': 1, _id: 1 } as const satisfies Sort;

/** The area, jurisdiction, category and level asked for, or null when none is. */
function facetsOf(criteria: SearchCriteria): Facets | null {
  const facets: Facets = {
    area: criteria.area === undefined ? null : normaliseArea(criteria.area),
    jurisdiction: criteria.jurisdiction ?? null,
    category: criteria.category ?? null,
    level: criteria.level ?? null,
  };
  return Object.values(facets).some((value) => value !== null) ? facets : null;
}

/**
 * The filter of a search's criteria other than the name. Area, jurisdiction, category, level and
 * status are one `search.facets` key per status asked for, exact and in family-name order in the
 * index; when a date of birth, an identifier or a name narrows the search and none of those four is
 * given, the status is checked on the few records found instead, sparing the database a posting
 * list of every live record.
 */
export function searchFilterOf(criteria: SearchCriteria): Filter<NominalSearchDocument> {
  const filter: Filter<NominalSearchDocument> = {};
  const statuses = criteria.status ?? liveStatuses;
  const narrowed =
    criteria.name !== undefined ||
    criteria.dateOfBirth !== undefined ||
    criteria.identifier !== undefined;
  const facets = facetsOf(criteria);
  if (facets !== null || !narrowed) {
    const any: Facets = { area: null, jurisdiction: null, category: null, level: null };
    filter['search.facets'] = { $in: statuses.map((status) => facetKey(facets ?? any, status)) };
  } else {
    filter.status = { $in: statuses };
  }
  if (criteria.dateOfBirth !== undefined) filter.dateOfBirth = criteria.dateOfBirth;
  if (criteria.identifier !== undefined) {
    // As typed, and in the form records key it under (a PNC id's long form finds its short one).
    filter['search.identifierValues'] = { $in: identifierKeysOfText(criteria.identifier) };
  }
  return filter;
}

/**
 * The records a name can match (search/name-keys.ts): for each alternative set of query parts, a
 * key of every part in it.
 */
export function nameFilterOf(name: string): Filter<NominalSearchDocument> {
  const alternatives = nameQueryKeySets(name).map((keySets): Filter<NominalSearchDocument> =>
    keySets.length === 1
      ? { 'search.nameKeys': { $in: keySets[0] } }
      : { $and: keySets.map((keys) => ({ 'search.nameKeys': { $in: keys } })) },
  );
  if (alternatives.length === 0) return { _id: { $in: [] } };
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

/** The history entries of the records in `lineage`, as the timeline filters them. */
export function timelineFilterOf(
  lineage: string[],
  filters: TimelineFilters,
): Filter<HistoryDocument> {
  const filter: Filter<HistoryDocument> = { nominalId: { $in: lineage } };
  if (filters.eventTypes) filter.eventType = { $in: filters.eventTypes };
  if (filters.agencies) filter.producingAgency = { $in: filters.agencies };
  if (filters.from || filters.until) {
    filter.occurredAt = {
      ...(filters.from && { $gte: filters.from }),
      ...(filters.until && { $lt: filters.until }),
    };
  }
  return filter;
}

/** nominalVersion orders one record's events that share a time; _id keeps paging stable. */
export function timelineOrder(order: TimelineFilters['order']): Sort {
  const direction = order === 'asc' ? 1 : -1;
  return { occurredAt: direction, nominalVersion: direction, _id: direction };
}

/**
 * More records than this sharing keys with a name cannot be ranked in time (a lone initial): the
 * caller is asked for another criterion rather than kept waiting. Common names stay well below.
 */
export const maxNameCandidates = 20_000;

/** A name search that would rank too many records. */
export class NameSearchTooBroadError extends Error {
  override name = 'NameSearchTooBroadError';

  constructor() {
    super(
      `more than ${maxNameCandidates} records share parts with this name; ` +
        'add a date of birth, an area or another criterion',
    );
  }
}

/** Up to this many matches, sorting them all costs less than counting initials (50 ms here). */
const sortInOneGo = 2_000;

/**
 * Ranges of family names by their first character, in the order MongoDB sorts strings (by code
 * unit): before "A", each capital letter, and after "Z". Names written in lower case or starting
 * with another letter fall in the last, in their place.
 */
const familyNameInitials: [string | null, string | null][] = (() => {
  const bounds = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ['];
  return [null, ...bounds].map((lower, i) => [lower, bounds[i] ?? null]);
})();

function familyNameRange(
  lower: string | null,
  upper: string | null,
): Filter<NominalSearchDocument> {
  if (lower === null && upper === null) return {};
  return {
    'name.familyName': {
      ...(lower !== null && { $gte: lower }),
      ...(upper !== null && { $lt: upper }),
    },
  };
}

/**
 * The registry's read side: search, record and timeline queries over `nominals` and
 * `nominal_history`, each served by an index of infrastructure/database-indexes.ts (a test checks
 * every query shape against them); name scoring happens here, after the database has narrowed the
 * candidates by name keys.
 */
export class NominalQueries {
  private readonly nominals: Collection<NominalDocument>;
  /** Searches read the search read model, not the records: small documents, its own indexes. */
  private readonly searchDocuments: Collection<NominalSearchDocument>;
  private readonly history: Collection<HistoryDocument>;

  constructor(
    db: Db,
    /** Opens the sensitive fields of records and history entries (sealed at rest). */
    private readonly cipher: PersonFieldCipher,
  ) {
    this.nominals = db.collection<NominalDocument>('nominals');
    this.searchDocuments = db.collection<NominalSearchDocument>(searchCollection);
    this.history = db.collection<HistoryDocument>('nominal_history');
  }

  /** Records matching every given criterion; by name score when searching by name, else by family name. */
  async search(criteria: SearchCriteria, page: PageRequest): Promise<Page<NominalSummary>> {
    const filter = searchFilterOf(criteria);
    const skip = (page.page - 1) * page.pageSize;
    if (criteria.name === undefined) {
      const total = await this.searchDocuments.countDocuments(filter);
      const sources = await this.pageInOrder(filter, total, skip, page.pageSize);
      return { items: sources.map(summaryOf), ...page, total };
    }

    // The database narrows to the records sharing keys with enough of the name's parts; the
    // spelling-tolerant score, which no database query computes, decides, so every candidate is
    // scored before paging.
    const name = criteria.name;
    const candidates = await this.searchDocuments
      .find<SummarySource>({ ...filter, ...nameFilterOf(name) }, { projection: summaryProjection })
      .limit(maxNameCandidates + 1)
      .toArray();
    if (candidates.length > maxNameCandidates) throw new NameSearchTooBroadError();
    const matches = candidates
      .map((candidate) => {
        let best = { score: nameSimilarity(name, candidate.name), matchedName: candidate.name };
        for (const alias of candidate.aliases) {
          const score = nameSimilarity(name, alias);
          if (score > best.score) best = { score, matchedName: alias };
        }
        return { ...summaryOf(candidate), ...best };
      })
      .filter((match) => match.score >= nameMatchThreshold)
      .map((match) => ({ ...match, score: Math.round(match.score * 1000) / 1000 }))
      .sort(
        (a, b) =>
          b.score - a.score ||
          a.name.familyName.localeCompare(b.name.familyName) ||
          a.id.localeCompare(b.id),
      );
    return { items: matches.slice(skip, skip + page.pageSize), ...page, total: matches.length };
  }

  /**
   * One page of a search in family-name order. Neither FerretDB 2 nor DocumentDB reads an index in
   * order: it sorts every match, reading each record whole (1.5 s for 88,000). So beyond a few
   * thousand matches the page is looked for by initial: the matches are counted one initial after
   * another (index work, no record read) until the page is reached, and only the records of the
   * initials it spans are sorted. On MongoDB each step is a range of the same index.
   */
  private async pageInOrder(
    filter: Filter<NominalSearchDocument>,
    total: number,
    skip: number,
    limit: number,
  ): Promise<SummarySource[]> {
    const find = (narrowed: Filter<NominalSearchDocument>, skipped: number) =>
      this.searchDocuments
        .find<SummarySource>(narrowed, { projection: summaryProjection })
        .sort(searchOrder)
        .skip(skipped)
        .limit(limit)
        .toArray();
    if (total <= sortInOneGo || skip >= total) return find(filter, skip);
    let before = 0;
    let first: { lower: string | null; before: number } | undefined;
    for (const [lower, upper] of familyNameInitials) {
      const range = familyNameRange(lower, upper);
      const count = await this.searchDocuments.countDocuments({ ...filter, ...range });
      if (first === undefined && before + count > skip) first = { lower, before };
      before += count;
      if (first !== undefined && before >= skip + limit) {
        return find({ ...filter, ...familyNameRange(first.lower, upper) }, skip - first.before);
      }
    }
    return find(
      { ...filter, ...familyNameRange(first?.lower ?? null, null) },
      skip - (first?.before ?? 0),
    );
  }

  /** The record of a nominal, or where it went if it was merged into another. */
  async record(id: string): Promise<Lookup<NominalRecordView>> {
    const stored = await this.nominals.findOne<NominalRecord>(
      { _id: id },
      { projection: { appliedEvents: 0, search: 0 } },
    );
    if (!stored) return { outcome: 'unknown' };
    const record = openRecord(stored, await this.cipher.openerFor([stored._id]));
    if (record.status === 'MERGED' && record.mergedInto) {
      return { outcome: 'merged', mergedInto: record.mergedInto };
    }
    const { _id, ...content } = recordAsOfToday(record);
    return {
      outcome: 'found',
      value: {
        id: _id,
        ...content,
        ...storedCurrentAddresses(record),
        riskManagementPlan: currentPlan(record),
        latestRiskAssessments: latestAssessmentPerTool(record),
        riskSetting: settingOf(record),
        riskOfSeriousHarm: riskOfSeriousHarmSummary(record),
        reconvictionRisk: reconvictionRiskSummary(record),
      },
    };
  }

  /**
   * The history of a nominal and of every record merged into it (and into those, in turn): a merged
   * person's past is the surviving record's past too.
   */
  async timeline(
    id: string,
    filters: TimelineFilters,
    page: PageRequest,
  ): Promise<Lookup<Page<TimelineEntry>>> {
    const root = await this.nominals.findOne<
      Pick<NominalDocument, '_id' | 'status' | 'mergedInto' | 'mergedFrom'>
    >({ _id: id }, { projection: { _id: 1, status: 1, mergedInto: 1, mergedFrom: 1 } });
    if (!root) return { outcome: 'unknown' };
    if (root.status === 'MERGED' && root.mergedInto) {
      return { outcome: 'merged', mergedInto: root.mergedInto };
    }

    const filter = timelineFilterOf(await this.mergedLineage(root._id, root.mergedFrom), filters);
    const [total, stored] = await Promise.all([
      this.history.countDocuments(filter),
      this.history
        .find<TimelineEntry>(filter, { projection: { _id: 0 } })
        .sort(timelineOrder(filters.order))
        .skip((page.page - 1) * page.pageSize)
        .limit(page.pageSize)
        .toArray(),
    ]);
    // Entries of merged records are sealed with their own person's key: one lookup for all.
    const opener = await this.cipher.openerFor(stored.map((entry) => entry.nominalId));
    const items = stored.map((entry) => openHistoryEntry(entry, opener));
    return { outcome: 'found', value: { items, ...page, total } };
  }

  /** The record and every record merged into it, directly or through another merged record. */
  private async mergedLineage(id: string, mergedFrom: string[]): Promise<string[]> {
    const lineage = new Set([id]);
    let frontier = mergedFrom.filter((other) => !lineage.has(other));
    while (frontier.length > 0) {
      for (const other of frontier) lineage.add(other);
      const merged = await this.nominals
        .find<Pick<NominalDocument, 'mergedFrom'>>(
          { _id: { $in: frontier } },
          { projection: { _id: 0, mergedFrom: 1 } },
        )
        .toArray();
      frontier = [...new Set(merged.flatMap((record) => record.mergedFrom))].filter(
        (other) => !lineage.has(other),
      );
    }
    return [...lineage];
  }
}
