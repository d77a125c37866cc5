import { organisationDirectory, type Caller, type RecordFacts } from '@hub/security';
import { recordFor } from '../access/record-views';
import type { NominalRecordView } from '../nominals/nominal-queries';
import { disclosableItems } from './case-items';

const directory = organisationDirectory();
const governance: Caller = {
  subject: 's',
  username: 'hub.data-governance',
  organisation: directory.organisation('hub')!,
  roles: ['data-governance'],
  clientId: 'hub-cli',
};
const facts: RecordFacts = {
  managingArea: 'Greater Manchester',
  jurisdiction: 'ENGLAND_AND_WALES',
  leadAgency: 'POLICE',
  coManagerAgencies: [],
  custodyEstablishment: null,
};
const intelligence = (eventId: string, handlingCode: 'P' | 'C', text: string) => ({
  eventId,
  sharedBy: 'POLICE',
  sharedByOrganisation: 'police-greater-manchester',
  producingSystem: 'rms',
  occurredAt: new Date('2026-10-01T09:00:00Z'),
  text,
  sourceEvaluation: 'RELIABLE',
  intelligenceAssessment: 'KNOWN_DIRECTLY',
  handlingCode,
  handlingConditions: null,
  disseminationLimits: [],
  classification: 'OFFICIAL_SENSITIVE',
});

/** Only what the items read of a record; the rest of a view does not matter here. */
const record = {
  id: 'NOM-1',
  name: { givenNames: ['Alex'], familyName: 'Testperson' },
  aliases: [],
  dateOfBirth: '1980-03-04',
  aliasDatesOfBirth: [],
  identifiers: [],
  management: { ...facts, recordManager: null, coManagers: [], victimContact: null },
  mappa: null,
  intelligence: [
    intelligence('i-open', 'P', 'Seen at the retail park.'),
    intelligence('i-closed', 'C', 'Covert source report.'),
  ],
  meetings: [
    {
      meetingId: 'm-1',
      level: 'LEVEL_2',
      heldOn: '2026-09-01',
      chair: { name: 'Chair', agency: 'PROBATION', role: null, contact: null },
      attendees: [],
      minutes: 'Minutes of the meeting.',
      actions: [],
      nextMeetingOn: null,
    },
  ],
  addresses: [],
  riskAssessments: [],
  riskManagementPlans: [],
  civilOrders: [],
  notifications: [],
  custodyEvents: [],
  supervisionEvents: [],
} as unknown as NominalRecordView;

describe('disclosableItems', () => {
  const items = disclosableItems(recordFor(governance, 'other-area', facts, record, directory));
  const item = (itemId: string) => items.find((candidate) => candidate.itemId === itemId);

  it('lists identity and intelligence the handler may read, with its text, by stable ids', () => {
    expect(item('identity:name')).toMatchObject({ text: 'Alex Testperson', restricted: null });
    expect(item('intelligence:i-open')?.text).toContain('Seen at the retail park.');
    expect(item('intelligence:i-open')?.title).toBe('Intelligence shared by POLICE on 2026-10-01');
  });

  it('lists a C item and minutes the handler may not read, without their text', () => {
    expect(item('intelligence:i-closed')).toMatchObject({ text: null });
    expect(item('intelligence:i-closed')?.restricted).toMatch(/handling code C/);
    expect(item('meeting:m-1')).toMatchObject({ text: null });
    expect(JSON.stringify(items)).not.toMatch(/Covert source|Minutes of the meeting/);
  });
});
