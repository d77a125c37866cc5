import type { EventOf } from '@hub/contracts';
import { areaKey, hubOrganisationId, organisationDirectory, relationOf } from '@hub/security';
import type { NominalContent } from '../nominals/nominal.documents';
import { managementOn } from './management-status';
import { existing, InapplicableEventError, type ProjectionOf } from './projection';
import { provenance, upsert } from './record-items';
import { stateFact, withFact } from './state-facts';

const levelNumber = (level: string): string => level.replace('LEVEL_', '');
const spoken = (symbol: string): string => symbol.replaceAll('_', ' ').toLowerCase();

/**
 * Only the organisation managing a person assigns their management, and only within its area: a
 * person moves to another area through a transfer, which the receiving area accepts. Events from
 * the hub itself, and those published before organisations were known (no organisation), are the
 * hub's own or historical and apply as they are.
 */
function assertMayAssign(
  record: NominalContent,
  event: EventOf<'mappa.management.assigned.v1'>,
  effectiveOn: string,
): void {
  const producer = event.metadata.producingOrganisation;
  if (producer === null || producer === hubOrganisationId) return;
  const organisation = organisationDirectory().organisation(producer);
  if (!organisation) {
    throw new InapplicableEventError(`${producer} is not an organisation of the directory`);
  }
  const management = managementOn(record, effectiveOn);
  const relation = relationOf(organisation, {
    managingArea: management.managingArea,
    jurisdiction: management.jurisdiction,
    leadAgency: management.leadAgency,
    coManagerAgencies: [],
    custodyEstablishment: null,
  });
  if (relation !== 'managing') {
    throw new InapplicableEventError(
      `${organisation.name} does not manage the person (${management.leadAgency} in ${management.managingArea} does): ` +
        'only the managing organisation assigns their management; another area takes a person over through a transfer',
    );
  }
  if (areaKey(event.managingArea) !== areaKey(management.managingArea)) {
    throw new InapplicableEventError(
      `the person is managed in ${management.managingArea}: they move to ${event.managingArea} through a transfer ` +
        '(requested on the transfer coordinator and accepted by the receiving area), not by a management assignment',
    );
  }
}

export const recordManagementAssigned: ProjectionOf<'mappa.management.assigned.v1'> = {
  eventType: 'RecordManagementAssigned',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const fact = stateFact(event.metadata, event.effectiveOn);
    assertMayAssign(record, event, fact.effectiveOn);
    const assignment = {
      ...fact,
      management: {
        leadAgency: event.leadAgency,
        managingArea: event.managingArea,
        jurisdiction: event.jurisdiction,
        recordManager: event.recordManager,
        coManagers: event.coManagers,
        victimContact: event.victimContact,
      },
    };
    // The management in force is derived from every assignment (management-status.ts).
    return { ...record, managementHistory: withFact(record.managementHistory, assignment) };
  },
  summary: (event) =>
    `Managed by ${event.leadAgency} in ${event.managingArea}` +
    (event.effectiveOn ? ` from ${event.effectiveOn}` : '') +
    `; record manager ${event.recordManager.name} (${event.recordManager.agency})` +
    (event.victimContact ? `; victims in the ${spoken(event.victimContact.scheme)}` : ''),
};

export const riskAssessmentRecorded: ProjectionOf<'mappa.risk-assessment.recorded.v1'> = {
  eventType: 'RiskAssessmentRecorded',
  project(current, event) {
    const record = existing(current, event.nominalId);
    // Each tool's findings in its own terms; the headlines are read from these (risk-headlines.ts).
    const assessment = {
      ...provenance(event.metadata),
      assessmentId: event.assessmentId,
      tool: event.tool,
      toolName: event.toolName,
      riskOfSeriousHarm: event.riskOfSeriousHarm,
      seriousHarmByGroup: event.seriousHarmByGroup,
      reconviction: event.reconviction,
      riskNeedLevel: event.riskNeedLevel,
      dynamicPriorities: event.dynamicPriorities,
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
    `${event.toolName ?? event.tool} risk assessment on ${event.assessedOn}: ${assessmentFindings(event)}`,
};

/** What an assessment found, in a line: each tool's own terms, reconviction apart from harm. */
function assessmentFindings(event: EventOf<'mappa.risk-assessment.recorded.v1'>): string {
  const findings: string[] = [];
  if (event.seriousHarmByGroup.length > 0) {
    findings.push(
      'risk of serious harm ' +
        event.seriousHarmByGroup
          .map(
            (rating) =>
              `${spoken(rating.group)} ${spoken(rating.level)} (${spoken(rating.setting)})`,
          )
          .join(', '),
    );
  } else if (event.riskOfSeriousHarm !== null && event.tool !== 'RM2000') {
    findings.push(`${spoken(event.riskOfSeriousHarm)} risk of serious harm`);
  }
  if (event.reconviction.length > 0) {
    findings.push(
      'reconviction ' +
        event.reconviction
          .map((prediction) => `${spoken(prediction.scale)} ${spoken(prediction.band)}`)
          .join(', '),
    );
  } else if (event.riskOfSeriousHarm !== null && event.tool === 'RM2000') {
    // Recorded before the contract had reconviction: the only place RM2000 could put its category.
    findings.push(`category ${spoken(event.riskOfSeriousHarm)}`);
  }
  if (event.riskNeedLevel !== null) findings.push(`${spoken(event.riskNeedLevel)} risk/need level`);
  if (event.dynamicPriorities !== null) {
    findings.push(
      `priority of work on risk factors ${spoken(event.dynamicPriorities.riskFactors)}, ` +
        `on protective factors ${spoken(event.dynamicPriorities.protectiveFactors)}`,
    );
  }
  return findings.length > 0 ? findings.join('; ') : 'no rating recorded';
}

export const riskManagementPlanPublished: ProjectionOf<'mappa.risk-management-plan.published.v1'> =
  {
    eventType: 'RiskManagementPlanPublished',
    project(current, event) {
      const record = existing(current, event.nominalId);
      const plan = {
        ...provenance(event.metadata),
        planId: event.planId,
        planVersion: event.planVersion,
        summary: event.summary,
        actions: event.actions,
        reviewOn: event.reviewOn,
      };
      // Every version is kept, whatever order they arrive in (an earlier version arriving late is
      // history, not an error): the plan in force is the latest version of the latest plan
      // (currentPlan). A version published twice keeps the later publication.
      const sameVersion = record.riskManagementPlans.find(
        (kept) => kept.planId === plan.planId && kept.planVersion === plan.planVersion,
      );
      if (sameVersion && sameVersion.occurredAt > plan.occurredAt) return record;
      const others = record.riskManagementPlans.filter((kept) => kept !== sameVersion);
      return {
        ...record,
        riskManagementPlans: [...others, plan].sort(
          (a, b) =>
            a.occurredAt.getTime() - b.occurredAt.getTime() ||
            a.planId.localeCompare(b.planId) ||
            a.planVersion - b.planVersion,
        ),
      };
    },
    summary: (event) =>
      `Risk management plan ${event.planId} version ${event.planVersion} published with ${event.actions.length} action(s)`,
  };

export const mappaMeetingHeld: ProjectionOf<'mappa.meeting.held.v1'> = {
  eventType: 'MappaMeetingHeld',
  project(current, event): NominalContent {
    const record = existing(current, event.nominalId);
    // Level 1 is ordinary management by the lead agency: MAPPA meetings are held at levels 2 and 3.
    if (event.level === 'LEVEL_1') {
      throw new InapplicableEventError(
        `meeting ${event.meetingId} is recorded as level 1, but MAPPA meetings are held for level 2 and 3 cases only`,
      );
    }
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
