import type {
  ArrangementsPeriod,
  ManagementPeriod,
  MappaCategory,
  MappaLevel,
  NominalChanged,
  RecordTimeline,
} from '@hub/contracts';

/** A period under one MAPPA category and level in England and Wales, for a hand-built timeline. */
export function mappaPeriod(
  from: string,
  to: string | null,
  level: MappaLevel,
  category: MappaCategory = 'CATEGORY_1',
): ArrangementsPeriod {
  return { from, to, jurisdiction: 'ENGLAND_AND_WALES', category, level, ppaniRiskCategory: null };
}

/** A period in which probation in an area of England and Wales managed the person. */
export function managementPeriod(
  from: string | null,
  to: string | null,
  area: string,
): ManagementPeriod {
  return {
    from,
    to,
    managingArea: area,
    jurisdiction: 'ENGLAND_AND_WALES',
    leadAgency: 'PROBATION',
  };
}

/**
 * A whole changed record (`registry.nominal.changed.v1`) of a synthetic person managed at level 1
 * in Greater Manchester, with `overrides` laid over it: for tests of consumers of the topic that
 * build small histories by hand. `timeline` fields are merged one by one.
 */
export function changedRecord(
  overrides: Partial<Omit<NominalChanged, 'timeline'>> & {
    timeline?: Partial<RecordTimeline>;
  } = {},
): NominalChanged {
  const { timeline, ...rest } = overrides;
  const nominalId = rest.nominalId ?? 'N-FIXTURE-0001';
  return {
    nominalId,
    version: 1,
    changedAt: new Date('2026-06-01T09:00:00Z'),
    causedByEventId: '00000000-0000-4000-8000-000000000001',
    status: 'ACTIVE',
    mergedInto: null,
    name: { givenNames: ['Alex'], familyName: 'Fixture' },
    aliases: [],
    dateOfBirth: '1980-05-17',
    aliasDatesOfBirth: [],
    gender: 'MALE',
    identifiers: [],
    mappa: null,
    ppani: null,
    management: {
      leadAgency: 'PROBATION',
      managingArea: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
      recordManager: { name: 'Sam Keeper', agency: 'PROBATION', role: null, contact: null },
      coManagers: [],
      victimContact: null,
    },
    openTransfer: null,
    currentAddress: null,
    otherCurrentAddresses: [],
    custody: null,
    supervision: null,
    restrictedPatient: null,
    latestRiskAssessment: null,
    riskOfSeriousHarm: null,
    reconvictionRisk: null,
    latestRiskAssessments: [],
    riskManagementPlan: null,
    linkedNominals: [],
    counts: { intelligence: 0, meetings: 0, notifications: 0, addresses: 0 },
    conflicts: [],
    notificationRequirement: null,
    overdueNotifications: [],
    civilOrders: [],
    ...rest,
    timeline: {
      registeredOn: '2020-01-06',
      arrangements: [],
      management: [],
      custody: [],
      supervisionEvents: [],
      complianceActions: [],
      archivedOn: null,
      ...timeline,
    },
  };
}
