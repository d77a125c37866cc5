import type { Filter } from 'mongodb';
import type { PersonSummary } from '../read-model/person-summary';
import { dayBefore } from '../read-model/fact-rows';

/** What the checks are judged against: today, and how long a new record may go unassessed. */
export interface CheckSettings {
  today: string;
  /** Days after registration by which a person under the arrangements must have a risk assessment. */
  riskAssessmentDueDays: number;
}

/**
 * A test a record passes or fails, judged on its latest version: a recording standard (the record
 * is kept as the national standards expect) or a review that is overdue. A check is a filter on the
 * read model, so that its count and the list of records behind it are the same query.
 */
export interface RecordCheck {
  id: string;
  kind: 'recording-standard' | 'overdue-review';
  title: string;
  /** What fails the check, for the reader of the figure. */
  description: string;
  filter(settings: CheckSettings): Filter<PersonSummary>;
}

function daysBefore(date: string, days: number): string {
  let day = date;
  for (let i = 0; i < days; i++) day = dayBefore(day);
  return day;
}

const managedToday: Filter<PersonSummary> = { status: 'ACTIVE', underArrangements: true };

export const recordChecks: readonly RecordCheck[] = [
  {
    id: 'no-record-manager',
    kind: 'recording-standard',
    title: 'No record manager',
    description:
      'Active records of people under the arrangements with no named record manager: nobody is accountable for keeping the record.',
    filter: () => ({ ...managedToday, hasRecordManager: false }),
  },
  {
    id: 'no-risk-assessment',
    kind: 'recording-standard',
    title: 'No risk assessment in time',
    description:
      'Active records of people under the arrangements registered longer ago than the time a first risk assessment is expected in, with no risk assessment recorded.',
    filter: ({ today, riskAssessmentDueDays }) => ({
      ...managedToday,
      latestRiskAssessmentOn: null,
      registeredOn: { $ne: null, $lt: daysBefore(today, riskAssessmentDueDays) },
    }),
  },
  {
    id: 'notification-overdue',
    kind: 'recording-standard',
    title: 'Notification overdue',
    description:
      'Registered sex offenders with a notification due and not made (an annual notification, or a change the address held is older than the notification allows): a possible breach for the police to check.',
    filter: () => ({ status: 'ACTIVE', rso: true, overdueNotifications: { $gt: 0 } }),
  },
  {
    id: 'no-current-address',
    kind: 'recording-standard',
    title: 'No current address',
    description: 'Active records of people under the arrangements with no address current today.',
    filter: () => ({ ...managedToday, hasCurrentAddress: false }),
  },
  {
    id: 'unresolved-conflicts',
    kind: 'recording-standard',
    title: 'Contradictory facts unresolved',
    description:
      'Active records holding facts that contradict each other (e.g. two agencies reporting different custody the same day), waiting for a person to record the right fact.',
    filter: () => ({ status: 'ACTIVE', unresolvedConflicts: { $gt: 0 } }),
  },
  {
    id: 'risk-assessment-review-overdue',
    kind: 'overdue-review',
    title: 'Risk assessment review overdue',
    description: 'Active records whose latest risk assessment passed its next review date.',
    filter: ({ today }) => ({
      status: 'ACTIVE',
      riskAssessmentReviewOn: { $ne: null, $lt: today },
    }),
  },
  {
    id: 'level-review-overdue',
    kind: 'overdue-review',
    title: 'Category and level review overdue',
    description:
      'People under the arrangements whose MAPPA category and level (or PPANI risk category) passed its review date.',
    filter: ({ today }) => ({ ...managedToday, levelReviewOn: { $ne: null, $lt: today } }),
  },
  {
    id: 'retention-review-due',
    kind: 'overdue-review',
    title: 'Retention review due',
    description:
      "Records still held of people past their 100th birthday: each is due a data-governance retention decision (the registry's review queue holds the decision; a record kept after review stays counted here until the hub carries the decision).",
    filter: ({ today }) => ({
      status: { $in: ['ACTIVE', 'ARCHIVED'] },
      retentionReviewOn: { $lte: today },
    }),
  },
];

export function recordCheck(id: string): RecordCheck | undefined {
  return recordChecks.find((check) => check.id === id);
}
