import type { Agency, Jurisdiction, TransferState } from '@hub/contracts';
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
  /**
   * The area a transfer in interim co-management moves the person to: it co-manages the person
   * (both areas see the full record) until the transfer is completed, returned or cancelled.
   */
  coManagingArea?: string | null;
}

/** A record as the registry holds it and publishes it, as far as need-to-know reads it. */
export interface ManagedRecord {
  management: {
    managingArea: string;
    jurisdiction: Jurisdiction;
    leadAgency: Agency;
    coManagers: readonly { agency: Agency }[];
  };
  /** The prison establishment holding the person, if in custody. */
  custodyEstablishment: string | null;
  /** The transfer under way; absent on records stored before transfers. */
  openTransfer?: { state: TransferState; receivingArea: string } | null;
}

/**
 * The policy's facts of a record: who manages the person, where they are held, and the area a
 * transfer in interim co-management moves them to (which co-manages them until the transfer ends).
 * The registry and the transfer coordinator both place callers by it.
 */
export function recordFactsOfRecord(record: ManagedRecord): RecordFacts {
  const { management, openTransfer } = record;
  return {
    managingArea: management.managingArea,
    jurisdiction: management.jurisdiction,
    leadAgency: management.leadAgency,
    coManagerAgencies: [
      ...new Set(management.coManagers.map((practitioner) => practitioner.agency)),
    ],
    custodyEstablishment: record.custodyEstablishment,
    coManagingArea:
      openTransfer?.state === 'INTERIM_CO_MANAGEMENT' ? openTransfer.receivingArea : null,
  };
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
  | 'reviews.list'
  | 'reviews.read'
  | 'reviews.decide-archive'
  | 'reviews.decide-retention'
  | 'records.remove'
  | 'removals.read'
  | 'duplicates.read'
  | 'duplicates.decide'
  | 'dead-letters.read'
  | 'dead-letters.replay'
  | 'audit.read'
  | 'disclosure.manage'
  | 'disclosure.read'
  | 'events.publish'
  | 'transfers.request'
  | 'transfers.read'
  | 'transfers.watch'
  | 'transfers.send'
  | 'transfers.receive'
  | 'transfers.coordinate'
  | 'transfers.victim-liaison.acknowledge'
  | 'transfers.deadlines.read'
  | 'insights.read'
  | 'insights.records';

/**
 * How the caller's organisation stands to a transfer: it serves the sending or the receiving area
 * (or both, as Police Scotland does for a move within Scotland), or its victim liaison unit was
 * told of the transfer.
 */
export type TransferSide = 'sending' | 'receiving' | 'notified';

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
  /**
   * For actions on a transfer: the sides whose organisations may take it (absent: the role alone
   * decides). National roles take it whatever their side.
   */
  bySide?: readonly TransferSide[];
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

/** The people who move cases between areas: the receiving and sending areas' staff. */
const transferRoles = [
  'record-manager',
  'mappa-coordinator',
  'transfer-coordinator',
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
  'reviews.list': {
    roles: ['record-manager', 'mappa-coordinator', 'data-governance'],
    national: ['data-governance'],
    why: 'the review work queue is for record managers and MAPPA co-ordinators (the reviews of the records their organisation manages) and data governance (every review)',
  },
  'reviews.read': {
    roles: ['record-manager', 'mappa-coordinator', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "a record's reviews are for the managing organisation's record managers and co-ordinators, and data governance",
  },
  'reviews.decide-archive': {
    roles: ['record-manager', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "an archive review is decided by the managing organisation's record manager or data governance",
  },
  'reviews.decide-retention': {
    roles: ['data-governance'],
    why: 'whether a record is kept past the 100th birthday is decided by data governance',
  },
  'records.remove': {
    roles: ['data-governance'],
    why: 'removing a record from the hub is decided by data governance, at a retention review',
  },
  'removals.read': {
    roles: ['data-governance', 'auditor'],
    why: 'removal certificates are for data governance and auditors',
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
  'disclosure.manage': {
    roles: ['data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "subject access, freedom of information and court or police disclosure requests are handled by data governance (information governance); what the handler sees of the person's record still follows its handling codes",
  },
  'disclosure.read': {
    roles: ['data-governance', 'auditor'],
    why: "the disclosure case register (deadlines, decisions, outcomes; never the items' text) is for data governance and auditors",
  },
  'events.publish': {
    roles: ['agency-system'],
    why: "publishing events is for an agency system's client",
  },
  'transfers.request': {
    roles: ['record-manager', 'transfer-coordinator'],
    byRelation: commandByRelation,
    why: "a transfer is requested by the managing organisation's record manager or transfer co-ordinator",
  },
  'transfers.read': {
    roles: [...transferRoles, 'data-governance'],
    bySide: ['sending', 'receiving'],
    national: ['data-governance'],
    why: 'transfers are for the record managers and co-ordinators of the sending and receiving areas, and data governance',
  },
  'transfers.watch': {
    roles: ['mappa-coordinator', 'transfer-coordinator', 'data-governance'],
    bySide: ['sending', 'receiving'],
    national: ['data-governance'],
    why: 'the live view of transfers is for the MAPPA and transfer co-ordinators of the areas concerned',
  },
  'transfers.send': {
    roles: transferRoles,
    bySide: ['sending'],
    why: 'withdrawing a transfer or recording a return is for the sending area',
  },
  'transfers.receive': {
    roles: transferRoles,
    bySide: ['receiving'],
    why: 'acknowledging, consulting on, accepting, disputing and completing a transfer is for the receiving area',
  },
  'transfers.coordinate': {
    roles: ['mappa-coordinator', 'transfer-coordinator'],
    bySide: ['sending', 'receiving'],
    why: "cancelling a transfer, or recording that the person moved, is for either area's co-ordinators",
  },
  'transfers.victim-liaison.acknowledge': {
    roles: ['practitioner', 'record-manager', 'transfer-coordinator'],
    bySide: ['notified'],
    why: 'a victim liaison notification is acknowledged by the organisation whose unit was told',
  },
  'transfers.deadlines.read': {
    roles: [...searchRoles, 'auditor', 'mi-analyst'],
    why: 'the transfer deadlines are open to every member of the hub who works with records',
  },
  'insights.read': {
    roles: ['mi-analyst', 'mappa-coordinator', 'data-governance'],
    why: 'management information and the annual report figures are for MI analysts, MAPPA co-ordinators and data governance',
  },
  'insights.records': {
    roles: ['record-manager', 'mappa-coordinator', 'data-governance'],
    byRelation: commandByRelation,
    national: ['data-governance'],
    why: "the records behind a figure are listed for the managing organisation's record managers and co-ordinators, and data governance; MI analysts see aggregates only",
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

export function serves(organisation: Organisation, area: string): boolean {
  const key = areaKey(area);
  return organisation.mappaAreas.some((served) => areaKey(served) === key);
}

export function relationOf(organisation: Organisation, record: RecordFacts): Relation {
  if (serves(organisation, record.managingArea)) {
    if (organisation.agencyType === record.leadAgency) return 'managing';
    if (record.coManagerAgencies.includes(organisation.agencyType)) return 'co-managing';
  }
  if (record.coManagingArea && serves(organisation, record.coManagingArea)) return 'co-managing';
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

/** What the policy needs to know about a transfer to place the caller on a side of it. */
export interface TransferFacts {
  sendingArea: string;
  receivingArea: string;
  /** The organisations whose victim liaison units were told of the transfer. */
  notifiedOrganisations?: readonly string[];
}

export function sidesOf(organisation: Organisation, transfer: TransferFacts): TransferSide[] {
  const sides: TransferSide[] = [];
  if (serves(organisation, transfer.sendingArea)) sides.push('sending');
  if (serves(organisation, transfer.receivingArea)) sides.push('receiving');
  if (transfer.notifiedOrganisations?.includes(organisation.id)) sides.push('notified');
  return sides;
}

/**
 * Whether `caller` may take `action` on a transfer: the role first, then the side of the transfer
 * the caller's organisation is on (national roles whatever their side).
 */
export function decideOnTransfer(
  caller: Caller,
  action: Action,
  transfer: TransferFacts,
): Decision {
  const rule = accessRules[action];
  const byRole = decide(caller, action);
  if (!byRole.allowed || !rule.bySide) return byRole;
  if (caller.roles.some((role) => rule.national?.includes(role))) return byRole;
  const sides = sidesOf(caller.organisation, transfer);
  if (sides.some((side) => rule.bySide!.includes(side))) return byRole;
  const where =
    sides.length === 0
      ? `serves neither ${transfer.sendingArea} nor ${transfer.receivingArea}`
      : `is on the ${sides.join(' and ')} side of the transfer`;
  return { allowed: false, reason: `${caller.organisation.name} ${where}: ${rule.why}` };
}

/** Whether `caller` holds a role that takes `action` nationally, whatever its relation or side. */
export function actsNationally(caller: Caller, action: Action): boolean {
  const national = accessRules[action].national;
  return caller.roles.some((role) => national?.includes(role));
}

/** Whether `caller` may watch `area`'s transfers: an organisation serving it, or a national role. */
export function mayWatchArea(caller: Caller, area: string): boolean {
  return actsNationally(caller, 'transfers.watch') || serves(caller.organisation, area);
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
