import { organisationDirectory } from '../directory/organisation-directory';
import type { Caller } from './caller';
import {
  accessRules,
  contactsFor,
  decide,
  mayReadIntelligence,
  mayReadMinutes,
  relationOf,
  type Action,
  type RecordFacts,
} from './need-to-know';
import { hubRoles, type HubRole } from './roles';

const directory = organisationDirectory();

function caller(organisationId: string, ...roles: HubRole[]): Caller {
  const organisation = directory.organisation(organisationId);
  if (!organisation) throw new Error(`no organisation ${organisationId}`);
  return {
    subject: 's',
    username: `${organisationId}.user`,
    organisation,
    roles,
    clientId: 'hub-cli',
  };
}

/** Managed by probation in Greater Manchester, co-managed by the police, held in HMP Manchester. */
const record: RecordFacts = {
  managingArea: 'Greater Manchester',
  jurisdiction: 'ENGLAND_AND_WALES',
  leadAgency: 'PROBATION',
  coManagerAgencies: ['POLICE'],
  custodyEstablishment: 'HMP Manchester',
};

const reason = 'Subject arrested in Leeds last night; checking risk before interview';

describe('relationOf', () => {
  it.each([
    ['probation-greater-manchester', 'managing'],
    ['police-greater-manchester', 'co-managing'],
    ['prison-hmp-manchester', 'co-managing'],
    ['social-work-glasgow-city', 'other-jurisdiction'],
    ['police-west-yorkshire', 'other-area'],
    ['prison-hmp-leeds', 'other-area'],
    ['police-btp', 'other-area'],
    ['police-scotland', 'other-jurisdiction'],
  ])('%s is %s', (organisationId, relation) => {
    expect(relationOf(directory.organisation(organisationId)!, record)).toBe(relation);
  });
});

describe("decide: a person's record", () => {
  it('gives the full record to the managing and co-managing organisations', () => {
    for (const id of ['probation-greater-manchester', 'police-greater-manchester']) {
      expect(decide(caller(id, 'practitioner'), 'record.read', record)).toMatchObject({
        allowed: true,
        grant: 'full',
        breakGlass: false,
      });
    }
  });

  it('gives everyone else the national search view, and the full record only with a reason', () => {
    const other = caller('police-west-yorkshire', 'practitioner');
    expect(decide(other, 'record.read', record)).toMatchObject({ grant: 'national-search-view' });
    expect(decide(other, 'record.read', record, 'checking')).toMatchObject({
      grant: 'national-search-view',
    });
    expect(decide(other, 'record.read', record, reason)).toMatchObject({
      grant: 'full',
      breakGlass: true,
    });
    expect(
      decide(caller('police-scotland', 'practitioner'), 'record.read', record, reason),
    ).toMatchObject({
      grant: 'full',
      breakGlass: true,
      relation: 'other-jurisdiction',
    });
  });

  it('refuses the timeline without a reason, saying how to give one', () => {
    const refusal = decide(
      caller('police-west-yorkshire', 'practitioner'),
      'timeline.read',
      record,
    );
    expect(refusal).toMatchObject({ allowed: false });
    expect(refusal.allowed || refusal.reason).toMatch(
      /West Yorkshire Police neither manages nor co-manages .* x-access-reason header/,
    );
    expect(
      decide(caller('police-west-yorkshire', 'practitioner'), 'timeline.read', record, reason),
    ).toMatchObject({
      allowed: true,
      breakGlass: true,
    });
  });

  it('lets MI analysts, auditors and agency systems read no record, naming the role they have', () => {
    for (const role of ['mi-analyst', 'auditor', 'agency-system'] as const) {
      const decision = decide(
        caller('probation-greater-manchester', role),
        'record.read',
        record,
        reason,
      );
      expect(decision.allowed || decision.reason).toMatch(new RegExp(`you have ${role}`));
    }
  });
});

describe('decide: record reviews', () => {
  it('leaves the retention decision to data governance alone, even for the managing organisation', () => {
    expect(decide(caller('hub', 'data-governance'), 'reviews.decide-retention').allowed).toBe(true);
    const manager = decide(
      caller('probation-greater-manchester', 'record-manager'),
      'reviews.decide-retention',
    );
    expect(manager.allowed || manager.reason).toMatch(/data governance/);
  });

  it("shows a record's reviews to its managing co-ordinators, not to another area's", () => {
    expect(
      decide(caller('probation-greater-manchester', 'mappa-coordinator'), 'reviews.read', record)
        .allowed,
    ).toBe(true);
    expect(
      decide(caller('probation-london', 'mappa-coordinator'), 'reviews.read', record, reason)
        .allowed,
    ).toBe(false);
  });
});

describe('decide: disclosure requests', () => {
  it('lets data governance handle a request about anyone, managed anywhere', () => {
    expect(decide(caller('hub', 'data-governance'), 'disclosure.manage', record)).toMatchObject({
      allowed: true,
      grant: 'full',
      relation: 'other-area',
    });
  });

  it('refuses the managing organisation, whatever its role, with the reason', () => {
    for (const role of ['record-manager', 'mappa-coordinator', 'practitioner'] as const) {
      const decision = decide(
        caller('probation-greater-manchester', role),
        'disclosure.manage',
        record,
      );
      expect(decision.allowed || decision.reason).toMatch(/handled by data governance/);
    }
  });

  it('lets auditors read the case register but not handle a case', () => {
    expect(decide(caller('hub', 'auditor'), 'disclosure.read').allowed).toBe(true);
    expect(decide(caller('hub', 'auditor'), 'disclosure.manage', record).allowed).toBe(false);
    expect(decide(caller('hub', 'mi-analyst'), 'disclosure.read').allowed).toBe(false);
    expect(
      decide(caller('probation-greater-manchester', 'record-manager'), 'disclosure.read').allowed,
    ).toBe(false);
  });
});

describe('decide: commands', () => {
  const commands: Action[] = [
    'command.archive',
    'command.reactivate',
    'command.unmerge',
    'duplicates.decide',
    'reviews.decide-archive',
  ];

  it.each(commands)('%s: the managing record manager and data governance only', (action) => {
    expect(
      decide(caller('probation-greater-manchester', 'record-manager'), action, record).allowed,
    ).toBe(true);
    expect(decide(caller('hub', 'data-governance'), action, record).allowed).toBe(true);
    expect(
      decide(caller('police-greater-manchester', 'record-manager'), action, record).allowed,
    ).toBe(false);
    expect(
      decide(caller('probation-greater-manchester', 'practitioner'), action, record).allowed,
    ).toBe(false);
    expect(
      decide(caller('probation-london', 'record-manager'), action, record, reason).allowed,
    ).toBe(false);
  });
});

describe('the rule table', () => {
  it('gives every action to at least one role, and no role everything', () => {
    for (const rule of Object.values(accessRules)) expect(rule.roles.length).toBeGreaterThan(0);
    for (const role of hubRoles) {
      const actions = Object.values(accessRules).filter((rule) => rule.roles.includes(role));
      expect([role, actions.length < Object.keys(accessRules).length]).toEqual([role, true]);
    }
  });

  it.each([
    ['audit.read', 'auditor'],
    ['dead-letters.replay', 'data-governance'],
    ['events.publish', 'agency-system'],
  ] as const)('%s is for %s only', (action, role) => {
    for (const held of hubRoles) {
      expect([held, decide(caller('hub', held), action).allowed]).toEqual([held, held === role]);
    }
  });
});

describe('intelligence by its handling code', () => {
  const gmp = caller('police-greater-manchester', 'practitioner');
  const probation = caller('probation-greater-manchester', 'practitioner');
  const item = { sharedBy: 'POLICE' as const, sharedByOrganisation: 'police-greater-manchester' };

  it('shows a P item with no limits to everyone who reads the record', () => {
    const p = { ...item, handlingCode: 'P' as const, disseminationLimits: [] };
    expect([mayReadIntelligence(gmp, p), mayReadIntelligence(probation, p)]).toEqual([true, true]);
  });

  it('shows a C item only to the originator and the agencies it names', () => {
    const c = { ...item, handlingCode: 'C' as const, disseminationLimits: [] };
    expect([mayReadIntelligence(gmp, c), mayReadIntelligence(probation, c)]).toEqual([true, false]);
    const named = { ...c, disseminationLimits: ['PROBATION' as const] };
    expect(mayReadIntelligence(probation, named)).toBe(true);
    expect(mayReadIntelligence(caller('prison-hmp-manchester', 'practitioner'), named)).toBe(false);
  });

  it('keeps a P item with dissemination limits to the agencies named', () => {
    const limited = {
      ...item,
      handlingCode: 'P' as const,
      disseminationLimits: ['POLICE' as const],
    };
    expect(mayReadIntelligence(probation, limited)).toBe(false);
    expect(mayReadIntelligence(caller('police-west-yorkshire', 'practitioner'), limited)).toBe(
      true,
    );
  });
});

describe('meeting minutes', () => {
  it('are for the managing organisation and the agencies that attended in the area', () => {
    expect(mayReadMinutes(caller('probation-greater-manchester'), 'managing', [], record)).toBe(
      true,
    );
    expect(
      mayReadMinutes(caller('police-greater-manchester'), 'co-managing', ['POLICE'], record),
    ).toBe(true);
    expect(
      mayReadMinutes(caller('police-greater-manchester'), 'co-managing', ['HEALTH'], record),
    ).toBe(false);
    expect(mayReadMinutes(caller('police-west-yorkshire'), 'other-area', ['POLICE'], record)).toBe(
      false,
    );
  });
});

it('names whom to contact about a person: the lead agency in the managing area', () => {
  expect(contactsFor(directory, record)).toEqual([
    expect.objectContaining({
      organisation: 'probation-greater-manchester',
      team: 'MAPPA co-ordination unit',
    }),
  ]);
});
