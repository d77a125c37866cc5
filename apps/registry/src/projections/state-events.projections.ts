import type { NominalContent } from '../nominals/nominal.documents';
import { existing, type ProjectionOf } from './projection';
import { stateFact, withFact } from './state-facts';

const lower = (symbol: string): string => symbol.replaceAll('_', ' ').toLowerCase();

export const custodyEventRecorded: ProjectionOf<'prison.custody-event.recorded.v1'> = {
  eventType: 'CustodyEventRecorded',
  project(current, event): NominalContent {
    const record = existing(current, event.nominalId);
    // A release recorded after the day is effective on the day of release.
    const effectiveOn = event.effectiveOn ?? (event.kind === 'RELEASED' ? event.releaseDate : null);
    const fact = {
      ...stateFact(event.metadata, effectiveOn),
      kind: event.kind,
      establishment: event.establishment,
      previousEstablishment: event.previousEstablishment,
      releaseDate: event.releaseDate,
      releaseType: event.releaseType,
      custodyType: event.custodyType,
      licenceExpiryOn: event.licenceExpiryOn,
      sentenceExpiryOn: event.sentenceExpiryOn,
    };
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
    return { ...record, custodyEvents: withFact(record.custodyEvents, fact), identifiers };
  },
  summary(event) {
    const on = event.effectiveOn ? ` on ${event.effectiveOn}` : '';
    switch (event.kind) {
      case 'ADMITTED':
        return (
          `Admitted to ${event.establishment}${on}` +
          (event.custodyType ? ` (${lower(event.custodyType)})` : '')
        );
      case 'SENTENCED':
        return `Sentenced while held at ${event.establishment}${on}`;
      case 'RELEASE_DATE_SET':
        return `Release date set: ${event.releaseDate ?? 'not given'} (${event.establishment})`;
      case 'RELEASED':
        return (
          `Released from ${event.establishment}` +
          (event.releaseDate ? ` on ${event.releaseDate}` : on) +
          (event.releaseType ? ` (${lower(event.releaseType)})` : '')
        );
      case 'ESTABLISHMENT_TRANSFERRED':
        return `Transferred from ${event.previousEstablishment ?? 'another establishment'} to ${event.establishment}${on}`;
      case 'TEMPORARY_RELEASE_STARTED':
        return `Temporarily released from ${event.establishment}${on}`;
      case 'TEMPORARY_RELEASE_ENDED':
        return `Returned from temporary release to ${event.establishment}${on}`;
      case 'UNLAWFULLY_AT_LARGE':
        return `UNLAWFULLY AT LARGE from ${event.establishment}${on}`;
      case 'RETURNED_TO_CUSTODY':
        return `Returned to custody at ${event.establishment}${on}`;
    }
  },
};

export const supervisionEventRecorded: ProjectionOf<'probation.supervision-event.recorded.v1'> = {
  eventType: 'SupervisionEventRecorded',
  project(current, event): NominalContent {
    const record = existing(current, event.nominalId);
    const starts = event.kind === 'ORDER_STARTED' || event.kind === 'LICENCE_STARTED';
    const ends = event.kind === 'ORDER_ENDED' || event.kind === 'LICENCE_ENDED';
    const effectiveOn = (starts ? event.startsOn : ends ? event.endsOn : null) ?? event.effectiveOn;
    const fact = {
      ...stateFact(event.metadata, effectiveOn),
      kind: event.kind,
      orderType: event.orderType,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
      details: event.details,
    };
    return { ...record, supervisionEvents: withFact(record.supervisionEvents, fact) };
  },
  summary: (event) =>
    `${lower(event.kind)}${event.orderType ? ` (${event.orderType})` : ''}` +
    (event.details ? `: ${event.details}` : ''),
};

export const restrictedPatientEventRecorded: ProjectionOf<'health.restricted-patient-event.recorded.v1'> =
  {
    eventType: 'RestrictedPatientEventRecorded',
    project(current, event): NominalContent {
      const record = existing(current, event.nominalId);
      const fact = {
        ...stateFact(event.metadata, event.effectiveOn),
        kind: event.kind,
        hospital: event.hospital,
        legalBasis: event.legalBasis,
        details: event.details,
      };
      return {
        ...record,
        restrictedPatientEvents: withFact(record.restrictedPatientEvents, fact),
      };
    },
    summary: (event) =>
      `Restricted patient ${lower(event.kind)} on ${event.effectiveOn}` +
      (event.hospital ? ` (${event.hospital})` : '') +
      (event.legalBasis ? `, ${event.legalBasis}` : ''),
  };
