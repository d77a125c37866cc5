import type { RestrictedPatientStatus } from '@hub/contracts';
import type { NominalContent, RestrictedPatientEventItem } from '../nominals/nominal.documents';
import type { Derivation } from './derived-facts';
import { inEffectOn, inEffectOrder, nextEffectiveDay, sameDayContradiction } from './state-facts';

/**
 * A restricted patient's legal state (detained, conditionally discharged, recalled...), with
 * absence without leave and leave of absence as conditions on top of it that end on return. A
 * patient who is discharged or remitted to prison is in no hospital.
 */
function next(
  previous: RestrictedPatientStatus | null,
  fact: RestrictedPatientEventItem,
): RestrictedPatientStatus {
  const base: RestrictedPatientStatus = previous ?? {
    state: 'DETAINED',
    hospital: fact.hospital,
    since: fact.effectiveOn,
    absentWithoutLeaveSince: null,
    onLeaveSince: null,
  };
  switch (fact.kind) {
    case 'DETAINED':
    case 'TRANSFERRED':
    case 'RECALLED':
      return {
        state: fact.kind,
        hospital: fact.hospital ?? (fact.kind === 'TRANSFERRED' ? null : base.hospital),
        since: fact.effectiveOn,
        absentWithoutLeaveSince: null,
        onLeaveSince: null,
      };
    case 'CONDITIONALLY_DISCHARGED':
    case 'ABSOLUTELY_DISCHARGED':
    case 'REMITTED_TO_PRISON':
      return {
        state: fact.kind,
        hospital: null,
        since: fact.effectiveOn,
        absentWithoutLeaveSince: null,
        onLeaveSince: null,
      };
    case 'ABSENT_WITHOUT_LEAVE':
      return { ...base, absentWithoutLeaveSince: fact.effectiveOn };
    case 'RETURNED_FROM_ABSENCE':
      return { ...base, absentWithoutLeaveSince: null };
    case 'LEAVE_OF_ABSENCE_STARTED':
      return { ...base, onLeaveSince: fact.effectiveOn };
    case 'LEAVE_OF_ABSENCE_ENDED':
      return { ...base, onLeaveSince: null };
  }
}

export function restrictedPatientOf(
  facts: readonly RestrictedPatientEventItem[],
): RestrictedPatientStatus | null {
  return inEffectOrder(facts).reduce<RestrictedPatientStatus | null>(next, null);
}

const said = (fact: RestrictedPatientEventItem): string =>
  `${fact.kind.replaceAll('_', ' ').toLowerCase()}${fact.hospital ? ` (${fact.hospital})` : ''}`;

export const restrictedPatientDerivation: Derivation = {
  derive: (content: NominalContent, today) => ({
    ...content,
    restrictedPatient: restrictedPatientOf(inEffectOn(content.restrictedPatientEvents, today)),
  }),
  changesOn: (content, today) => nextEffectiveDay(content.restrictedPatientEvents, today),
  conflicts: (content, today) => {
    const ordered = inEffectOn(content.restrictedPatientEvents, today);
    const conflict = sameDayContradiction('restrictedPatient', ordered, said);
    return conflict ? [conflict] : [];
  },
};
