import {
  addressRecorded,
  custodyEventRecorded,
  intelligenceShared,
  restrictedPatientEventRecorded,
  rsoNotificationReceived,
  supervisionEventRecorded,
} from './agency-events.projections';
import {
  agencyIdentifierLinked,
  nominalRegistered,
  personalDetailsChanged,
} from './identity.projections';
import {
  mappaCategoryAndLevelSet,
  mappaMeetingHeld,
  recordManagementAssigned,
  riskAssessmentRecorded,
  riskManagementPlanPublished,
} from './mappa.projections';
import type { ProjectionOf, RecordEventTopic } from './projection';
import { duplicateResolved, nominalArchiveStatusChanged } from './record-lifecycle.projections';

/** How each event type changes the record. The registry consumes exactly these topics. */
export const projections: { [T in RecordEventTopic]: ProjectionOf<T> } = {
  'mappa.nominal.registered.v1': nominalRegistered,
  'mappa.personal-details.changed.v1': personalDetailsChanged,
  'mappa.agency-identifier.linked.v1': agencyIdentifierLinked,
  'mappa.category-level.set.v1': mappaCategoryAndLevelSet,
  'mappa.management.assigned.v1': recordManagementAssigned,
  'mappa.address.recorded.v1': addressRecorded,
  'mappa.risk-assessment.recorded.v1': riskAssessmentRecorded,
  'mappa.risk-management-plan.published.v1': riskManagementPlanPublished,
  'mappa.meeting.held.v1': mappaMeetingHeld,
  'police.intelligence.shared.v1': intelligenceShared,
  'police.rso-notification.received.v1': rsoNotificationReceived,
  'prison.custody-event.recorded.v1': custodyEventRecorded,
  'probation.supervision-event.recorded.v1': supervisionEventRecorded,
  'health.restricted-patient-event.recorded.v1': restrictedPatientEventRecorded,
  'registry.nominal.archive-status-changed.v1': nominalArchiveStatusChanged,
  'registry.nominal.duplicate-resolved.v1': duplicateResolved,
};
