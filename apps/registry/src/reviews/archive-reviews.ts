import type { NominalDocument } from '../nominals/nominal.documents';
import { addDays } from '../projections/calendar';
import type { NewReview } from './record-reviews';

/**
 * The archive review an active record needs once the facts recorded no longer keep the person
 * eligible: due the day after the last day of eligibility, for the managing organisation.
 */
export function archiveReviewOf(record: NominalDocument): NewReview | null {
  const eligibility = record.eligibility;
  if (record.status !== 'ACTIVE' || !eligibility?.ended || eligibility.endsOn === null) return null;
  return {
    kind: 'ARCHIVE',
    nominalId: record._id,
    dueOn: addDays(eligibility.endsOn, 1),
    why:
      `MAPPA eligibility ended on ${eligibility.endsOn}: ` +
      eligibility.grounds.map((ground) => ground.basis).join('; '),
    managingArea: record.management.managingArea,
    leadAgency: record.management.leadAgency,
    jurisdiction: record.management.jurisdiction,
  };
}

/**
 * Whether a write makes an archive review due that the record did not need before: its
 * eligibility ended now (or ended on another day), or an archived record was re-activated with
 * its eligibility ended. Raising is idempotent, so a redelivered batch raises again harmlessly.
 */
export function archiveReviewDue(
  before: NominalDocument | undefined,
  after: NominalDocument,
): NewReview | null {
  const review = archiveReviewOf(after);
  if (!review || !before) return review;
  return before.eligibility?.ended &&
    before.eligibility.endsOn === after.eligibility?.endsOn &&
    before.status === 'ACTIVE'
    ? null
    : review;
}

/** Whether a write took back the end of eligibility an archive review may have been raised for. */
export function archiveReviewMoot(
  before: NominalDocument | undefined,
  after: NominalDocument,
): boolean {
  return before?.eligibility?.ended === true && after.eligibility?.ended !== true;
}
