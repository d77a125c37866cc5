import type { EventMetadata, EventOf, MappaLevel } from '@hub/contracts';
import { syntheticTransferStep } from '@hub/testing';
import type {
  ArrangementsItem,
  CustodyEventItem,
  NominalContent,
  StateFact,
  SupervisionEventItem,
} from '../nominals/nominal.documents';
import { arrangementsPeriodsOf } from './arrangements-periods';
import { complianceActionRecorded } from './compliance-actions.projections';
import { custodyPeriodsOf } from './custody-periods';
import { nominalRegistered } from './identity.projections';
import { managementPeriodsOf } from './management-periods';
import { recordManagementAssigned } from './mappa.projections';
import { recordTimelineOf } from './record-timeline';
import {
  duplicateCounterpart,
  mergeEntryOf,
  nominalArchiveStatusChanged,
  survivorWithoutMerge,
} from './record-lifecycle.projections';
import { transferStepRecorded } from './transfer.projections';

let sequence = 0;

/** A fact taking effect on `effectiveOn`, recorded (by default) that day. */
function fact(effectiveOn: string, recordedOn = effectiveOn): StateFact {
  sequence += 1;
  return {
    eventId: `e-${String(sequence).padStart(4, '0')}`,
    recordedBy: 'PROBATION',
    occurredAt: new Date(`${recordedOn}T10:00:00Z`),
    producingSystem: 'synthetic-case-system',
    effectiveOn,
  };
}

const mappa = (on: string, level: MappaLevel, recordedOn?: string): ArrangementsItem => ({
  ...fact(on, recordedOn),
  kind: 'MAPPA',
  category: 'CATEGORY_2',
  level,
  jurisdiction: 'ENGLAND_AND_WALES',
  basis: null,
  reviewOn: null,
  reason: null,
});

const left = (on: string): ArrangementsItem => ({
  ...fact(on),
  kind: 'LEFT',
  leftReason: 'LICENCE_OR_ORDER_ENDED',
  details: null,
});

const level = (from: string, to: string | null, mappaLevel: MappaLevel) => ({
  from,
  to,
  jurisdiction: 'ENGLAND_AND_WALES',
  category: 'CATEGORY_2',
  level: mappaLevel,
  ppaniRiskCategory: null,
});

describe('arrangements periods', () => {
  it('split at a level change mid-year, not at a review keeping the level', () => {
    const history = [
      mappa('2023-01-10', 'LEVEL_1'),
      mappa('2023-06-01', 'LEVEL_1'),
      mappa('2023-09-15', 'LEVEL_2'),
    ];
    expect(arrangementsPeriodsOf(history)).toEqual([
      level('2023-01-10', '2023-09-14', 'LEVEL_1'),
      level('2023-09-15', null, 'LEVEL_2'),
    ]);
  });

  it('end on the day the person left, and start again when they re-enter', () => {
    const history = [
      mappa('2022-03-01', 'LEVEL_1'),
      left('2023-04-30'),
      mappa('2024-02-01', 'LEVEL_1'),
    ];
    expect(arrangementsPeriodsOf(history)).toEqual([
      level('2022-03-01', '2023-04-30', 'LEVEL_1'),
      level('2024-02-01', null, 'LEVEL_1'),
    ]);
  });

  it('take a late back-dated decision in at its day, whatever order the facts arrived in', () => {
    const arrived = [
      mappa('2023-01-10', 'LEVEL_1'),
      mappa('2023-05-01', 'LEVEL_3'),
      mappa('2023-03-01', 'LEVEL_2', '2023-08-01'),
    ];
    expect(arrangementsPeriodsOf(arrived)).toEqual([
      level('2023-01-10', '2023-02-28', 'LEVEL_1'),
      level('2023-03-01', '2023-04-30', 'LEVEL_2'),
      level('2023-05-01', null, 'LEVEL_3'),
    ]);
  });

  it('let a same-day correction replace the decision it corrects, leaving no empty period', () => {
    const history = [
      mappa('2023-01-10', 'LEVEL_1'),
      mappa('2023-03-01', 'LEVEL_3', '2023-03-01'),
      mappa('2023-03-01', 'LEVEL_1', '2023-03-02'),
    ];
    expect(arrangementsPeriodsOf(history)).toEqual([level('2023-01-10', null, 'LEVEL_1')]);
  });

  it('give PPANI risk categories under Northern Ireland', () => {
    const ppani: ArrangementsItem = {
      ...fact('2024-01-01'),
      kind: 'PPANI',
      eligibility: 'NOTIFICATION_REQUIREMENTS',
      riskCategory: 'CATEGORY_2',
      reviewOn: null,
      reason: null,
    };
    expect(arrangementsPeriodsOf([ppani])).toEqual([
      {
        from: '2024-01-01',
        to: null,
        jurisdiction: 'NORTHERN_IRELAND',
        category: null,
        level: null,
        ppaniRiskCategory: 'CATEGORY_2',
      },
    ]);
  });
});

const custodyFact = (
  on: string,
  kind: CustodyEventItem['kind'],
  custodyType: CustodyEventItem['custodyType'] = null,
): CustodyEventItem => ({
  ...fact(on),
  kind,
  establishment: 'HMP Synthetic',
  previousEstablishment: null,
  releaseDate: kind === 'RELEASED' ? on : null,
  releaseType: null,
  custodyType,
  licenceExpiryOn: null,
  sentenceExpiryOn: null,
});

describe('custody periods', () => {
  it('run from admission to the day before release, and again from a recall', () => {
    const stays = custodyPeriodsOf([
      custodyFact('2022-01-05', 'ADMITTED', 'REMAND'),
      custodyFact('2022-03-01', 'SENTENCED', 'SENTENCED'),
      custodyFact('2022-09-01', 'TEMPORARY_RELEASE_STARTED'),
      custodyFact('2022-09-03', 'TEMPORARY_RELEASE_ENDED'),
      custodyFact('2023-01-10', 'RELEASED'),
      custodyFact('2023-07-01', 'ADMITTED', 'RECALLED'),
    ]);
    expect(stays).toEqual([
      { from: '2022-01-05', to: '2023-01-09', custodyType: 'REMAND' },
      { from: '2023-07-01', to: null, custodyType: 'RECALLED' },
    ]);
  });

  it('keep a stay of one day for a person released the day they were admitted', () => {
    const stays = custodyPeriodsOf([
      custodyFact('2024-02-02', 'ADMITTED', 'REMAND'),
      custodyFact('2024-02-02', 'RELEASED'),
    ]);
    expect(stays).toEqual([{ from: '2024-02-02', to: '2024-02-02', custodyType: 'REMAND' }]);
  });
});

function metadata(occurredAt: string, eventId?: string): EventMetadata {
  sequence += 1;
  return {
    eventId: eventId ?? `m-${String(sequence).padStart(4, '0')}`,
    occurredAt: new Date(occurredAt),
    producingAgency: 'POLICE',
    producingSystem: 'synthetic-police-system',
    producingOrganisation: null,
    actingUser: null,
    correlationId: 'corr',
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
  };
}

function registered(nominalId: string, on: string): NominalContent {
  return nominalRegistered.project(null, {
    metadata: metadata(`${on}T11:00:00Z`),
    nominalId,
    name: { givenNames: ['Sam'], familyName: 'Example' },
    aliases: [],
    dateOfBirth: '1979-04-05',
    aliasDatesOfBirth: [],
    gender: 'NOT_KNOWN',
    identifiers: [],
    leadAgency: 'PROBATION',
    managingArea: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES',
  });
}

const recordManager = { name: 'Officer Synthetic', agency: 'PROBATION', role: null, contact: null };

describe('management periods', () => {
  it('run from the registration, through a reassignment in the area, to an area moved to by transfer', () => {
    const reassigned = recordManagementAssigned.project(registered('NOM-M1', '2023-02-01'), {
      metadata: metadata('2023-05-01T10:00:00Z'),
      nominalId: 'NOM-M1',
      leadAgency: 'PROBATION',
      managingArea: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
      recordManager: { ...recordManager, agency: 'PROBATION' },
      coManagers: [],
      victimContact: null,
      effectiveOn: '2023-05-01',
    });
    const moved = transferStepRecorded.project(
      reassigned,
      syntheticTransferStep('NOM-M1', {
        metadata: { occurredAt: new Date('2024-06-10T10:00:00Z') },
        step: 'COMPLETED',
        state: 'COMPLETED',
        receivingLeadAgency: 'SOCIAL_WORK',
        receivingRecordManager: { ...recordManager, agency: 'SOCIAL_WORK' },
        effectiveOn: '2024-06-10',
      }),
    );
    expect(managementPeriodsOf(moved.managementHistory)).toEqual([
      {
        from: null,
        to: '2024-06-09',
        managingArea: 'Greater Manchester',
        jurisdiction: 'ENGLAND_AND_WALES',
        leadAgency: 'PROBATION',
      },
      {
        from: '2024-06-10',
        to: null,
        managingArea: 'Lothian and Borders',
        jurisdiction: 'SCOTLAND',
        leadAgency: 'SOCIAL_WORK',
      },
    ]);
  });
});

const supervisionFact = (
  on: string,
  kind: SupervisionEventItem['kind'],
  orderType = 'Licence',
): SupervisionEventItem => ({
  ...fact(on),
  kind,
  orderType,
  startsOn: null,
  endsOn: null,
  details: null,
});

type ComplianceAction = EventOf<'police.compliance-action.recorded.v1'>;

const action = (
  nominalId: string,
  actionId: string,
  kind: ComplianceAction['kind'],
  occurredOn: string,
  extra: Partial<ComplianceAction> = {},
): ComplianceAction => ({
  metadata: metadata(`${occurredOn}T15:00:00Z`),
  nominalId,
  actionId,
  kind,
  occurredOn,
  orderId: null,
  sentencedToCustody: false,
  details: null,
  ...extra,
});

describe('the record timeline', () => {
  it('lists breaches and recalls of supervision earliest first, each once', () => {
    const record: NominalContent = {
      ...registered('NOM-S1', '2022-01-01'),
      supervisionEvents: [
        supervisionFact('2023-05-03', 'RECALL'),
        supervisionFact('2022-02-01', 'LICENCE_STARTED'),
        supervisionFact('2023-04-20', 'BREACH'),
        supervisionFact('2023-04-20', 'BREACH'),
        supervisionFact('2023-06-01', 'BREACH', 'SHPO'),
      ],
    };
    expect(recordTimelineOf(record, '2026-12-02').supervisionEvents).toEqual([
      { kind: 'BREACH', on: '2023-04-20' },
      { kind: 'RECALL', on: '2023-05-03' },
    ]);
  });

  it('lists compliance actions by day; a re-sent action replaces itself, a redelivery changes nothing', () => {
    const missing = action('NOM-C1', 'CA-1', 'REPORTED_MISSING', '2024-03-10');
    const convicted = action('NOM-C1', 'CA-3', 'ORDER_BREACH_CONVICTED', '2025-01-20', {
      orderId: 'CO-1',
      sentencedToCustody: true,
    });
    const found = action('NOM-C1', 'CA-2', 'FOUND', '2024-03-12');
    const corrected = {
      ...found,
      metadata: metadata('2024-03-15T09:00:00Z'),
      occurredOn: '2024-03-11',
    };
    let record = registered('NOM-C1', '2023-01-01');
    for (const event of [convicted, found, missing, convicted, corrected, found]) {
      record = complianceActionRecorded.project(record, event);
    }
    expect(record.complianceActions.map((item) => item.actionId)).toEqual(['CA-1', 'CA-2', 'CA-3']);
    expect(recordTimelineOf(record, '2026-12-02').complianceActions).toEqual([
      { kind: 'REPORTED_MISSING', on: '2024-03-10', sentencedToCustody: false },
      { kind: 'FOUND', on: '2024-03-11', sentencedToCustody: false },
      { kind: 'ORDER_BREACH_CONVICTED', on: '2025-01-20', sentencedToCustody: true },
    ]);
  });

  it('says when the record was registered, and when archived while it is', () => {
    const record = registered('NOM-A1', '2021-07-19');
    const archive = (action: 'ARCHIVED' | 'REACTIVATED', at: string) => ({
      metadata: metadata(at),
      nominalId: 'NOM-A1',
      action,
      reason: 'Synthetic',
    });
    const archived = nominalArchiveStatusChanged.project(
      record,
      archive('ARCHIVED', '2025-03-31T23:30:00Z'),
    );
    expect(recordTimelineOf(archived, '2026-12-02')).toMatchObject({
      registeredOn: '2021-07-19',
      // Half past eleven at night in UTC is the next day in the UK in summer time.
      archivedOn: '2025-04-01',
    });
    const reactivated = nominalArchiveStatusChanged.project(
      archived,
      archive('REACTIVATED', '2025-05-01T10:00:00Z'),
    );
    expect(recordTimelineOf(reactivated, '2026-12-02').archivedOn).toBeNull();
  });

  it('leaves facts dated ahead for their day', () => {
    const record: NominalContent = {
      ...registered('NOM-F1', '2025-01-01'),
      arrangementsHistory: [mappa('2025-01-02', 'LEVEL_1'), mappa('2027-01-01', 'LEVEL_2')],
    };
    expect(recordTimelineOf(record, '2026-12-02').arrangements).toEqual([
      level('2025-01-02', null, 'LEVEL_1'),
    ]);
    expect(recordTimelineOf(record, '2027-01-01').arrangements).toHaveLength(2);
  });

  it('includes a merged record’s facts on the survivor, until the merge is undone', () => {
    const survivor: NominalContent = {
      ...registered('NOM-K1', '2022-04-01'),
      arrangementsHistory: [mappa('2022-04-02', 'LEVEL_1')],
    };
    const retired: NominalContent = complianceActionRecorded.project(
      {
        ...registered('NOM-K2', '2023-01-01'),
        arrangementsHistory: [mappa('2023-06-01', 'LEVEL_2')],
        custodyEvents: [custodyFact('2023-08-01', 'ADMITTED', 'SENTENCED')],
      },
      action('NOM-K2', 'CA-9', 'NOTIFICATION_BREACH_CONVICTED', '2023-07-15', {
        sentencedToCustody: true,
      }),
    );
    const merged = duplicateCounterpart(survivor, retired, {
      metadata: metadata('2024-01-10T10:00:00Z'),
      nominalId: 'NOM-K2',
      otherNominalId: 'NOM-K1',
      decision: 'MERGED',
      reason: 'Same person (synthetic)',
    });
    const timeline = recordTimelineOf(merged, '2026-12-02');
    expect(timeline).toMatchObject({
      registeredOn: '2022-04-01',
      arrangements: [
        level('2022-04-02', '2023-05-31', 'LEVEL_1'),
        level('2023-06-01', null, 'LEVEL_2'),
      ],
      custody: [{ from: '2023-08-01', to: null, custodyType: 'SENTENCED' }],
      complianceActions: [
        { kind: 'NOTIFICATION_BREACH_CONVICTED', on: '2023-07-15', sentencedToCustody: true },
      ],
    });
    const unmerged = survivorWithoutMerge(merged, mergeEntryOf(merged, 'NOM-K2', 'NOM-K1'));
    expect(recordTimelineOf(unmerged, '2026-12-02')).toMatchObject({
      arrangements: [level('2022-04-02', null, 'LEVEL_1')],
      custody: [],
      complianceActions: [],
    });
  });
});
