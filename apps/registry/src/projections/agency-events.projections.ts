import type { Address, EventMetadata } from '@hub/contracts';
import type { AddressItem, NominalContent } from '../nominals/nominal.documents';
import { existing, type ProjectionOf } from './projection';
import { provenance, upsert } from './record-items';

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
      producingSystem: event.metadata.producingSystem,
      occurredAt: event.metadata.occurredAt,
      text: event.text,
      sourceEvaluation: event.sourceEvaluation,
      intelligenceAssessment: event.intelligenceAssessment,
      handlingCode: event.handlingCode,
      handlingConditions: event.handlingConditions,
      disseminationLimits: event.disseminationLimits,
      classification: event.metadata.classification,
    };
    return { ...record, intelligence: [...record.intelligence, item] };
  },
  summary: (event) =>
    `Intelligence shared by ${event.metadata.producingAgency}, graded ${lower(event.sourceEvaluation)} / ${lower(event.intelligenceAssessment)} / ${event.handlingCode}`,
};

export const rsoNotificationReceived: ProjectionOf<'police.rso-notification.received.v1'> = {
  eventType: 'RsoNotificationReceived',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const notification = {
      ...provenance(event.metadata),
      notificationId: event.notificationId,
      kind: event.kind,
      notifiedOn: event.notifiedOn,
      dueBy: event.dueBy,
      late: event.dueBy !== null && event.notifiedOn > event.dueBy,
      details: event.details,
      newAddress: event.newAddress,
      travel: event.travel,
    };
    const updated = {
      ...record,
      notifications: upsert(
        record.notifications,
        notification,
        (kept) => kept.notificationId === event.notificationId,
        (item) => item.notifiedOn,
      ),
    };
    return event.newAddress ? withAddress(updated, event.newAddress, event.metadata) : updated;
  },
  summary: (event) =>
    `Notification (${lower(event.kind)}) received on ${event.notifiedOn}` +
    (event.dueBy !== null && event.notifiedOn > event.dueBy
      ? `, LATE (due by ${event.dueBy})`
      : '') +
    (event.travel
      ? `: travel to ${event.travel.destinationCountry} from ${event.travel.departOn}`
      : ''),
};

export const custodyEventRecorded: ProjectionOf<'prison.custody-event.recorded.v1'> = {
  eventType: 'CustodyEventRecorded',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const since = event.metadata.occurredAt;
    const previous = record.custody;
    const custody = (() => {
      switch (event.kind) {
        case 'ADMITTED':
          return {
            state: 'IN_CUSTODY' as const,
            establishment: event.establishment,
            releaseDate: null,
            since,
          };
        case 'RELEASE_DATE_SET':
          return {
            state: previous?.state ?? ('IN_CUSTODY' as const),
            establishment: event.establishment,
            releaseDate: event.releaseDate,
            since: previous?.since ?? since,
          };
        case 'RELEASED':
          return {
            state: 'RELEASED' as const,
            establishment: event.establishment,
            releaseDate: event.releaseDate,
            since,
          };
        case 'ESTABLISHMENT_TRANSFERRED':
          return {
            state: 'IN_CUSTODY' as const,
            establishment: event.establishment,
            releaseDate: previous?.releaseDate ?? null,
            since: previous?.since ?? since,
          };
      }
    })();
    const identifiers =
      event.prisonNumber &&
      !record.identifiers.some(
        (id) => id.type === 'PRISON_NUMBER' && id.value === event.prisonNumber,
      )
        ? [
            ...record.identifiers,
            {
              type: 'PRISON_NUMBER' as const,
              value: event.prisonNumber,
              issuedBy: event.metadata.producingAgency,
            },
          ]
        : record.identifiers;
    return { ...record, custody, identifiers };
  },
  summary(event) {
    switch (event.kind) {
      case 'ADMITTED':
        return `Admitted to ${event.establishment}`;
      case 'RELEASE_DATE_SET':
        return `Release date set: ${event.releaseDate ?? 'not given'} (${event.establishment})`;
      case 'RELEASED':
        return (
          `Released from ${event.establishment}` +
          (event.releaseType ? ` (${lower(event.releaseType)})` : '')
        );
      case 'ESTABLISHMENT_TRANSFERRED':
        return `Transferred from ${event.previousEstablishment ?? 'another establishment'} to ${event.establishment}`;
    }
  },
};

export const supervisionEventRecorded: ProjectionOf<'probation.supervision-event.recorded.v1'> = {
  eventType: 'SupervisionEventRecorded',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const since = event.metadata.occurredAt;
    const previous = record.supervision;
    const breachCount = (previous?.breachCount ?? 0) + (event.kind === 'BREACH' ? 1 : 0);
    const orderType = event.orderType ?? previous?.orderType ?? null;
    const state = (() => {
      switch (event.kind) {
        case 'ORDER_STARTED':
          return 'ON_ORDER' as const;
        case 'LICENCE_STARTED':
          return 'ON_LICENCE' as const;
        case 'ORDER_ENDED':
        case 'LICENCE_ENDED':
          return 'ENDED' as const;
        case 'RECALL':
          return 'RECALLED' as const;
        case 'BREACH':
          return previous?.state ?? ('ON_ORDER' as const);
      }
    })();
    const changedState = state !== previous?.state;
    return {
      ...record,
      supervision: {
        state,
        orderType,
        since: changedState ? since : (previous?.since ?? since),
        breachCount,
      },
      supervisionEvents: [
        ...record.supervisionEvents,
        {
          ...provenance(event.metadata),
          kind: event.kind,
          orderType: event.orderType,
          startsOn: event.startsOn,
          endsOn: event.endsOn,
          details: event.details,
        },
      ],
    };
  },
  summary: (event) =>
    `${lower(event.kind)}${event.orderType ? ` (${event.orderType})` : ''}` +
    (event.details ? `: ${event.details}` : ''),
};

export const restrictedPatientEventRecorded: ProjectionOf<'health.restricted-patient-event.recorded.v1'> =
  {
    eventType: 'RestrictedPatientEventRecorded',
    project(current, event) {
      const record = existing(current, event.nominalId);
      return {
        ...record,
        restrictedPatient: {
          state: event.kind,
          hospital: event.hospital ?? record.restrictedPatient?.hospital ?? null,
          since: event.effectiveOn,
        },
      };
    },
    summary: (event) =>
      `Restricted patient ${lower(event.kind)} on ${event.effectiveOn}` +
      (event.hospital ? ` (${event.hospital})` : '') +
      (event.legalBasis ? `, ${event.legalBasis}` : ''),
  };
