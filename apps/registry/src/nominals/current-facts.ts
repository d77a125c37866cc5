import type { RiskAssessmentSummary } from '@hub/contracts';
import type { NominalContent, RiskManagementPlanItem } from './nominal.documents';
import { seriousHarmHeadline } from './risk-headlines';

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

/**
 * The most recent assessment that rates risk of serious harm, with the level the record headlines
 * from it (a reconviction predictor such as RM2000 is never this: see risk-headlines.ts).
 */
export function latestRiskAssessment(
  record: Pick<NominalContent, 'riskAssessments' | 'custody'>,
): RiskAssessmentSummary | null {
  const headline = seriousHarmHeadline(record);
  if (!headline) return null;
  const { assessment } = headline;
  return {
    assessmentId: assessment.assessmentId,
    tool: assessment.tool,
    riskOfSeriousHarm: headline.level,
    assessedOn: assessment.assessedOn,
    nextReviewOn: assessment.nextReviewOn,
  };
}
