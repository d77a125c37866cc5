import type { CustodyPeriod, CustodyStatus } from '@hub/contracts';
import type { CustodyEventItem } from '../nominals/nominal.documents';
import { addDays } from './calendar';
import { custodyAfter } from './custody-status';
import { inEffectOrder } from './state-facts';

/** Temporary release and being unlawfully at large interrupt a stay without ending it. */
const held = (status: CustodyStatus | null): boolean =>
  status !== null && status.state !== 'RELEASED';

/**
 * The stays in custody, by the same steps as the custody in force (custody-status.ts): a stay
 * starts with the fact that puts a person not held in custody (an admission, a recall, a return),
 * with the custody type it gives; it ends with the release, its last day the day before release
 * (the day itself for a person released the day they were admitted).
 */
export function custodyPeriodsOf(facts: readonly CustodyEventItem[]): CustodyPeriod[] {
  const stays: CustodyPeriod[] = [];
  let status: CustodyStatus | null = null;
  for (const fact of inEffectOrder(facts)) {
    const after = custodyAfter(status, fact);
    const stay = stays.at(-1);
    if (!held(status) && held(after)) {
      stays.push({ from: fact.effectiveOn, to: null, custodyType: after.custodyType });
    } else if (held(status) && !held(after) && stay) {
      const dayBefore = addDays(fact.effectiveOn, -1);
      stay.to = dayBefore < stay.from ? stay.from : dayBefore;
    }
    status = after;
  }
  return stays;
}
