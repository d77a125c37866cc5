import type { EventMetadata } from '@hub/contracts';
import { hubOrganisationId } from '@hub/security';

/** The metadata of an event the registry itself publishes (its decisions, days reached, reviews). */
export function registryEventMetadata(event: {
  eventId: string;
  occurredAt: Date;
  actingUser: string | null;
  correlationId: string;
}): EventMetadata {
  return {
    ...event,
    producingAgency: 'HUB',
    producingSystem: 'registry',
    producingOrganisation: hubOrganisationId,
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
  };
}
