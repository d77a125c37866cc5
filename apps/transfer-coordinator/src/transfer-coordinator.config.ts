import { z } from 'zod';
import { httpConfig, identityConfig, infrastructureConfig, loadConfig } from '@hub/config';

const milliseconds = z.coerce.number().int().positive();

export const transferCoordinatorConfigSchema = infrastructureConfig.extend({
  ...identityConfig.shape,
  ...httpConfig.shape,
  PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  MONGO_DATABASE: z.string().min(1).default('mappa_transfers'),
  /**
   * The database of the hub's audit trail: the registry's, so that every service's calls are in
   * one hash chain, published and queried in one place.
   */
  AUDIT_MONGO_DATABASE: z.string().min(1).default('mappa_registry'),
  TRANSFER_CONSUMER_GROUP: z.string().min(1).default('transfer-coordinator'),
  /** Where a consumer group with no committed offsets starts; `latest` only for throw-away groups. */
  TRANSFER_NEW_GROUP_STARTS_AT: z.enum(['earliest', 'latest']).default('earliest'),
  /** The deadlines file; the repository's `apps/transfer-coordinator/config/transfer-deadlines.json` by default. */
  TRANSFER_DEADLINES_FILE: z.string().min(1).optional(),
  /** How often overdue steps are looked for. */
  TRANSFER_OVERDUE_SWEEP_MS: milliseconds.default(60_000),
  /** How often events left unpublished (Kafka was down, a crash) are looked for. */
  TRANSFER_OUTBOX_SWEEP_MS: milliseconds.default(15_000),
  /**
   * Fault injection for the crash tests only: the process kills itself (SIGKILL) right after it
   * stores the completion of this transfer, before publishing it.
   */
  TRANSFER_CRASH_AFTER_COMPLETING: z.string().min(1).optional(),
});

export type TransferCoordinatorConfig = z.infer<typeof transferCoordinatorConfigSchema>;

export function loadTransferCoordinatorConfig(
  env: NodeJS.ProcessEnv = process.env,
): TransferCoordinatorConfig {
  return loadConfig(transferCoordinatorConfigSchema, env);
}
