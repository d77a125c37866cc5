import type { Agency, PersonName } from '@hub/contracts';
import {
  breakGlassHeader,
  contactsFor,
  mayReadIntelligence,
  mayReadMinutes,
  minimumReasonLength,
  type Caller,
  type HandledItem,
  type OrganisationDirectory,
  type RecordFacts,
  type Relation,
} from '@hub/security';
import type { IntelligenceItem, MeetingItem } from '../nominals/nominal.documents';
import type { NominalRecordView, NominalSummary, TimelineEntry } from '../nominals/nominal-queries';

/** Whom to ask about a person, from the directory. */
export type Contact = ReturnType<typeof contactsFor>[number];

/**
 * What anyone with a search role may see of a person they have no relation to: enough to know that
 * the record exists, whose it is and whom to ask.
 */
export interface NationalSearchView {
  view: 'national-search';
  id: string;
  name: PersonName;
  aliases: PersonName[];
  dateOfBirth: string;
  status: string;
  managingArea: string;
  jurisdiction: string;
  contacts: Contact[];
  fullRecord: string;
}

const howToOpen =
  `Your organisation neither manages nor co-manages this person. To open the full record, give ` +
  `your reason in the ${breakGlassHeader} header (at least ${minimumReasonLength} characters); ` +
  'the access is audited and reviewed. Otherwise ask the contacts listed.';

export function nationalSearchView(
  person: Pick<
    NominalSummary,
    'id' | 'name' | 'aliases' | 'dateOfBirth' | 'status' | 'managingArea' | 'jurisdiction'
  >,
  facts: RecordFacts,
  directory: OrganisationDirectory,
): NationalSearchView {
  return {
    view: 'national-search',
    id: person.id,
    name: person.name,
    aliases: person.aliases,
    dateOfBirth: person.dateOfBirth,
    status: person.status,
    managingArea: person.managingArea,
    jurisdiction: person.jurisdiction,
    contacts: contactsFor(directory, facts),
    fullRecord: howToOpen,
  };
}

/** An intelligence item the caller may not read: that it exists, and whom to ask. */
export interface WithheldIntelligence {
  eventId: string;
  withheld: true;
  sharedBy: Agency;
  sharedByOrganisation: string | null;
  occurredAt: Date;
  handlingCode: string;
  reason: string;
  ask: Contact[];
}

function originatorContacts(item: HandledItem, directory: OrganisationDirectory): Contact[] {
  const organisation = item.sharedByOrganisation
    ? directory.organisation(item.sharedByOrganisation)
    : undefined;
  return organisation
    ? [
        {
          organisation: organisation.id,
          name: organisation.name,
          team: organisation.contact.team,
          email: organisation.contact.email,
        },
      ]
    : [];
}

function withheldReason(item: HandledItem): string {
  return item.handlingCode === 'C'
    ? `handling code C: shared on conditions with ${item.disseminationLimits.join(', ') || 'the originator only'}`
    : `dissemination limited to ${item.disseminationLimits.join(', ')}`;
}

function intelligenceFor(
  caller: Caller,
  item: IntelligenceItem,
  directory: OrganisationDirectory,
): IntelligenceItem | WithheldIntelligence {
  if (mayReadIntelligence(caller, item)) return item;
  return {
    eventId: item.eventId,
    withheld: true,
    sharedBy: item.sharedBy,
    sharedByOrganisation: item.sharedByOrganisation ?? null,
    occurredAt: item.occurredAt,
    handlingCode: item.handlingCode,
    reason: withheldReason(item),
    ask: originatorContacts(item, directory),
  };
}

/** What stands for minutes the caller may not read (disclosure lists such a meeting as restricted). */
export const minutesWithheld =
  'withheld: minutes are for the organisations responsible for the person and the agencies that attended';

function attendingAgencies(meeting: Pick<MeetingItem, 'chair' | 'attendees'>): Agency[] {
  return [
    ...(meeting.chair ? [meeting.chair.agency] : []),
    ...meeting.attendees.map((a) => a.agency),
  ];
}

/** The full record as `caller` may see it: intelligence by its handling code, minutes to those entitled. */
export function recordFor(
  caller: Caller,
  relation: Relation,
  facts: RecordFacts,
  record: NominalRecordView,
  directory: OrganisationDirectory,
): NominalRecordView & { view: 'full' } {
  return {
    view: 'full',
    ...record,
    intelligence: record.intelligence.map((item) =>
      intelligenceFor(caller, item, directory),
    ) as IntelligenceItem[],
    meetings: record.meetings.map((meeting) =>
      mayReadMinutes(caller, relation, attendingAgencies(meeting), facts)
        ? meeting
        : { ...meeting, minutes: minutesWithheld },
    ),
  };
}

interface IntelligenceDetails {
  handlingCode?: 'P' | 'C';
  disseminationLimits?: Agency[];
}

interface MeetingDetails {
  chair?: { agency: Agency } | null;
  attendees?: { agency: Agency }[];
  minutes?: string;
}

/** A timeline entry as `caller` may see it: the same handling rules as the record's items. */
export function timelineEntryFor(
  caller: Caller,
  relation: Relation,
  facts: RecordFacts,
  entry: TimelineEntry,
  directory: OrganisationDirectory,
): TimelineEntry {
  if (entry.eventType === 'IntelligenceShared') {
    const details = entry.details as IntelligenceDetails;
    const item: HandledItem = {
      handlingCode: details.handlingCode ?? 'C',
      disseminationLimits: details.disseminationLimits ?? [],
      sharedBy: entry.producingAgency,
      sharedByOrganisation: entry.producingOrganisation ?? null,
    };
    if (mayReadIntelligence(caller, item)) return entry;
    return {
      ...entry,
      summary: `Intelligence shared by ${entry.producingAgency}: withheld (${withheldReason(item)})`,
      details: {
        withheld: true,
        handlingCode: item.handlingCode,
        ask: originatorContacts(item, directory),
      },
    };
  }
  if (entry.eventType === 'MappaMeetingHeld') {
    const details = entry.details as MeetingDetails;
    const agencies = [
      ...(details.chair ? [details.chair.agency] : []),
      ...(details.attendees ?? []).map((a) => a.agency),
    ];
    if (mayReadMinutes(caller, relation, agencies, facts)) return entry;
    return { ...entry, details: { ...entry.details, minutes: minutesWithheld } };
  }
  return entry;
}
