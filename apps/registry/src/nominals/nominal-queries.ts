import { MongoServerError, type Collection, type Db, type Filter } from 'mongodb';
import type {
  Agency,
  AgencyIdentifier,
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  NominalStatus,
  PersonName,
} from '@hub/contracts';
import { nameSimilarity, phoneticCodesOfText } from '../search/name-matching';
import { normaliseIdentifier } from '../search/search-keys';
import { currentAddress, currentPlan } from './current-facts';
import type {
  AddressItem,
  HistoryDocument,
  NominalDocument,
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
  riskManagementPlan: RiskManagementPlanItem | null;
};

/** What looking up a nominal by id found. */
export type Lookup<T> =
  | { outcome: 'unknown' }
  | { outcome: 'merged'; mergedInto: string }
  | { outcome: 'found'; value: T };

type SummarySource = Pick<
  NominalDocument,
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

/** IndexOptionsConflict: an index on the same keys exists under another name (another component made it). */
const equivalentIndexExists = 85;

async function tolerateEquivalentIndex(create: () => Promise<string>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === equivalentIndexExists)) throw error;
  }
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/**
 * The registry's read side: search, record and timeline queries over `nominals` and
 * `nominal_history`. Only equality, $in, $ne and $regex filters with sort/skip/limit, which FerretDB
 * v1 runs as MongoDB does; name scoring happens here, after a phonetic prefilter in the database.
 */
export class NominalQueries {
  private readonly nominals: Collection<NominalDocument>;
  private readonly history: Collection<HistoryDocument>;

  constructor(db: Db) {
    this.nominals = db.collection<NominalDocument>('nominals');
    this.history = db.collection<HistoryDocument>('nominal_history');
  }

  async ensureIndexes(): Promise<void> {
    // Same name and keys as the store's index: creating it twice is then a no-op.
    await tolerateEquivalentIndex(() =>
      this.history.createIndex({ nominalId: 1, occurredAt: 1 }, { name: 'timeline' }),
    );
    const nominalIndexes: [string, string][] = [
      ['dateOfBirth', 'dateOfBirth'],
      ['identifierValues', 'search.identifierValues'],
      ['namePhonetics', 'search.namePhonetics'],
      ['managingArea', 'management.managingArea'],
    ];
    for (const [name, field] of nominalIndexes) {
      await tolerateEquivalentIndex(() => this.nominals.createIndex({ [field]: 1 }, { name }));
    }
  }

  /** Records matching every given criterion; by name score when searching by name, else by family name. */
  async search(criteria: SearchCriteria, page: PageRequest): Promise<Page<NominalSummary>> {
    const filter = this.filterOf(criteria);
    const skip = (page.page - 1) * page.pageSize;
    if (criteria.name === undefined) {
      const [total, sources] = await Promise.all([
        this.nominals.countDocuments(filter),
        this.nominals
          .find<SummarySource>(filter, { projection: summaryProjection })
          .sort({ 'name.familyName': 1, _id: 1 })
          .skip(skip)
          .limit(page.pageSize)
          .toArray(),
      ]);
      return { items: sources.map(summaryOf), ...page, total };
    }

    // The database narrows by sound; the spelling-tolerant score (which no FerretDB query can
    // compute) decides, so all prefiltered candidates are scored before paging.
    const name = criteria.name;
    const candidates = await this.nominals
      .find<SummarySource>(
        { ...filter, 'search.namePhonetics': { $in: phoneticCodesOfText(name) } },
        { projection: summaryProjection },
      )
      .toArray();
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

  /** The record of a nominal, or where it went if it was merged into another. */
  async record(id: string): Promise<Lookup<NominalRecordView>> {
    const record = await this.nominals.findOne<NominalRecord>(
      { _id: id },
      { projection: { appliedEvents: 0, search: 0 } },
    );
    if (!record) return { outcome: 'unknown' };
    if (record.status === 'MERGED' && record.mergedInto) {
      return { outcome: 'merged', mergedInto: record.mergedInto };
    }
    const { _id, ...content } = record;
    return {
      outcome: 'found',
      value: {
        id: _id,
        ...content,
        currentAddress: currentAddress(record),
        riskManagementPlan: currentPlan(record),
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

    const filter: Filter<HistoryDocument> = {
      nominalId: { $in: await this.mergedLineage(root._id, root.mergedFrom) },
    };
    if (filters.eventTypes) filter.eventType = { $in: filters.eventTypes };
    if (filters.agencies) filter.producingAgency = { $in: filters.agencies };
    if (filters.from || filters.until) {
      filter.occurredAt = {
        ...(filters.from && { $gte: filters.from }),
        ...(filters.until && { $lt: filters.until }),
      };
    }
    const direction = filters.order === 'asc' ? 1 : -1;
    const [total, items] = await Promise.all([
      this.history.countDocuments(filter),
      this.history
        .find<TimelineEntry>(filter, { projection: { _id: 0 } })
        // nominalVersion orders one record's events that share a time; _id keeps paging stable.
        .sort({ occurredAt: direction, nominalVersion: direction, _id: direction })
        .skip((page.page - 1) * page.pageSize)
        .limit(page.pageSize)
        .toArray(),
    ]);
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

  private filterOf(criteria: SearchCriteria): Filter<NominalDocument> {
    const filter: Filter<NominalDocument> = {};
    if (criteria.dateOfBirth) filter.dateOfBirth = criteria.dateOfBirth;
    if (criteria.identifier) {
      filter['search.identifierValues'] = normaliseIdentifier(criteria.identifier);
    }
    if (criteria.area) {
      // Case-insensitive but exact: practitioners type "greater manchester".
      filter['management.managingArea'] = {
        $regex: `^${escapeRegex(criteria.area)}$`,
        $options: 'i',
      };
    }
    if (criteria.jurisdiction) filter['management.jurisdiction'] = criteria.jurisdiction;
    if (criteria.category) filter['mappa.category'] = criteria.category;
    if (criteria.level) filter['mappa.level'] = criteria.level;
    // Merged records are shells pointing at the survivor: searching them shows the person twice.
    filter.status = criteria.status ? { $in: criteria.status } : { $ne: 'MERGED' };
    return filter;
  }
}
