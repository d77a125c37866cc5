import type { RecordConflict } from '@hub/contracts';
import type { NominalContent } from '../nominals/nominal.documents';
import { arrangementsDerivation } from './arrangements-status';
import { earlierDate } from './calendar';
import { custodyDerivation } from './custody-status';
import { managementDerivation } from './management-status';
import { currentAddressDerivation } from './current-address';
import { notificationRequirementsDerivation } from './notification-requirements.derivation';
import { restrictedPatientDerivation } from './restricted-patient-status';
import { supervisionDerivation } from './supervision-status';
import { transferDerivation } from './transfer-status';
import { eligibilityDerivation } from './mappa-eligibility';

/**
 * A fact of the record that is derived from the items events recorded (and from the date), never
 * set by one event on its own: that is what makes the record independent of the order events
 * arrive in, and lets a merge or an unmerge recompute the record from the items it moves.
 */
export interface Derivation {
  /** The record with the fact derived as of `today` (a UK calendar date, YYYY-MM-DD). */
  derive(content: NominalContent, today: string): NominalContent;
  /**
   * The first day after `today` on which the fact changes with no event (an address ending, a
   * notification falling due), if any: the registry re-derives the record on that day.
   */
  changesOn?(content: NominalContent, today: string): string | null;
  /** Facts behind the derived one that contradict each other, for a person to resolve. */
  conflicts?(content: NominalContent, today: string): RecordConflict[];
}

/** Every derived fact, in the order they are derived (a later one may read an earlier one). */
const derivations: readonly Derivation[] = [
  managementDerivation,
  arrangementsDerivation,
  custodyDerivation,
  supervisionDerivation,
  restrictedPatientDerivation,
  notificationRequirementsDerivation,
  currentAddressDerivation,
  transferDerivation,
  // Reads the notification status derived above.
  eligibilityDerivation,
];

/** The record with every derived fact brought up to date as of `today`. */
export function withDerivedFacts(content: NominalContent, today: string): NominalContent {
  let derived = content;
  for (const derivation of derivations) derived = derivation.derive(derived, today);
  let rederiveOn: string | null = null;
  const conflicts = [...derived.mergeConflicts];
  for (const derivation of derivations) {
    rederiveOn = earlierDate(rederiveOn, derivation.changesOn?.(derived, today) ?? null);
    conflicts.push(...(derivation.conflicts?.(derived, today) ?? []));
  }
  // A merged record is kept as it was: nothing of it is current any more.
  return { ...derived, conflicts, rederiveOn: derived.status === 'MERGED' ? null : rederiveOn };
}
