import type { Management } from '@hub/contracts';
import type { ManagementItem, NominalContent } from '../nominals/nominal.documents';
import type { Derivation } from './derived-facts';
import { inEffectOn, nextEffectiveDay, sameDayContradiction } from './state-facts';

const said = (item: ManagementItem): string =>
  `${item.management.leadAgency} in ${item.management.managingArea}`;

const sameManagement = (a: Management, b: Management): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The facts management is decided from: the assignments in effect, or while there are none, the
 * management the record was registered with (both, after a merge of two never assigned).
 */
function deciding(content: NominalContent, today: string): ManagementItem[] {
  const inEffect = inEffectOn(content.managementHistory, today);
  const assignments = inEffect.filter((item) => !item.initial);
  return assignments.length > 0 ? assignments : inEffect;
}

/**
 * The management in force on `day` as the facts say it (for a projection that needs the
 * management before its own fact: the derived `management` may not include this batch's facts).
 */
export function managementOn(content: NominalContent, day: string): Management {
  return deciding(content, day).at(-1)?.management ?? content.management;
}

/**
 * Who manages the person: the assignment with the latest effective day, so that a late or retried
 * assignment does not move the person back; until the first, the registration's. A record with no
 * management recorded as a fact keeps the management it holds.
 */
export const managementDerivation: Derivation = {
  derive(content: NominalContent, today) {
    const current = deciding(content, today).at(-1)?.management;
    // The same object when nothing changed: the search document is rewritten only on a change.
    if (!current || sameManagement(current, content.management)) return content;
    return { ...content, management: current };
  },
  changesOn: (content, today) => nextEffectiveDay(content.managementHistory, today),
  conflicts(content, today) {
    const facts = deciding(content, today);
    // Two records registered under different management and merged, with no assignment since:
    // neither registration's date says which is right.
    const registrations = facts.filter((item) => item.initial);
    if (registrations.length > 1 && new Set(registrations.map(said)).size > 1) {
      return [
        {
          field: 'management',
          description: `merged records were registered under different management (${[...new Set(registrations.map(said))].join('; ')}) and none has been assigned since: assign the management`,
          eventIds: registrations.map((item) => item.eventId),
        },
      ];
    }
    const conflict = sameDayContradiction('management', facts, said);
    return conflict ? [conflict] : [];
  },
};
