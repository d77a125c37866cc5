import type { Agency, Jurisdiction, NominalChanged, TransferState } from '@hub/contracts';
import { dayAfter } from './fact-rows';

/**
 * What the insights service keeps of a person's latest record besides their periods: who manages
 * them (need-to-know for the records behind a figure), and the dates and gaps the recording
 * standards and overdue reviews are judged on. No name, no address, no date of birth.
 */
export interface PersonSummary {
  _id: string;
  version: number;
  status: NominalChanged['status'];
  /** Under MAPPA or PPANI today (the category and level are the current ones). */
  underArrangements: boolean;
  category: string | null;
  level: string | null;
  managingArea: string;
  jurisdiction: Jurisdiction;
  leadAgency: Agency;
  coManagerAgencies: Agency[];
  custodyEstablishment: string | null;
  openTransfer: { state: TransferState; receivingArea: string } | null;
  registeredOn: string | null;
  hasRecordManager: boolean;
  latestRiskAssessmentOn: string | null;
  riskAssessmentReviewOn: string | null;
  levelReviewOn: string | null;
  rso: boolean;
  overdueNotifications: number;
  hasCurrentAddress: boolean;
  unresolvedConflicts: number;
  /** The 100th birthday, when a retention review falls due (only the date is kept). */
  retentionReviewOn: string;
  /** When the record's latest version was published (what "today" the summary is true of). */
  changedAt: Date;
}

function hundredthBirthday(dateOfBirth: string): string {
  const [year, month, day] = dateOfBirth.split('-').map(Number);
  // Born on 29 February: the review falls on 1 March in a common year.
  const birthday = new Date(Date.UTC(year + 100, month - 1, day));
  return birthday.getUTCMonth() === month - 1
    ? birthday.toISOString().slice(0, 10)
    : dayAfter(`${year + 100}-02-28`);
}

export function personSummaryOf(record: NominalChanged): PersonSummary {
  const mappaCurrent = record.mappa && record.mappa.leftOn === null ? record.mappa : null;
  const ppaniCurrent = record.ppani && record.ppani.leftOn === null ? record.ppani : null;
  return {
    _id: record.nominalId,
    version: record.version,
    status: record.status,
    underArrangements: mappaCurrent !== null || ppaniCurrent !== null,
    category: mappaCurrent?.category ?? ppaniCurrent?.riskCategory ?? null,
    level: mappaCurrent?.level ?? null,
    managingArea: record.management.managingArea,
    jurisdiction: record.management.jurisdiction,
    leadAgency: record.management.leadAgency,
    coManagerAgencies: [...new Set(record.management.coManagers.map((p) => p.agency))],
    custodyEstablishment:
      record.custody?.state === 'IN_CUSTODY' ? (record.custody.establishment ?? null) : null,
    openTransfer: record.openTransfer
      ? { state: record.openTransfer.state, receivingArea: record.openTransfer.receivingArea }
      : null,
    registeredOn: record.timeline.registeredOn,
    hasRecordManager: record.management.recordManager !== null,
    latestRiskAssessmentOn: record.latestRiskAssessment?.assessedOn ?? null,
    riskAssessmentReviewOn: record.latestRiskAssessment?.nextReviewOn ?? null,
    levelReviewOn: mappaCurrent?.reviewOn ?? ppaniCurrent?.reviewOn ?? null,
    rso: record.notificationRequirement?.subject ?? false,
    overdueNotifications: record.overdueNotifications.length,
    hasCurrentAddress: record.currentAddress !== null,
    unresolvedConflicts: record.conflicts.length,
    retentionReviewOn: hundredthBirthday(record.dateOfBirth),
    changedAt: record.changedAt,
  };
}
