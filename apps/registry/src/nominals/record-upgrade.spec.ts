import { parseSchemaFiles, type EventMetadata } from '@hub/contracts';
import { nominalChangedOf } from '../changes/nominal-changed';
import { withDerivedFacts } from '../projections/derived-facts';
import { nominalRegistered } from '../projections/identity.projections';
import type { NominalDocument } from './nominal.documents';
import { recordAsOfToday } from './record-as-of-today';
import { contentOf } from './nominal-store';

const metadata: EventMetadata = {
  eventId: 'evt-registered',
  occurredAt: new Date('2025-03-01T10:00:00Z'),
  producingAgency: 'PROBATION',
  producingSystem: 'synthetic-case-system',
  producingOrganisation: null,
  actingUser: null,
  correlationId: 'corr',
  causationId: null,
  classification: 'OFFICIAL_SENSITIVE',
};

/**
 * A record as stored before the record had victim contact and transfers: its management, and each
 * management fact, without `victimContact`; no `transfers` nor `openTransfer` (nor the later
 * `complianceActions`).
 */
function storedBeforeTransfers(): NominalDocument {
  const content = withDerivedFacts(
    nominalRegistered.project(null, {
      metadata,
      nominalId: 'NOM-OLD',
      name: { givenNames: ['Sam'], familyName: 'Examplesson' },
      aliases: [],
      dateOfBirth: '1975-05-05',
      aliasDatesOfBirth: [],
      gender: 'NOT_KNOWN',
      identifiers: [],
      leadAgency: 'PROBATION',
      managingArea: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
    }),
    '2025-03-01',
  );
  /* eslint-disable @typescript-eslint/no-unused-vars -- the fields the older record lacks */
  const { transfers, openTransfer, complianceActions, ...older } = content;
  const { victimContact, ...management } = content.management;
  /* eslint-enable @typescript-eslint/no-unused-vars */
  return {
    ...older,
    management,
    managementHistory: content.managementHistory.map((item) => ({ ...item, management })),
    _id: 'NOM-OLD',
    version: 1,
    createdAt: metadata.occurredAt,
    updatedAt: metadata.occurredAt,
    lastEventId: metadata.eventId,
    writeId: 'write-1',
    search: { identifierValues: [] },
    appliedEvents: [{ eventId: metadata.eventId, version: 1 }],
  } as unknown as NominalDocument;
}

describe('a record stored before victim contact and transfers', () => {
  it('reads as having no victim contact and no transfer', () => {
    const read = recordAsOfToday(storedBeforeTransfers());
    expect(read.management.victimContact).toBeNull();
    expect(read.managementHistory.map((item) => item.management.victimContact)).toEqual([null]);
    expect(read.openTransfer).toBeNull();
    expect(read.transfers).toEqual([]);
    expect(read.complianceActions).toEqual([]);
  });

  it('is read by the projections with the same defaults, so its next write stores them', () => {
    const content = contentOf(storedBeforeTransfers());
    expect(content.management.victimContact).toBeNull();
    expect(content.managementHistory[0]?.management.victimContact).toBeNull();
    expect(content.openTransfer).toBeNull();
    expect(content.transfers).toEqual([]);
    expect(content.complianceActions).toEqual([]);
  });

  it('is published as a valid changed record', () => {
    const type = parseSchemaFiles().get('org.mappahub.registry.NominalChanged')!;
    const changed = nominalChangedOf(storedBeforeTransfers());
    const invalid: string[] = [];
    type.isValid(changed, { errorHook: (path) => invalid.push(path.join('.')) });
    expect(invalid).toEqual([]);
    expect(changed.openTransfer).toBeNull();
    expect(changed.management.victimContact).toBeNull();
    expect(changed.timeline).toMatchObject({
      registeredOn: '2025-03-01',
      management: [{ from: null, to: null, managingArea: 'Greater Manchester' }],
      complianceActions: [],
      archivedOn: null,
    });
  });
});
