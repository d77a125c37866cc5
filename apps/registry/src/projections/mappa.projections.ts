import type { NominalContent } from '../nominals/nominal.documents';
import { categoryName } from './mappa-category';
import { existing, InapplicableEventError, type ProjectionOf } from './projection';
import { provenance, upsert } from './record-items';

const levelNumber = (level: string): string => level.replace('LEVEL_', '');

export const mappaCategoryAndLevelSet: ProjectionOf<'mappa.category-level.set.v1'> = {
  eventType: 'MappaCategoryAndLevelSet',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const name = categoryName(event.jurisdiction, event.category);
    if (name === undefined) {
      throw new InapplicableEventError(
        `${event.category} does not exist in ${event.jurisdiction}; category 4 is England and Wales only`,
      );
    }
    return {
      ...record,
      mappa: {
        category: event.category,
        categoryName: name,
        level: event.level,
        jurisdiction: event.jurisdiction,
        setOn: event.metadata.occurredAt,
        reviewOn: event.reviewOn,
      },
    };
  },
  summary: (event) =>
    `MAPPA ${event.category.replace('_', ' ').toLowerCase()}, level ${levelNumber(event.level)} (${event.jurisdiction})` +
    (event.reason ? `: ${event.reason}` : ''),
};

export const recordManagementAssigned: ProjectionOf<'mappa.management.assigned.v1'> = {
  eventType: 'RecordManagementAssigned',
  project(current, event) {
    const record = existing(current, event.nominalId);
    return {
      ...record,
      management: {
        leadAgency: event.leadAgency,
        managingArea: event.managingArea,
        jurisdiction: event.jurisdiction,
        recordManager: event.recordManager,
        coManagers: event.coManagers,
      },
    };
  },
  summary: (event) =>
    `Managed by ${event.leadAgency} in ${event.managingArea}; record manager ${event.recordManager.name} (${event.recordManager.agency})`,
};

export const riskAssessmentRecorded: ProjectionOf<'mappa.risk-assessment.recorded.v1'> = {
  eventType: 'RiskAssessmentRecorded',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const assessment = {
      ...provenance(event.metadata),
      assessmentId: event.assessmentId,
      tool: event.tool,
      toolName: event.toolName,
      riskOfSeriousHarm: event.riskOfSeriousHarm,
      assessedOn: event.assessedOn,
      nextReviewOn: event.nextReviewOn,
      summary: event.summary,
    };
    return {
      ...record,
      riskAssessments: upsert(
        record.riskAssessments,
        assessment,
        (kept) => kept.assessmentId === event.assessmentId,
        (item) => item.assessedOn,
      ),
    };
  },
  summary: (event) =>
    `${event.toolName ?? event.tool} risk assessment on ${event.assessedOn}: ${event.riskOfSeriousHarm.replace('_', ' ').toLowerCase()} risk of serious harm`,
};

export const riskManagementPlanPublished: ProjectionOf<'mappa.risk-management-plan.published.v1'> =
  {
    eventType: 'RiskManagementPlanPublished',
    project(current, event) {
      const record = existing(current, event.nominalId);
      const superseded = record.riskManagementPlans.find(
        (plan) => plan.planId === event.planId && plan.planVersion > event.planVersion,
      );
      if (superseded) {
        throw new InapplicableEventError(
          `plan ${event.planId} version ${event.planVersion} arrived after version ${superseded.planVersion}`,
        );
      }
      const plan = {
        ...provenance(event.metadata),
        planId: event.planId,
        planVersion: event.planVersion,
        summary: event.summary,
        actions: event.actions,
        reviewOn: event.reviewOn,
      };
      // Every version is kept: the plan in force is the latest version of the latest plan.
      const others = record.riskManagementPlans.filter(
        (kept) => !(kept.planId === plan.planId && kept.planVersion === plan.planVersion),
      );
      return { ...record, riskManagementPlans: [...others, plan] };
    },
    summary: (event) =>
      `Risk management plan ${event.planId} version ${event.planVersion} published with ${event.actions.length} action(s)`,
  };

export const mappaMeetingHeld: ProjectionOf<'mappa.meeting.held.v1'> = {
  eventType: 'MappaMeetingHeld',
  project(current, event): NominalContent {
    const record = existing(current, event.nominalId);
    const meeting = {
      ...provenance(event.metadata),
      meetingId: event.meetingId,
      level: event.level,
      heldOn: event.heldOn,
      chair: event.chair,
      attendees: event.attendees,
      minutes: event.minutes,
      actions: event.actions,
      nextMeetingOn: event.nextMeetingOn,
    };
    return {
      ...record,
      meetings: upsert(
        record.meetings,
        meeting,
        (kept) => kept.meetingId === event.meetingId,
        (item) => item.heldOn,
      ),
    };
  },
  summary: (event) =>
    `Level ${levelNumber(event.level)} MAPPA meeting on ${event.heldOn}` +
    (event.chair ? ` chaired by ${event.chair.name}` : '') +
    `, ${event.attendees.length} attendee(s) from ${[...new Set(event.attendees.map((a) => a.agency))].join(', ')}`,
};
