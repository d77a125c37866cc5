import type { ManagementPeriod } from '@hub/contracts';
import { areaKey } from '@hub/security';
import type { ManagementItem } from '../nominals/nominal.documents';
import { PeriodBuilder } from './periods';
import { inEffectOrder } from './state-facts';

type AreaManagement = Omit<ManagementPeriod, 'from' | 'to'>;

const areaManagementOf = ({ management }: ManagementItem): AreaManagement => ({
  managingArea: management.managingArea,
  jurisdiction: management.jurisdiction,
  leadAgency: management.leadAgency,
});

/**
 * Another record manager or co-managers in the same area is the same management for counting;
 * another area, or another lead agency (which the period names), is not.
 */
const sameAreaManagement = (a: AreaManagement, b: AreaManagement): boolean =>
  areaKey(a.managingArea) === areaKey(b.managingArea) &&
  a.jurisdiction === b.jurisdiction &&
  a.leadAgency === b.leadAgency;

/**
 * Which area managed the person when, by the rules of the management in force
 * (management-status.ts): the management the record was registered with stands from the record's
 * beginning until the first assignment, whatever their dates (of two merged records never assigned,
 * the later registration's, as the derivation decides); then each assignment, a completed transfer
 * among them, from the day it takes effect.
 */
export function managementPeriodsOf(history: readonly ManagementItem[]): ManagementPeriod[] {
  const ordered = inEffectOrder(history);
  const periods = new PeriodBuilder<AreaManagement, string | null>(sameAreaManagement);
  const registered = ordered.filter((item) => item.initial).at(-1);
  if (registered) periods.change(null, areaManagementOf(registered));
  for (const item of ordered) {
    if (!item.initial) periods.change(item.effectiveOn, areaManagementOf(item));
  }
  return periods.build().map(({ from, to, value }) => ({ from, to, ...value }));
}
