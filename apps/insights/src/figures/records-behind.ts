import type { Filter } from 'mongodb';
import { pageOf } from '@hub/persistence';
import {
  actsNationally,
  decide,
  recordFactsOfRecord,
  type Caller,
  type RecordFacts,
} from '@hub/security';
import type { InsightsStore } from '../read-model/insights-store';
import type { PersonSummary } from '../read-model/person-summary';
import type { CheckSettings, RecordCheck } from './record-checks';

/** One record behind a figure: enough to find it, never the person's details. */
export interface RecordBehind {
  nominalId: string;
  managingArea: string;
  leadAgency: PersonSummary['leadAgency'];
  category: string | null;
  level: string | null;
  status: PersonSummary['status'];
  /** The record in the registry's API, read there under the registry's own need-to-know. */
  record: string;
}

export interface RecordsBehindPage {
  check: string;
  asAt: string;
  records: RecordBehind[];
  page: number;
  pageSize: number;
  /** How many records behind the figure the caller may see (all of them for data governance). */
  total: number;
  /** Whose records are listed: the caller's organisation's, or all. */
  scope: string;
}

function factsOf(person: PersonSummary): RecordFacts {
  return recordFactsOfRecord({
    management: {
      managingArea: person.managingArea,
      jurisdiction: person.jurisdiction,
      leadAgency: person.leadAgency,
      coManagers: person.coManagerAgencies.map((agency) => ({ agency })),
    },
    custodyEstablishment: person.custodyEstablishment,
    openTransfer: person.openTransfer,
  });
}

/**
 * The records a caller's organisation manages or co-manages, as a query: the relations
 * need-to-know grants `insights.records` to (see `accessRules`), so that paging counts only them.
 */
function managedOrCoManagedBy(caller: Caller): Filter<PersonSummary> {
  const { organisation } = caller;
  const areas = organisation.mappaAreas;
  return {
    $or: [
      {
        managingArea: { $in: areas },
        $or: [
          { leadAgency: organisation.agencyType },
          { coManagerAgencies: organisation.agencyType },
        ],
      },
      {
        'openTransfer.state': 'INTERIM_CO_MANAGEMENT',
        'openTransfer.receivingArea': { $in: areas },
      },
      ...(organisation.agencyType === 'PRISON'
        ? [{ custodyEstablishment: organisation.name }]
        : []),
    ],
  };
}

/**
 * Lists the records behind a check's figure, by need-to-know: data governance sees every record,
 * a record manager or co-ordinator those their organisation manages or co-manages. The access
 * interceptor audits the call with every id listed.
 */
export class RecordsBehindFigures {
  constructor(private readonly store: InsightsStore) {}

  async list(
    caller: Caller,
    check: RecordCheck,
    settings: CheckSettings,
    area: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<RecordsBehindPage> {
    const national = actsNationally(caller, 'insights.records');
    const filter: Filter<PersonSummary> = {
      $and: [
        check.filter(settings),
        ...(area ? [{ managingArea: area }] : []),
        ...(national ? [] : [managedOrCoManagedBy(caller)]),
      ],
    };
    const { items, total } = await pageOf(this.store.people, filter, { _id: 1 }, page, pageSize);
    // The query already keeps to the caller's records; the policy has the last word on each.
    const allowed = items.filter(
      (person) => decide(caller, 'insights.records', factsOf(person)).allowed,
    );
    return {
      check: check.id,
      asAt: settings.today,
      records: allowed.map((person) => ({
        nominalId: person._id,
        managingArea: person.managingArea,
        leadAgency: person.leadAgency,
        category: person.category,
        level: person.level,
        status: person.status,
        record: `/v1/nominals/${person._id}`,
      })),
      page,
      pageSize,
      total,
      scope: national
        ? 'every record'
        : `records ${caller.organisation.name} manages or co-manages`,
    };
  }
}
