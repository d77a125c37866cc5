import type {
  CustodyStatus,
  Management,
  MappaStatus,
  RestrictedPatientStatus,
} from '@hub/contracts';
import { londonDate } from '../projections/calendar';
import type {
  ArrangementsItem,
  CustodyEventItem,
  NominalContent,
  NotificationItem,
  ManagementItem,
  RestrictedPatientEventItem,
  StateFact,
  SupervisionEventItem,
} from './nominal.documents';

/**
 * The producing system of the facts an older record's stored states are read back as: before the
 * record kept the facts behind its states, it kept only the states.
 */
export const storedBeforeFactHistories = 'registry (state stored before its facts were kept)';

/**
 * The value each field added to the record since records were first written has on a record
 * written before it: an older record is read as if it had always had them, and gains them when
 * next written; a new record starts with them too. A fresh object each call, so that no record
 * shares a default array.
 */
export function fieldsAddedSinceFirstRelease() {
  return {
    ppani: null,
    arrangementsHistory: [],
    custodyEvents: [],
    restrictedPatientEvents: [],
    merges: [],
    mergeConflicts: [],
    conflicts: [],
    rederiveOn: null,
    notificationRequirements: [],
    notificationStatus: null,
    eligibility: null,
    overdueNotifications: [],
    civilOrders: [],
    aliasDatesOfBirth: [],
    // Derived: worked out when the record is next written (the API works them out until then).
    currentAddress: null,
    otherCurrentAddresses: [],
    transfers: [],
    openTransfer: null,
    complianceActions: [],
  } satisfies Partial<NominalContent>;
}

/**
 * A management stored before it said whether the person has victims in a victim contact scheme:
 * nobody had recorded one. Returned as it is when it says (so that an unchanged record keeps its
 * objects, and its search document is not rewritten).
 */
export function withVictimContact(management: Management): Management {
  return management.victimContact === undefined
    ? { ...management, victimContact: null }
    : management;
}

/** Management facts stored before victim contact was recorded, read as recording none. */
function withVictimContacts(history: ManagementItem[]): ManagementItem[] {
  return history.every((item) => item.management.victimContact !== undefined)
    ? history
    : history.map((item) => ({ ...item, management: withVictimContact(item.management) }));
}

/**
 * A stored record with the fields added since it was written, for readers that take a record as
 * stored (one that keeps the facts behind its states): the ones `upgradedContent` adds too.
 */
export function withFieldsAddedSinceFactHistories<T extends Partial<NominalContent>>(record: T): T {
  const upgraded: Partial<NominalContent> = {};
  if (record.transfers === undefined) upgraded.transfers = [];
  if (record.openTransfer === undefined) upgraded.openTransfer = null;
  if (record.complianceActions === undefined) upgraded.complianceActions = [];
  if (record.management?.victimContact === undefined && record.management) {
    upgraded.management = withVictimContact(record.management);
  }
  if (record.managementHistory) {
    const history = withVictimContacts(record.managementHistory);
    if (history !== record.managementHistory) upgraded.managementHistory = history;
  }
  return Object.keys(upgraded).length === 0 ? record : { ...record, ...upgraded };
}

/**
 * A notification stored before the hub worked deadlines out: its `dueBy` was the producer's. The
 * derivation puts the hub's in its place when the record is next written.
 */
function upgradedNotification(stored: NotificationItem): NotificationItem {
  if (stored.producerDueBy !== undefined) return stored;
  return { ...stored, changedOn: null, producerDueBy: stored.dueBy, dueByRule: null };
}

/** A fact standing for a state an older record stored, named by the record and the state. */
function storedStateFact(nominalId: string, state: string, since: Date | string): StateFact {
  const day = typeof since === 'string' ? since : londonDate(since);
  return {
    eventId: `${nominalId}#stored-${state}`,
    recordedBy: 'HUB',
    occurredAt: typeof since === 'string' ? new Date(`${since}T00:00:00Z`) : since,
    producingSystem: storedBeforeFactHistories,
    effectiveOn: day,
  };
}

function factsOfStoredMappa(nominalId: string, mappa: MappaStatus | null): ArrangementsItem[] {
  if (!mappa) return [];
  return [
    {
      ...storedStateFact(nominalId, 'mappa', mappa.setOn),
      kind: 'MAPPA',
      category: mappa.category,
      level: mappa.level,
      jurisdiction: mappa.jurisdiction,
      basis: null,
      reviewOn: mappa.reviewOn,
      reason: null,
    },
  ];
}

function factsOfStoredCustody(
  nominalId: string,
  custody: CustodyStatus | null,
): CustodyEventItem[] {
  if (!custody) return [];
  const fact = {
    ...storedStateFact(nominalId, 'custody', custody.since),
    establishment: custody.establishment ?? 'not recorded',
    previousEstablishment: null,
    releaseType: null,
    custodyType: null,
    licenceExpiryOn: null,
    sentenceExpiryOn: null,
  };
  if (custody.state === 'RELEASED') {
    return [{ ...fact, kind: 'RELEASED', releaseDate: custody.releaseDate }];
  }
  const admitted: CustodyEventItem = { ...fact, kind: 'ADMITTED', releaseDate: null };
  return custody.releaseDate === null
    ? [admitted]
    : [
        admitted,
        {
          ...fact,
          eventId: `${fact.eventId}-release-date`,
          kind: 'RELEASE_DATE_SET',
          releaseDate: custody.releaseDate,
        },
      ];
}

function factsOfStoredRestrictedPatient(
  nominalId: string,
  patient: RestrictedPatientStatus | null,
): RestrictedPatientEventItem[] {
  if (!patient) return [];
  return [
    {
      ...storedStateFact(nominalId, 'restricted-patient', patient.since),
      kind: patient.state,
      hospital: patient.hospital,
      legalBasis: null,
      details: null,
    },
  ];
}

/** A supervision event stored before effective dates: dated by its own start or end, else its day. */
function upgradedSupervisionEvent(stored: SupervisionEventItem): SupervisionEventItem {
  if (stored.effectiveOn !== undefined) return stored;
  const starts = stored.kind === 'ORDER_STARTED' || stored.kind === 'LICENCE_STARTED';
  const ends = stored.kind === 'ORDER_ENDED' || stored.kind === 'LICENCE_ENDED';
  return {
    ...stored,
    producingSystem: storedBeforeFactHistories,
    effectiveOn:
      (starts ? stored.startsOn : ends ? stored.endsOn : null) ?? londonDate(stored.occurredAt),
  };
}

/**
 * A stored record's content, with every field the current code expects. A record written before
 * the record kept the facts behind its current states has its stored states read back as facts, so
 * that deriving them again keeps them.
 */
export function upgradedContent(
  stored: Partial<NominalContent>,
  nominalId: string,
): NominalContent {
  const added = fieldsAddedSinceFirstRelease();
  const current = (Object.keys(added) as (keyof typeof added)[]).every((key) => key in stored);
  const content = (current ? stored : { ...added, ...stored }) as NominalContent;
  return {
    ...content,
    management: withVictimContact(content.management),
    notifications: content.notifications.map(upgradedNotification),
    supervisionEvents: content.supervisionEvents.map(upgradedSupervisionEvent),
    arrangementsHistory: stored.arrangementsHistory ?? factsOfStoredMappa(nominalId, content.mappa),
    custodyEvents: stored.custodyEvents ?? factsOfStoredCustody(nominalId, content.custody),
    restrictedPatientEvents:
      stored.restrictedPatientEvents ??
      factsOfStoredRestrictedPatient(nominalId, content.restrictedPatient),
    // Before any assignment recorded since: the first of them takes over.
    managementHistory: withVictimContacts(
      stored.managementHistory ?? [
        {
          ...storedStateFact(nominalId, 'management', '1970-01-01'),
          management: content.management,
          initial: true,
        },
      ],
    ),
  };
}

/** Whether a stored record was written before the record kept the facts behind its states. */
export function writtenBeforeFactHistories(stored: Partial<NominalContent>): boolean {
  return stored.arrangementsHistory === undefined;
}
