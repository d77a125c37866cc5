import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Jurisdiction } from '@hub/contracts';
import { addWorkingDays } from './working-days';

/** The steps that have a due time. */
export const dueSteps = [
  'ACKNOWLEDGEMENT',
  'CONSULTATION',
  'DISPUTE_RESOLUTION',
  'MOVE',
  'COMPLETION',
  'RETURN',
  'VICTIM_LIAISON_ACKNOWLEDGEMENT',
] as const;
export type DueStep = (typeof dueSteps)[number];

const jurisdictions = [
  'ENGLAND_AND_WALES',
  'SCOTLAND',
  'NORTHERN_IRELAND',
] as const satisfies readonly Jurisdiction[];

const limit = z
  .strictObject({
    due: z.number().int().min(0).max(365),
    strategic: z.number().int().min(1).max(365),
  })
  .refine((value) => value.strategic > value.due, {
    message: 'the strategic escalation must come after the step is due',
  });
export type StepLimit = z.infer<typeof limit>;

const stepLimits = z.partialRecord(z.enum(dueSteps), limit);
const pairName = z.templateLiteral([z.enum(jurisdictions), '->', z.enum(jurisdictions)]);

const deadlinesFile = z.strictObject({
  $comment: z.string().optional(),
  version: z.string().min(1),
  defaults: z.record(z.enum(dueSteps), limit),
  crossBorder: stepLimits,
  pairs: z.partialRecord(pairName, stepLimits),
});

export class DeadlinesConfigError extends Error {
  constructor(file: string, problems: string[]) {
    super(
      `the transfer deadlines in ${file} are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'DeadlinesConfigError';
  }
}

export interface PairDeadlines {
  from: Jurisdiction;
  to: Jurisdiction;
  steps: Record<DueStep, StepLimit>;
}

/** When a step is due and when it goes to the strategic level. */
export interface DueTimes {
  dueAt: Date;
  strategicAt: Date;
}

/**
 * The deadlines the hub runs with: defaults, longer ones across borders, and overrides for single
 * pairs of jurisdictions, resolved for all nine pairs once, at start.
 */
export class TransferDeadlines {
  private readonly byPair: ReadonlyMap<string, PairDeadlines>;

  private constructor(
    readonly version: string,
    pairs: PairDeadlines[],
  ) {
    this.byPair = new Map(pairs.map((pair) => [`${pair.from}->${pair.to}`, pair]));
  }

  static from(data: unknown, file = 'the deadlines'): TransferDeadlines {
    const parsed = deadlinesFile.safeParse(data);
    if (!parsed.success) {
      throw new DeadlinesConfigError(
        file,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      );
    }
    const { version, defaults, crossBorder, pairs } = parsed.data;
    const resolved = jurisdictions.flatMap((from) =>
      jurisdictions.map((to) => ({
        from,
        to,
        steps: {
          ...defaults,
          ...(from === to ? {} : crossBorder),
          ...pairs[`${from}->${to}`],
        },
      })),
    );
    return new TransferDeadlines(version, resolved);
  }

  static load(file: string): TransferDeadlines {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DeadlinesConfigError(file, [
        error instanceof Error ? error.message : String(error),
      ]);
    }
    return TransferDeadlines.from(data, file);
  }

  get pairs(): PairDeadlines[] {
    return [...this.byPair.values()];
  }

  limitOf(from: Jurisdiction, to: Jurisdiction, step: DueStep): StepLimit {
    return this.byPair.get(`${from}->${to}`)!.steps[step];
  }

  /** The due times of `step` of a transfer from `from` to `to`, counted from `start`. */
  dueTimes(from: Jurisdiction, to: Jurisdiction, step: DueStep, start: Date): DueTimes {
    const { due, strategic } = this.limitOf(from, to, step);
    return { dueAt: addWorkingDays(start, due), strategicAt: addWorkingDays(start, strategic) };
  }
}

const shippedFile = join('apps', 'transfer-coordinator', 'config', 'transfer-deadlines.json');

/**
 * The deadlines file the service runs with unless `TRANSFER_DEADLINES_FILE` names another: the one in
 * the repository (found above this module, whether it runs from the sources or from `dist/`).
 */
export function defaultDeadlinesFile(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, shippedFile);
    if (existsSync(candidate)) return candidate;
  }
  throw new DeadlinesConfigError(shippedFile, [
    `not found above ${__dirname}; set TRANSFER_DEADLINES_FILE`,
  ]);
}
