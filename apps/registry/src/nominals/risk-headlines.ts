import type {
  AssessmentSetting,
  HarmGroup,
  ReconvictionPrediction,
  ReconvictionRiskSummary,
  RiskAssessmentTool,
  RiskLevel,
  RiskOfSeriousHarmHeadline,
  ToolAssessmentSummary,
} from '@hub/contracts';
import type { NominalContent, RiskAssessmentItem } from './nominal.documents';

/*
 * Each risk tool answers its own question (README, "Risk assessments"): OASys rates the risk of
 * serious harm per group and setting; RM2000, OGRS3, OVP and OSP predict reconviction; LS/CMI
 * gives a general risk/need level; ARMS sets priorities of work. The record keeps the latest
 * assessment of each tool and headlines risk of serious harm and reconviction apart.
 */

/**
 * Tools that never rate risk of serious harm. Before the contract modelled each tool, every
 * assessment had to fill `riskOfSeriousHarm`, so an RM2000 assessment recorded then carries its
 * reconviction category there: it must not be read as risk of serious harm.
 */
const toolsThatNeverRateSeriousHarm: ReadonlySet<RiskAssessmentTool> = new Set<RiskAssessmentTool>([
  'RM2000',
  'SARN',
  'SA07',
]);

const levelRank: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, VERY_HIGH: 3 };

/** Latest completed first; when the day is the same, the one recorded last. */
const latestFirst = (a: RiskAssessmentItem, b: RiskAssessmentItem): number =>
  b.assessedOn.localeCompare(a.assessedOn) ||
  b.occurredAt.getTime() - a.occurredAt.getTime() ||
  b.assessmentId.localeCompare(a.assessmentId);

/** OTHER tools are told apart by name: two different unnamed-in-the-enum tools are two tools. */
const toolKey = (item: RiskAssessmentItem): string =>
  item.tool === 'OTHER' ? `OTHER:${(item.toolName ?? '').trim().toLowerCase()}` : item.tool;

/** The latest assessment made with each tool, latest first. */
export function latestAssessmentPerTool(
  record: Pick<NominalContent, 'riskAssessments'>,
): RiskAssessmentItem[] {
  const latest = new Map<string, RiskAssessmentItem>();
  for (const item of [...record.riskAssessments].sort(latestFirst)) {
    if (!latest.has(toolKey(item))) latest.set(toolKey(item), item);
  }
  return [...latest.values()];
}

/** OASys rates custody separately: its custody ratings apply while the person is in prison. */
export function settingOf(record: Pick<NominalContent, 'custody'>): AssessmentSetting {
  return record.custody?.state === 'IN_CUSTODY' ? 'CUSTODY' : 'COMMUNITY';
}

export interface SeriousHarmFinding {
  level: RiskLevel;
  /** The setting the level is for; null when the assessment gave one overall level. */
  setting: AssessmentSetting | null;
  /** The groups rated at `level`; empty when the assessment gave one overall level. */
  groups: HarmGroup[];
}

/**
 * The risk of serious harm an assessment finds for a person in `setting`: the highest level of
 * its group ratings in that setting (of every setting, if it rated none in that one), else its
 * overall level; null for a tool that does not rate it.
 */
export function seriousHarmOf(
  item: RiskAssessmentItem,
  setting: AssessmentSetting,
): SeriousHarmFinding | null {
  if (toolsThatNeverRateSeriousHarm.has(item.tool)) return null;
  const ratings = item.seriousHarmByGroup ?? [];
  const inSetting = ratings.filter((rating) => rating.setting === setting);
  const applicable = inSetting.length > 0 ? inSetting : ratings;
  if (applicable.length > 0) {
    const top = applicable.reduce((highest, rating) =>
      levelRank[rating.level] > levelRank[highest.level] ? rating : highest,
    );
    const groups = applicable
      .filter((rating) => rating.setting === top.setting && rating.level === top.level)
      .map((rating) => rating.group);
    return { level: top.level, setting: top.setting, groups: [...new Set(groups)] };
  }
  return item.riskOfSeriousHarm === null
    ? null
    : { level: item.riskOfSeriousHarm, setting: null, groups: [] };
}

export interface SeriousHarmHeadline extends SeriousHarmFinding {
  assessment: RiskAssessmentItem;
}

/** The headline risk of serious harm: from the latest assessment that rates it. */
export function seriousHarmHeadline(
  record: Pick<NominalContent, 'riskAssessments' | 'custody'>,
): SeriousHarmHeadline | null {
  const setting = settingOf(record);
  for (const item of [...record.riskAssessments].sort(latestFirst)) {
    const finding = seriousHarmOf(item, setting);
    if (finding) return { ...finding, assessment: item };
  }
  return null;
}

export interface ReconvictionHeadline {
  assessment: RiskAssessmentItem;
  predictions: ReconvictionPrediction[];
}

/** The headline reconviction risk: the predictions of the latest assessment that makes any. */
export function reconvictionHeadline(
  record: Pick<NominalContent, 'riskAssessments'>,
): ReconvictionHeadline | null {
  const item = [...record.riskAssessments]
    .sort(latestFirst)
    .find((assessment) => (assessment.reconviction ?? []).length > 0);
  return item ? { assessment: item, predictions: item.reconviction ?? [] } : null;
}

/** The headline risk of serious harm as the API and the changed-record topic show it. */
export function riskOfSeriousHarmSummary(
  record: Pick<NominalContent, 'riskAssessments' | 'custody'>,
): RiskOfSeriousHarmHeadline | null {
  const headline = seriousHarmHeadline(record);
  return (
    headline && {
      level: headline.level,
      setting: headline.setting,
      groups: headline.groups,
      assessmentId: headline.assessment.assessmentId,
      tool: headline.assessment.tool,
      assessedOn: headline.assessment.assessedOn,
    }
  );
}

/** The headline reconviction risk as the API and the changed-record topic show it. */
export function reconvictionRiskSummary(
  record: Pick<NominalContent, 'riskAssessments'>,
): ReconvictionRiskSummary | null {
  const headline = reconvictionHeadline(record);
  return (
    headline && {
      assessmentId: headline.assessment.assessmentId,
      tool: headline.assessment.tool,
      assessedOn: headline.assessment.assessedOn,
      predictions: headline.predictions,
    }
  );
}

/** The latest assessment of each tool, summarised, as the changed-record topic carries them. */
export function toolAssessmentSummaries(
  record: Pick<NominalContent, 'riskAssessments' | 'custody'>,
): ToolAssessmentSummary[] {
  const setting = settingOf(record);
  return latestAssessmentPerTool(record).map((item) => ({
    assessmentId: item.assessmentId,
    tool: item.tool,
    toolName: item.toolName,
    assessedOn: item.assessedOn,
    nextReviewOn: item.nextReviewOn,
    riskOfSeriousHarm: seriousHarmOf(item, setting)?.level ?? null,
    riskNeedLevel: item.riskNeedLevel ?? null,
  }));
}
