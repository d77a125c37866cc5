import type { PersonName } from '@hub/contracts';
import { minutesWithheld, type WithheldIntelligence } from '../access/record-views';
import type { NominalRecordView } from '../nominals/nominal-queries';
import type { IntelligenceItem } from '../nominals/nominal.documents';

/**
 * One thing the hub holds on the subject, as a disclosure handler decides on it. The id is stable
 * across reads of the record (it names the fact's own id), so that a decision stays attached to
 * its item however the record grows.
 */
export interface DisclosableItem {
  itemId: string;
  /** What kind of information it is (identity, intelligence, risk assessment...). */
  category: string;
  /** A title made of facts that are never content (kind, agency, dates): the pack shows it even for withheld items. */
  title: string;
  /** The text that would be disclosed; null when the handler may not see it. */
  text: string | null;
  /** Why the handler may not see the item (need-to-know); they may only withhold it. */
  restricted: string | null;
}

/** The record as the caller may see it (record-views.ts `recordFor`). */
type VisibleRecord = NominalRecordView;

const nameOf = (name: PersonName): string => [...name.givenNames, name.familyName].join(' ');
const day = (at: Date | string): string =>
  (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
const line = (label: string, value: string | number | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : `${label}: ${value}`;
const lines = (...parts: (string | null)[]): string => parts.filter((p) => p !== null).join('\n');

function visible(text: string): Pick<DisclosableItem, 'text' | 'restricted'> {
  return { text, restricted: null };
}

function identityItems(record: VisibleRecord): DisclosableItem[] {
  const items: DisclosableItem[] = [
    {
      itemId: 'identity:name',
      category: 'identity',
      title: 'Name',
      ...visible(nameOf(record.name)),
    },
    {
      itemId: 'identity:date-of-birth',
      category: 'identity',
      title: 'Date of birth',
      ...visible(lines(record.dateOfBirth, ...record.aliasDatesOfBirth.map((d) => `also ${d}`))),
    },
  ];
  if (record.aliases.length > 0) {
    items.push({
      itemId: 'identity:aliases',
      category: 'identity',
      title: 'Other names',
      ...visible(record.aliases.map(nameOf).join('\n')),
    });
  }
  if (record.identifiers.length > 0) {
    items.push({
      itemId: 'identity:identifiers',
      category: 'identity',
      title: 'Agency identifiers',
      ...visible(record.identifiers.map((id) => `${id.type}: ${id.value}`).join('\n')),
    });
  }
  return items;
}

function managementItems(record: VisibleRecord): DisclosableItem[] {
  const { management, mappa } = record;
  const items: DisclosableItem[] = [
    {
      itemId: 'management:current',
      category: 'management',
      title: 'Who manages the person',
      ...visible(
        lines(
          line('Lead agency', management.leadAgency),
          line('Managing area', management.managingArea),
          line('Record manager', management.recordManager?.name),
          line('Co-managed by', management.coManagers.map((p) => p.agency).join(', ')),
        ),
      ),
    },
  ];
  if (mappa) {
    items.push({
      itemId: 'mappa:current',
      category: 'mappa',
      title: 'MAPPA category and level',
      ...visible(
        lines(
          line('Category', mappa.categoryName),
          line('Level', mappa.level),
          line('Review on', mappa.reviewOn),
        ),
      ),
    });
  }
  return items;
}

function intelligenceItem(item: IntelligenceItem | WithheldIntelligence): DisclosableItem {
  const title = `Intelligence shared by ${item.sharedBy} on ${day(item.occurredAt)}`;
  const itemId = `intelligence:${item.eventId}`;
  if ('withheld' in item) {
    const ask = item.ask.map((contact) => `${contact.name} (${contact.email})`).join(', ');
    return {
      itemId,
      category: 'intelligence',
      title,
      text: null,
      restricted: `${item.reason}; consult the originator${ask ? `: ${ask}` : ''}`,
    };
  }
  return {
    itemId,
    category: 'intelligence',
    title,
    ...visible(
      lines(
        item.text,
        line('Source evaluation', item.sourceEvaluation),
        line('Intelligence assessment', item.intelligenceAssessment),
      ),
    ),
  };
}

function meetingItems(record: VisibleRecord): DisclosableItem[] {
  return record.meetings.map((meeting) => {
    const base = {
      itemId: `meeting:${meeting.meetingId}`,
      category: 'meeting',
      title: `MAPPA meeting (${meeting.level}) held on ${meeting.heldOn}`,
    };
    if (meeting.minutes === minutesWithheld) {
      return { ...base, text: null, restricted: minutesWithheld };
    }
    return {
      ...base,
      ...visible(
        lines(
          meeting.minutes,
          ...meeting.actions.map(
            (action) => `Action (${action.ownerAgency}): ${action.description}`,
          ),
          line('Next meeting on', meeting.nextMeetingOn),
        ),
      ),
    };
  });
}

function factItems(record: VisibleRecord): DisclosableItem[] {
  return [
    ...record.addresses.map((address) => ({
      itemId: `address:${address.eventId}`,
      category: 'address',
      title: `Address (${address.type}) from ${address.from}`,
      ...visible(
        lines(
          [...address.lines, address.town, address.postcode].filter(Boolean).join(', '),
          line('From', address.from),
          line('To', address.to),
        ),
      ),
    })),
    ...record.riskAssessments.map((assessment) => ({
      itemId: `risk-assessment:${assessment.assessmentId}`,
      category: 'risk assessment',
      title: `Risk assessment (${assessment.tool}) of ${assessment.assessedOn}`,
      ...visible(
        lines(
          line('Tool', assessment.toolName ?? assessment.tool),
          line('Risk of serious harm', assessment.riskOfSeriousHarm),
          line('Assessed on', assessment.assessedOn),
          line('Next review on', assessment.nextReviewOn),
          assessment.summary,
        ),
      ),
    })),
    ...record.riskManagementPlans.map((plan) => ({
      itemId: `risk-management-plan:${plan.planId}:v${plan.planVersion}`,
      category: 'risk management plan',
      title: `Risk management plan, version ${plan.planVersion}, of ${day(plan.occurredAt)}`,
      ...visible(
        lines(
          plan.summary,
          ...plan.actions.map((action) => `Action (${action.ownerAgency}): ${action.description}`),
        ),
      ),
    })),
    ...record.civilOrders.map((order) => ({
      itemId: `civil-order:${order.orderId}`,
      category: 'civil order',
      title: `Civil order (${order.orderType}) made on ${order.madeOn}`,
      ...visible(
        lines(
          line('Court', order.court),
          line('Expires on', order.expiresOn),
          ...order.prohibitions.map((prohibition) => `Prohibition: ${prohibition}`),
          order.details,
        ),
      ),
    })),
    ...record.notifications.map((notification) => ({
      itemId: `notification:${notification.notificationId}`,
      category: 'notification',
      title: `Notification (${notification.kind}) of ${notification.notifiedOn}`,
      ...visible(lines(line('Notified on', notification.notifiedOn), notification.details)),
    })),
    ...record.custodyEvents.map((event) => ({
      itemId: `custody:${event.eventId}`,
      category: 'custody',
      title: `Custody (${event.kind}) on ${event.effectiveOn}`,
      ...visible(
        lines(line('Establishment', event.establishment), line('Release date', event.releaseDate)),
      ),
    })),
    ...record.supervisionEvents.map((event) => ({
      itemId: `supervision:${event.eventId}`,
      category: 'supervision',
      title: `Supervision (${event.kind}) on ${event.effectiveOn}`,
      ...visible(
        lines(
          line('Order', event.orderType),
          line('Starts on', event.startsOn),
          line('Ends on', event.endsOn),
          event.details,
        ),
      ),
    })),
  ];
}

/**
 * What the hub holds on the subject, item by item, from the record as the handler may see it:
 * intelligence their organisation may not read under its handling code, and minutes it may not
 * read, are listed (the hub holds them) but without their text.
 */
export function disclosableItems(record: VisibleRecord): DisclosableItem[] {
  const items = [
    ...identityItems(record),
    ...managementItems(record),
    ...record.intelligence.map((item) =>
      intelligenceItem(item as IntelligenceItem | WithheldIntelligence),
    ),
    ...meetingItems(record),
    ...factItems(record),
  ];
  // One item per id: a fact sent twice under one id (a corrected assessment) is decided once.
  return [...new Map(items.map((item) => [item.itemId, item])).values()];
}
