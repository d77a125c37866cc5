import {
  addressRecorded,
  intelligenceShared,
  rsoNotificationReceived,
} from './agency-events.projections';
import {
  arrangementsLeft,
  mappaCategoryAndLevelSet,
  ppaniRiskCategorySet,
} from './arrangements.projections';
import { complianceActionRecorded } from './compliance-actions.projections';
import {
  agencyIdentifierLinked,
  nominalRegistered,
  personalDetailsChanged,
} from './identity.projections';
import {
  mappaMeetingHeld,
  recordManagementAssigned,
  riskAssessmentRecorded,
  riskManagementPlanPublished,
} from './mappa.projections';
import {
  civilOrderRecorded,
  notificationRequirementRecorded,
} from './notification-requirements.projections';
import type { ProjectionOf, RecordEventTopic } from './projection';
import {
  duplicateResolved,
  mergeUndone,
  nominalArchiveStatusChanged,
  recordDateReached,
} from './record-lifecycle.projections';
import {
  custodyEventRecorded,
  restrictedPatientEventRecorded,
  supervisionEventRecorded,
} from './state-events.projections';
import { transferStepRecorded } from './transfer.projections';

/** How each event type changes the record. The registry consumes exactly these topics. */
export const projections: { [T in RecordEventTopic]: ProjectionOf<T> } = {
  'mappa.nominal.registered.v1': nominalRegistered,
  'mappa.personal-details.changed.v1': personalDetailsChanged,
  'mappa.agency-identifier.linked.v1': agencyIdentifierLinked,
  'mappa.category-level.set.v1': mappaCategoryAndLevelSet,
  'mappa.ppani-risk-category.set.v1': ppaniRiskCategorySet,
  'mappa.arrangements.left.v1': arrangementsLeft,
  'mappa.management.assigned.v1': recordManagementAssigned,
  'mappa.address.recorded.v1': addressRecorded,
  'mappa.risk-assessment.recorded.v1': riskAssessmentRecorded,
  'mappa.risk-management-plan.published.v1': riskManagementPlanPublished,
  'mappa.meeting.held.v1': mappaMeetingHeld,
  'police.intelligence.shared.v1': intelligenceShared,
  'police.rso-notification.received.v1': rsoNotificationReceived,
  'police.notification-requirement.recorded.v1': notificationRequirementRecorded,
  'police.civil-order.recorded.v1': civilOrderRecorded,
  'police.compliance-action.recorded.v1': complianceActionRecorded,
  'prison.custody-event.recorded.v1': custodyEventRecorded,
  'probation.supervision-event.recorded.v1': supervisionEventRecorded,
  'health.restricted-patient-event.recorded.v1': restrictedPatientEventRecorded,
  'registry.nominal.archive-status-changed.v1': nominalArchiveStatusChanged,
  'registry.nominal.duplicate-resolved.v1': duplicateResolved,
  'registry.nominal.merge-undone.v1': mergeUndone,
  'registry.nominal.date-reached.v1': recordDateReached,
  'transfer.step.recorded.v1': transferStepRecorded,
};
