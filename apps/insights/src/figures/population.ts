import { z } from 'zod';
import type { Jurisdiction } from '@hub/contracts';
import { areaKey, organisationDirectory } from '@hub/security';
import estimatesFile from '../../data/population-estimates.json';

const jurisdictions = [
  'ENGLAND_AND_WALES',
  'SCOTLAND',
  'NORTHERN_IRELAND',
] as const satisfies readonly Jurisdiction[];

const estimatesSchema = z
  .object({
    $comment: z.string().optional(),
    version: z.number().int().positive(),
    /** Who produced the estimates, in the words a source line uses. */
    source: z.string().min(1),
    publisher: z.string().min(1),
    /** The day the estimates are for, as the publishers name it, e.g. "mid-2023". */
    referenceDate: z.string().min(1),
    publishedYear: z.number().int().min(2000),
    /** False until every figure has been checked against the publishers' tables. */
    checkedAgainstPublishedTables: z.boolean(),
    notes: z.array(z.string().min(1)),
    areas: z.array(
      z
        .object({
          name: z.string().min(1),
          jurisdiction: z.enum(jurisdictions),
          population: z.number().int().positive(),
          /** The publishers' geographies the area's figure adds up. */
          comprises: z.array(z.string().min(1)).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type PopulationEstimatesData = z.infer<typeof estimatesSchema>;

/** A MAPPA area as the organisation directory lists it. */
export interface DirectoryArea {
  name: string;
  jurisdiction: Jurisdiction;
}

/** A population estimates file that cannot be used; the message names every problem. */
export class PopulationEstimatesError extends Error {
  constructor(readonly problems: string[]) {
    super(`the population estimates are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PopulationEstimatesError';
  }
}

/** A rate per 100,000 over an area the file does not cover would be silently wrong, so every area must be there. */
function coverageProblems(
  data: PopulationEstimatesData,
  areas: readonly DirectoryArea[],
): string[] {
  const problems: string[] = [];
  const known = new Map(areas.map((area) => [areaKey(area.name), area]));
  const estimated = new Map<string, number>();
  for (const estimate of data.areas) {
    const key = areaKey(estimate.name);
    estimated.set(key, (estimated.get(key) ?? 0) + 1);
    const area = known.get(key);
    if (!area) {
      problems.push(`"${estimate.name}" is not a MAPPA area of the directory`);
    } else if (area.jurisdiction !== estimate.jurisdiction) {
      problems.push(
        `"${estimate.name}" is in ${area.jurisdiction} in the directory, not ${estimate.jurisdiction}`,
      );
    }
  }
  for (const [key, count] of estimated) {
    if (count > 1) problems.push(`"${known.get(key)?.name ?? key}" has ${count} estimates`);
  }
  for (const area of areas) {
    if (!estimated.has(areaKey(area.name))) problems.push(`"${area.name}" has no estimate`);
  }
  return problems;
}

/** The population of each MAPPA area, for rates per 100,000. */
export class PopulationEstimates {
  private readonly byArea: ReadonlyMap<string, number>;

  constructor(readonly data: PopulationEstimatesData) {
    this.byArea = new Map(data.areas.map((area) => [areaKey(area.name), area.population]));
  }

  /** Validates `data` (shape, and exactly one estimate for each of `areas` and for no other). */
  static from(data: unknown, areas: readonly DirectoryArea[]): PopulationEstimates {
    const parsed = estimatesSchema.safeParse(data);
    if (!parsed.success) {
      throw new PopulationEstimatesError(
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      );
    }
    const problems = coverageProblems(parsed.data, areas);
    if (problems.length > 0) throw new PopulationEstimatesError(problems);
    return new PopulationEstimates(parsed.data);
  }

  /** The estimate for `area` (compared as `areaKey`); an unknown area is an error, not a zero. */
  populationOf(area: string): number {
    const population = this.byArea.get(areaKey(area));
    if (population === undefined) {
      throw new PopulationEstimatesError([`"${area}" has no population estimate`]);
    }
    return population;
  }

  /** What a table's notes cite, e.g. "ONS, NRS and NISRA mid-2023 population estimates (published 2024), version 1". */
  get sourceLine(): string {
    return `${this.data.source} (published ${this.data.publishedYear}), version ${this.data.version}`;
  }
}

let loaded: PopulationEstimates | undefined;

/** The estimates the service runs with: `apps/insights/data/population-estimates.json`, checked once against the directory. */
export function populationEstimates(): PopulationEstimates {
  loaded ??= PopulationEstimates.from(estimatesFile, organisationDirectory().data.mappaAreas);
  return loaded;
}
