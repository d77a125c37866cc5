import type { Address, EventMetadata } from '@hub/contracts';
import type { AddressItem, NominalContent } from '../nominals/nominal.documents';
import { notificationItemOf, notificationSummary } from './notification-requirements.projections';
import { existing, type ProjectionOf } from './projection';
import { upsert } from './record-items';

const lower = (symbol: string): string => symbol.replaceAll('_', ' ').toLowerCase();

function withAddress(
  record: NominalContent,
  address: Address,
  metadata: EventMetadata,
): NominalContent {
  const item: AddressItem = {
    ...address,
    recordedBy: metadata.producingAgency,
    eventId: metadata.eventId,
  };
  return {
    ...record,
    addresses: upsert(
      record.addresses,
      item,
      (kept) => kept.addressId === address.addressId,
      (kept) => kept.from,
    ),
  };
}

const addressLine = (address: Address): string =>
  [...address.lines, address.town, address.postcode].filter(Boolean).join(', ');

export const addressRecorded: ProjectionOf<'mappa.address.recorded.v1'> = {
  eventType: 'AddressRecorded',
  project: (current, event) =>
    withAddress(existing(current, event.nominalId), event.address, event.metadata),
  summary: (event) =>
    `${lower(event.address.type)} address from ${event.address.from}` +
    (event.address.to ? ` to ${event.address.to}` : '') +
    `: ${addressLine(event.address)} (${event.address.area})`,
};

export const intelligenceShared: ProjectionOf<'police.intelligence.shared.v1'> = {
  eventType: 'IntelligenceShared',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const item = {
      eventId: event.metadata.eventId,
      sharedBy: event.metadata.producingAgency,
      sharedByOrganisation: event.metadata.producingOrganisation,
      producingSystem: event.metadata.producingSystem,
      occurredAt: event.metadata.occurredAt,
      text: event.text,
      sourceEvaluation: event.sourceEvaluation,
      intelligenceAssessment: event.intelligenceAssessment,
      handlingCode: event.handlingCode,
      handlingConditions: event.handlingConditions,
      disseminationLimits: event.disseminationLimits,
      classification: event.metadata.classification,
      // As the originator gave them: its review date is its decision under its own information
      // management rules, which the hub cannot second-guess (README, "Intelligence").
      obtainedOn: event.obtainedOn,
      originatorReference: event.originatorReference,
      reviewOn: event.reviewOn,
    };
    return { ...record, intelligence: [...record.intelligence, item] };
  },
  summary: (event) =>
    `Intelligence shared by ${event.metadata.producingAgency}, graded ${lower(event.sourceEvaluation)} / ${lower(event.intelligenceAssessment)} / ${event.handlingCode}` +
    (event.originatorReference ? `, originator's reference ${event.originatorReference}` : ''),
};

export const rsoNotificationReceived: ProjectionOf<'police.rso-notification.received.v1'> = {
  eventType: 'RsoNotificationReceived',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const updated = {
      ...record,
      notifications: upsert(
        record.notifications,
        notificationItemOf(event),
        (kept) => kept.notificationId === event.notificationId,
        (item) => item.notifiedOn,
      ),
    };
    return event.newAddress ? withAddress(updated, event.newAddress, event.metadata) : updated;
  },
  summary: notificationSummary,
};
