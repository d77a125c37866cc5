import type { AddressItem, NominalContent, RiskManagementPlanItem } from './nominal.documents';

const today = (): string => new Date().toISOString().slice(0, 10);

/** Where the person lives now: an address with no end date, or one ending in the future; latest first. */
export function currentAddress(record: Pick<NominalContent, 'addresses'>): AddressItem | null {
  const now = today();
  const current = record.addresses.filter(
    (address) => address.from <= now && (address.to === null || address.to >= now),
  );
  return current.sort((a, b) => b.from.localeCompare(a.from))[0] ?? null;
}

/** The plan in force: the latest version of the most recently published plan. */
export function currentPlan(
  record: Pick<NominalContent, 'riskManagementPlans'>,
): RiskManagementPlanItem | null {
  const plans = [...record.riskManagementPlans].sort(
    (a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.planVersion - a.planVersion,
  );
  const latest = plans[0];
  if (!latest) return null;
  return plans
    .filter((plan) => plan.planId === latest.planId)
    .reduce((best, plan) => (plan.planVersion > best.planVersion ? plan : best));
}

/** The most recent risk assessment. */
export function latestRiskAssessment(record: Pick<NominalContent, 'riskAssessments'>) {
  return (
    [...record.riskAssessments].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))[0] ?? null
  );
}
