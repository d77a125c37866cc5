import type { Agency, Jurisdiction } from '@hub/contracts';
import {
  areaKey,
  type Organisation,
  type OrganisationDirectory,
} from '../directory/organisation-directory';
import type { Caller } from './caller';
import type { HubRole } from './roles';

/**
 * Need-to-know, decided in one place. Read the table `accessRules` first: it says which roles may
 * do what, and for what a person's record is concerned, which relation to the record each needs.
 */

/** How the caller's organisation stands to a person's record. */
export type Relation = 'managing' | 'co-managing' | 'other-area' | 'other-jurisdiction';

/** What the policy needs to know about a record to place the caller in relation to it. */
export interface RecordFacts {
  managingArea: string;
  jurisdiction: Jurisdiction;
  leadAgency: Agency;
  /** The agencies of the co-managing practitioners. */
  coManagerAgencies: readonly Agency[];
  /** The prison establishment holding the person, if in custody (a name, as the directory has it). */
  custodyEstablishment: string | null;
}

export type Action =
  | 'organisations.read'
  | 'nominals.search'
  | 'record.read'
  | 'timeline.read'
  | 'command.archive'
  | 'command.reactivate'
  | 'command.unmerge'
  | 'duplicates.list'
  | 'duplicates.read'
  | 'duplicates.decide'
  | 'dead-letters.read'
  | 'dead-letters.replay'
  | 'audit.read'
  | 'events.publish';

/** What a caller in the right role gets, by relation. `break-glass`: only with a reason, audited. */
type Grant = 'full' | 'break-glass' | 'national-search-view' | 'refused';

interface Rule {
  /** Roles that may ask at all; anyone else is refused whatever their relation. */
  roles: readonly HubRole[];
  /** For actions on one person's record: what each relation gets. Absent: the role alone decides. */
  byRelation?: Readonly<Record<Relation, Grant>>;
  /** Roles that are granted `full` whatever their relation (national functions). */
  national?: readonly HubRole[];
  /** What a `break-glass` relation gets without a reason: the search view, or nothing. */
  withoutReason?: 'national-search-view' | 'refused';
  /** Said to a caller whose role is not among `roles`. */
  why: string;
}

const searchRoles = [
  'practitioner',
  'record-manager',
  'mappa-coordinator',
  'transfer-coordinator',
  'data-governance',
] as const satisfies readonly HubRole[];

const readByRelation: Record<Relation, Grant> = {
  managing: 'full',
  'co-managing': 'full',
  'other-area': 'break-glass',
  'other-jurisdiction': 'break-glass',
};

const commandByRelation: Record<Relation, Grant> = {
  managing: 'full',
  'co-managing': 'refused',
  'other-area': 'refused',
  'other-jurisdiction': 'refused',
};

/** The rules, one row per action. A reviewer can check each against the MAPPA guidance. */
export const accessRules: Readonly<Record<Action, Rule>> = {
  'organisations.read': {
    roles: [...searchRoles, 'auditor', 'mi-analyst', 'agency-system'],
    why: 'the directory is open to every authenticated member of the hub',
  },
  'nominals.search': {
    roles: searchRoles,
    why: 'searching people needs a practitioner, record manager, co-ordinator or data-governance role',
  },
  'record.read': {
    roles: searchRoles,
    byRelation: readByRelation,
    withoutReason: 'national-search-view',
    why: "reading a person's record needs a practitioner, record manager, co-ordinator or data-governance role",
  },
  'timeline.read': {
    roles: searchRoles,
    byRelation: readByRelation,
    withoutReason: 'refused',
    why: "reading a person's timeline needs a practitioner, record manager, co-ordinator or data-governance role",
  },
  'command.archive': {
    roles: ['record-manager', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "archiving is for the record manager's organisation or data governance",
  },
  'command.reactivate': {
    roles: ['record-manager', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "re-activating is for the record manager's organisation or data governance",
  },
  'command.unmerge': {
    roles: ['record-manager', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "undoing a merge is for the record manager's organisation or data governance",
  },
  'duplicates.list': {
    roles: ['data-governance'],
    why: 'the national list of possible duplicates is for data governance; record managers open a candidate of their own records by its id',
  },
  'duplicates.read': {
    roles: ['record-manager', 'mappa-coordinator', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: 'duplicate candidates are for record managers, MAPPA co-ordinators and data governance',
  },
  'duplicates.decide': {
    roles: ['record-manager', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "duplicate decisions are for the record manager's organisation or data governance",
  },
  'dead-letters.read': {
    roles: ['data-governance'],
    why: 'dead-lettered events hold whole records of people: data governance only',
  },
  'dead-letters.replay': {
    roles: ['data-governance'],
    why: 'replaying dead-lettered events is for data governance only',
  },
  'audit.read': {
    roles: ['auditor'],
    why: 'the audit trail is for auditors only',
  },
  'events.publish': {
    roles: ['agency-system'],
    why: "publishing events is for an agency system's client",
  },
};

/** Every action, in the order of the table. */
export const accessActions = Object.keys(accessRules) as Action[];

/** The outcome of a decision; `reason` is written for the person refused, and for the audit trail. */
export type Decision =
  | {
      allowed: true;
      grant: 'full' | 'national-search-view';
      breakGlass: boolean;
      relation?: Relation;
    }
  | { allowed: false; reason: string; relation?: Relation };

function serves(organisation: Organisation, area: string): boolean {
  const key = areaKey(area);
  return organisation.mappaAreas.some((served) => areaKey(served) === key);
}

export function relationOf(organisation: Organisation, record: RecordFacts): Relation {
  if (serves(organisation, record.managingArea)) {
    if (organisation.agencyType === record.leadAgency) return 'managing';
    if (record.coManagerAgencies.includes(organisation.agencyType)) return 'co-managing';
  }
  if (
    organisation.agencyType === 'PRISON' &&
    record.custodyEstablishment !== null &&
    organisation.name === record.custodyEstablishment
  ) {
    return 'co-managing';
  }
  return organisation.jurisdiction === record.jurisdiction ? 'other-area' : 'other-jurisdiction';
}

const relationWords: Record<Relation, string> = {
  managing: 'manages the person',
  'co-managing': 'co-manages the person',
  'other-area': `neither manages nor co-manages the person`,
  'other-jurisdiction': 'is in another jurisdiction than the one managing the person',
};

/**
 * Whether `caller` may take `action`, on the record described by `record` if the action concerns
 * one. `breakGlassReason`: the reason the caller gave to open a record they have no relation to.
 */
export function decide(
  caller: Caller,
  action: Action,
  record?: RecordFacts,
  breakGlassReason?: string,
): Decision {
  const rule = accessRules[action];
  if (!caller.roles.some((role) => rule.roles.includes(role))) {
    const held = caller.roles.length > 0 ? caller.roles.join(', ') : 'no hub role';
    return { allowed: false, reason: `${rule.why}; you have ${held}` };
  }
  if (!rule.byRelation || !record) return { allowed: true, grant: 'full', breakGlass: false };
  const relation = relationOf(caller.organisation, record);
  if (caller.roles.some((role) => rule.national?.includes(role))) {
    return { allowed: true, grant: 'full', breakGlass: false, relation };
  }
  const grant = rule.byRelation[relation];
  const who = `${caller.organisation.name} ${relationWords[relation]} (managed by ${record.leadAgency} in ${record.managingArea})`;
  switch (grant) {
    case 'full':
      return { allowed: true, grant, breakGlass: false, relation };
    case 'break-glass':
      if (breakGlassReason !== undefined && breakGlassReason.trim().length >= minimumReasonLength) {
        return { allowed: true, grant: 'full', breakGlass: true, relation };
      }
      if (rule.withoutReason === 'national-search-view') {
        return { allowed: true, grant: 'national-search-view', breakGlass: false, relation };
      }
      return {
        allowed: false,
        reason:
          `${who}: give your reason in the ${breakGlassHeader} header (at least ${minimumReasonLength} ` +
          'characters) to open it; the access is audited and reviewed',
        relation,
      };
    case 'national-search-view':
      return { allowed: true, grant, breakGlass: false, relation };
    case 'refused':
      return { allowed: false, reason: `${who}: ${rule.why}`, relation };
  }
}

/** A break-glass reason must say something: a word or two is not a reason. */
export const minimumReasonLength = 10;

/** The header a caller gives a break-glass reason in (audited and flagged for review). */
export const breakGlassHeader = 'x-access-reason';

/** An intelligence item, as far as the handling rules need it. */
export interface HandledItem {
  handlingCode: 'P' | 'C';
  disseminationLimits: readonly Agency[];
  sharedBy: Agency;
  sharedByOrganisation?: string | null;
}

/**
 * 3x5x2 handling: the originating organisation always sees its item; a `C` item, or an item with
 * dissemination limits, only the agencies it names (a `C` item naming none: the originator only).
 */
export function mayReadIntelligence(caller: Caller, item: HandledItem): boolean {
  if (item.sharedByOrganisation && item.sharedByOrganisation === caller.organisation.id)
    return true;
  if (item.handlingCode === 'C' || item.disseminationLimits.length > 0) {
    return item.disseminationLimits.includes(caller.organisation.agencyType);
  }
  return true;
}

/** Meeting minutes: for the organisations responsible for the person, and agencies that attended. */
export function mayReadMinutes(
  caller: Caller,
  relation: Relation,
  attendingAgencies: readonly Agency[],
  record: RecordFacts,
): boolean {
  if (relation === 'managing') return true;
  return (
    attendingAgencies.includes(caller.organisation.agencyType) &&
    serves(caller.organisation, record.managingArea)
  );
}

/** Whom to ask about a person: the organisations of the lead agency serving the managing area. */
export function contactsFor(
  directory: OrganisationDirectory,
  record: Pick<RecordFacts, 'managingArea' | 'leadAgency'>,
): { organisation: string; name: string; team: string; email: string }[] {
  return directory.servingArea(record.managingArea, record.leadAgency).map((organisation) => ({
    organisation: organisation.id,
    name: organisation.name,
    team: organisation.contact.team,
    email: organisation.contact.email,
  }));
}
