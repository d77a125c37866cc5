import type { Address, EventMetadata, EventOf } from '@hub/contracts';
import { nominalChangedOf } from '../changes/nominal-changed';
import { currentPlan } from '../nominals/current-facts';
import type { NominalContent } from '../nominals/nominal.documents';
import {
  latestAssessmentPerTool,
  reconvictionRiskSummary,
  riskOfSeriousHarmSummary,
} from '../nominals/risk-headlines';
import { intelligenceShared } from './agency-events.projections';
import { currentAddressDerivation } from './current-address';
import { nominalRegistered } from './identity.projections';
import { riskAssessmentRecorded, riskManagementPlanPublished } from './mappa.projections';

let serial = 0;
const metadata = (occurredAt = '2025-01-01T10:00:00Z'): EventMetadata => ({
  eventId: `evt-${(serial += 1)}`,
  occurredAt: new Date(occurredAt),
  producingAgency: 'PROBATION',
  producingSystem: 'synthetic',
  producingOrganisation: null,
  actingUser: null,
  correlationId: 'corr',
  causationId: null,
  classification: 'OFFICIAL_SENSITIVE',
});

function registered(): NominalContent {
  return nominalRegistered.project(null, {
    metadata: metadata(),
    nominalId: 'NOM-R',
    name: { givenNames: ['Alex'], familyName: 'Testperson' },
    aliases: [],
    aliasDatesOfBirth: [],
    dateOfBirth: '1980-02-03',
    gender: 'NOT_KNOWN',
    identifiers: [],
    leadAgency: 'PROBATION',
    managingArea: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES',
  });
}

type Assessment = EventOf<'mappa.risk-assessment.recorded.v1'>;
const assessment = (overrides: Partial<Assessment>): Assessment => ({
  metadata: metadata(),
  nominalId: 'NOM-R',
  assessmentId: `ra-${(serial += 1)}`,
  tool: 'OASYS',
  toolName: null,
  riskOfSeriousHarm: null,
  seriousHarmByGroup: [],
  reconviction: [],
  riskNeedLevel: null,
  dynamicPriorities: null,
  assessedOn: '2025-01-01',
  nextReviewOn: null,
  summary: null,
  ...overrides,
});

const assessed = (...events: Assessment[]): NominalContent =>
  events.reduce((record, event) => riskAssessmentRecorded.project(record, event), registered());

describe('risk assessments, each tool in its own terms', () => {
  const oasys = assessment({
    assessmentId: 'oasys-1',
    assessedOn: '2025-03-01',
    seriousHarmByGroup: [
      { group: 'CHILDREN', setting: 'COMMUNITY', level: 'HIGH' },
      { group: 'PUBLIC', setting: 'COMMUNITY', level: 'MEDIUM' },
      { group: 'KNOWN_ADULT', setting: 'COMMUNITY', level: 'HIGH' },
      { group: 'PRISONERS', setting: 'CUSTODY', level: 'VERY_HIGH' },
    ],
    reconviction: [{ scale: 'OGRS3', band: 'MEDIUM', score: null, probability: 0.55 }],
  });
  const rm2000 = assessment({
    assessmentId: 'rm-1',
    tool: 'RM2000',
    assessedOn: '2025-04-01',
    reconviction: [
      { scale: 'RM2000_SEXUAL', band: 'VERY_HIGH', score: 6, probability: null },
      { scale: 'RM2000_VIOLENT', band: 'LOW', score: 1, probability: null },
    ],
  });

  it('keeps the latest assessment of each tool', () => {
    const older = assessment({ assessmentId: 'oasys-0', assessedOn: '2024-06-01' });
    const record = assessed(oasys, older, rm2000);
    expect(record.riskAssessments).toHaveLength(3);
    expect(latestAssessmentPerTool(record).map((item) => item.assessmentId)).toEqual([
      'rm-1',
      'oasys-1',
    ]);
  });

  it('headlines risk of serious harm from the latest ROSH assessment, never from RM2000', () => {
    const record = assessed(oasys, rm2000);
    expect(riskOfSeriousHarmSummary(record)).toEqual({
      level: 'HIGH',
      setting: 'COMMUNITY',
      groups: ['CHILDREN', 'KNOWN_ADULT'],
      assessmentId: 'oasys-1',
      tool: 'OASYS',
      assessedOn: '2025-03-01',
    });
    // RM2000 recorded before the contract had `reconviction` put its category here.
    const legacy = assessment({
      tool: 'RM2000',
      assessedOn: '2025-05-01',
      riskOfSeriousHarm: 'LOW',
    });
    expect(riskOfSeriousHarmSummary(assessed(oasys, legacy))?.assessmentId).toBe('oasys-1');
  });

  it('reads the custody ratings while the person is in prison', () => {
    const inPrison = {
      ...assessed(oasys),
      custody: { state: 'IN_CUSTODY' },
    } as unknown as NominalContent;
    expect(riskOfSeriousHarmSummary(inPrison)).toMatchObject({
      level: 'VERY_HIGH',
      setting: 'CUSTODY',
      groups: ['PRISONERS'],
    });
  });

  it('keeps reconviction risk apart, from the latest assessment that predicts it', () => {
    const record = assessed(oasys, rm2000);
    expect(reconvictionRiskSummary(record)).toEqual({
      assessmentId: 'rm-1',
      tool: 'RM2000',
      assessedOn: '2025-04-01',
      predictions: rm2000.reconviction,
    });
    const published = nominalChangedOf({
      ...record,
      _id: 'NOM-R',
      version: 3,
      createdAt: new Date(),
      updatedAt: new Date(),
      lastEventId: 'evt',
      writeId: 'w',
      appliedEvents: [],
      search: { identifierValues: [] },
    });
    expect(published.latestRiskAssessment).toMatchObject({
      assessmentId: 'oasys-1',
      riskOfSeriousHarm: 'HIGH',
    });
    expect(published.reconvictionRisk?.assessmentId).toBe('rm-1');
    expect(published.latestRiskAssessments.map((item) => item.tool)).toEqual(['RM2000', 'OASYS']);
  });

  it('keeps the LS/CMI risk/need level as its own band', () => {
    const record = assessed(
      assessment({ tool: 'LSCMI', riskNeedLevel: 'VERY_LOW', riskOfSeriousHarm: 'MEDIUM' }),
    );
    expect(record.riskAssessments[0]).toMatchObject({ riskNeedLevel: 'VERY_LOW' });
    expect(riskOfSeriousHarmSummary(record)).toMatchObject({ level: 'MEDIUM', setting: null });
  });
});

describe('risk management plans', () => {
  const plan = (planVersion: number, occurredAt: string) => ({
    metadata: metadata(occurredAt),
    nominalId: 'NOM-R',
    planId: 'rmp-1',
    planVersion,
    summary: `version ${planVersion}`,
    actions: [],
    reviewOn: null,
  });

  it('keeps an earlier version that arrives after a later one, and the later stays in force', () => {
    const withV2 = riskManagementPlanPublished.project(
      registered(),
      plan(2, '2025-02-01T10:00:00Z'),
    );
    const withBoth = riskManagementPlanPublished.project(withV2, plan(1, '2025-01-01T10:00:00Z'));
    expect(withBoth.riskManagementPlans.map((kept) => kept.planVersion)).toEqual([1, 2]);
    expect(currentPlan(withBoth)?.planVersion).toBe(2);
  });
});

describe('the current address', () => {
  const address = (addressId: string, type: Address['type'], from: string, to: string | null) => ({
    addressId,
    type,
    lines: ['1 Synthetic Street'],
    town: 'Exampletown',
    postcode: null,
    area: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES' as const,
    from,
    to,
    recordedBy: 'POLICE' as const,
    eventId: `evt-${addressId}`,
  });
  const home = address('home', 'HOME', '2024-01-01', null);
  const stay = address('stay', 'TEMPORARY', '2025-06-10', '2025-06-16');
  const withAddresses = (...addresses: ReturnType<typeof address>[]): NominalContent => ({
    ...registered(),
    addresses,
  });

  it('keeps the home as the main residence during a seven-day stay', () => {
    const derived = currentAddressDerivation.derive(withAddresses(home, stay), '2025-06-12');
    expect(derived.currentAddress?.addressId).toBe('home');
    expect(derived.otherCurrentAddresses.map((kept) => kept.addressId)).toEqual(['stay']);
  });

  it('never lets a second home replace the home', () => {
    const second = address('second', 'SECOND_HOME', '2025-05-01', null);
    const derived = currentAddressDerivation.derive(withAddresses(home, second), '2025-06-12');
    expect(derived.currentAddress?.addressId).toBe('home');
  });

  it('shows a temporary address as the current one when no main residence is current', () => {
    const ended = address('old-home', 'HOME', '2020-01-01', '2025-06-09');
    const derived = currentAddressDerivation.derive(withAddresses(ended, stay), '2025-06-12');
    expect(derived.currentAddress?.addressId).toBe('stay');
  });

  it('changes the day after a temporary stay ends, and the day a stay begins', () => {
    const record = withAddresses(home, stay);
    expect(currentAddressDerivation.changesOn?.(record, '2025-06-12')).toBe('2025-06-17');
    expect(currentAddressDerivation.changesOn?.(record, '2025-06-01')).toBe('2025-06-10');
    expect(currentAddressDerivation.changesOn?.(record, '2025-06-20')).toBeNull();
  });
});

describe('intelligence', () => {
  it('keeps when it was obtained, the originator reference and the review date', () => {
    const record = intelligenceShared.project(registered(), {
      metadata: { ...metadata(), producingAgency: 'POLICE' },
      nominalId: 'NOM-R',
      text: 'Seen near a school (synthetic).',
      sourceEvaluation: 'RELIABLE',
      intelligenceAssessment: 'KNOWN_DIRECTLY',
      handlingCode: 'P',
      handlingConditions: null,
      disseminationLimits: [],
      obtainedOn: '2025-01-20',
      originatorReference: 'SYN/INT/2025/00042',
      reviewOn: '2026-01-20',
    });
    expect(record.intelligence[0]).toMatchObject({
      obtainedOn: '2025-01-20',
      originatorReference: 'SYN/INT/2025/00042',
      reviewOn: '2026-01-20',
    });
  });
});
