import { z } from 'zod';
import { AgencySymbols, TransferStateSymbols } from '@hub/contracts';
import { transferCommands, type TransferCommand } from '../workflow/transfer-state-machine';
import type { CommandInput } from '../workflow/transfer-workflow';

/**
 * What the transfer API accepts, per request. Strict: an unknown field is refused rather than
 * ignored, so that a client's typo shows.
 */

const day = z.iso.date({ error: 'must be a day, YYYY-MM-DD' });
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const note = text(2_000).nullish();

const practitioner = z.strictObject({
  name: text(200),
  agency: z.enum(AgencySymbols),
  role: text(200)
    .nullish()
    .transform((value) => value ?? null),
  contact: text(200)
    .nullish()
    .transform((value) => value ?? null),
});

const address = z.strictObject({
  addressId: text(100),
  type: z.enum([
    'HOME',
    'SECOND_HOME',
    'TEMPORARY',
    'APPROVED_PREMISES',
    'CUSTODY',
    'HOSPITAL',
    'NO_FIXED_ABODE',
    'OTHER',
  ]),
  lines: z.array(text(200)).max(6),
  town: text(100),
  postcode: text(12)
    .nullish()
    .transform((value) => value ?? null),
  area: text(100),
  jurisdiction: z.enum(['ENGLAND_AND_WALES', 'SCOTLAND', 'NORTHERN_IRELAND']),
  from: day,
  to: day.nullish().transform((value) => value ?? null),
});

export const transferRequestBody = z.strictObject({
  nominalId: text(100),
  kind: z.enum(['PERMANENT', 'TEMPORARY']),
  reason: text(2_000),
  receivingArea: text(100),
  expectedMoveOn: day,
  expectedReturnOn: day.nullish().transform((value) => value ?? null),
  newAddress: address.nullish().transform((value) => value ?? null),
  licenceExclusionZones: text(2_000)
    .nullish()
    .transform((value) => value ?? null),
});

const acceptance = z.strictObject({
  leadAgency: z.enum(AgencySymbols),
  organisation: text(100),
  recordManager: practitioner,
});

/** The body of each command, parsed into the workflow's input. */
export const commandBodies: Record<
  TransferCommand,
  z.ZodType<CommandInput & { expectedVersion?: number }>
> = {
  acknowledge: z.strictObject({ note, expectedVersion: z.number().int().positive().optional() }),
  'start-consultation': z.strictObject({
    note,
    expectedVersion: z.number().int().positive().optional(),
  }),
  'record-consultation': z
    .strictObject({
      with: z.enum(['RECEIVING_POLICE', 'RECEIVING_LEAD_AGENCY', 'MAPPA_MEETING']),
      outcome: text(2_000),
      heldOn: day.nullish(),
      note,
      expectedVersion: z.number().int().positive().optional(),
    })
    .transform(({ with: consulted, outcome, heldOn, ...rest }) => ({
      ...rest,
      consultation: { with: consulted, outcome, heldOn: heldOn ?? null },
    })),
  accept: z
    .strictObject({
      ...acceptance.shape,
      note,
      expectedVersion: z.number().int().positive().optional(),
    })
    .transform(({ leadAgency, organisation, recordManager, ...rest }) => ({
      ...rest,
      acceptance: { leadAgency, organisation, recordManager },
    })),
  dispute: z
    .strictObject({
      reason: z
        .string()
        .trim()
        .min(10, 'must give the public-protection reason (10 characters or more)')
        .max(2_000),
      riskAssessmentId: text(100).nullish(),
      note,
      expectedVersion: z.number().int().positive().optional(),
    })
    .transform(({ reason, riskAssessmentId, ...rest }) => ({
      ...rest,
      dispute: { reason, riskAssessmentId: riskAssessmentId ?? null },
    })),
  'begin-co-management': z.strictObject({
    note,
    expectedVersion: z.number().int().positive().optional(),
  }),
  complete: z
    .strictObject({
      effectiveOn: day.optional(),
      leadAgency: z.enum(AgencySymbols).optional(),
      organisation: text(100).optional(),
      recordManager: practitioner.optional(),
      licenceExclusionZones: text(2_000).nullish(),
      note,
      expectedVersion: z.number().int().positive().optional(),
    })
    .transform(({ leadAgency, organisation, recordManager, ...rest }) => ({
      ...rest,
      ...(leadAgency &&
        organisation &&
        recordManager && {
          acceptance: { leadAgency, organisation, recordManager },
        }),
    })),
  return: z.strictObject({
    effectiveOn: day.optional(),
    note,
    expectedVersion: z.number().int().positive().optional(),
  }),
  cancel: z.strictObject({
    note: text(2_000),
    expectedVersion: z.number().int().positive().optional(),
  }),
  withdraw: z.strictObject({
    note: text(2_000),
    expectedVersion: z.number().int().positive().optional(),
  }),
};

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const listQuery = z.strictObject({
  state: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(TransferStateSymbols)))
    .optional(),
  area: text(100).optional(),
  nominalId: text(100).optional(),
  overdue: flag.optional(),
  escalated: flag.optional(),
  after: text(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const commandPaths = transferCommands;
