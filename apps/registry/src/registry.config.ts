import { z } from 'zod';
import {
  encryptionConfig,
  httpConfig,
  identityConfig,
  infrastructureConfig,
  loadConfig,
} from '@hub/config';
import { removalSteps } from './removal/record-removals';

const milliseconds = z.coerce.number().int().positive();

export const registryConfigSchema = infrastructureConfig.extend({
  ...identityConfig.shape,
  ...httpConfig.shape,
  ...encryptionConfig.shape,
  MONGO_DATABASE: z.string().min(1).default('mappa_registry'),
  REGISTRY_CONSUMER_GROUP: z.string().min(1).default('registry'),
  /** Where a consumer group with no committed offsets starts; `latest` only for throw-away groups. */
  REGISTRY_NEW_GROUP_STARTS_AT: z.enum(['earliest', 'latest']).default('earliest'),
  /** How long an event waits for its nominal to be registered before it is dead-lettered. */
  REGISTRY_PARKING_LIMIT_MS: milliseconds.default(24 * 60 * 60 * 1000),
  /** How often expired parked events are looked for. */
  REGISTRY_PARKING_SWEEP_MS: milliseconds.default(60_000),
  /** How often records whose latest change is not on the changed-record topic are looked for. */
  REGISTRY_CHANGE_SWEEP_MS: milliseconds.default(300_000),
  /** How often audit entries not yet on the audit topic are looked for (e.g. after Kafka was down). */
  REGISTRY_AUDIT_PUBLISH_SWEEP_MS: milliseconds.default(30_000),
  /** How often to look for records whose date-dependent facts change today. */
  REGISTRY_DATE_SWEEP_MS: milliseconds.default(15 * 60_000),
  /** How often decisions whose next review day has come and unpublished reviews are looked for (retention reviews: once a day). */
  REGISTRY_REVIEW_SWEEP_MS: milliseconds.default(15 * 60_000),
  /** How often removals left in progress (a crash, Kafka down) are looked for and completed. */
  REGISTRY_REMOVAL_SWEEP_MS: milliseconds.default(60_000),
  /**
   * Fault injection for the removal crash test only: the process kills itself (SIGKILL) right
   * after this step of a removal has run, before it is recorded as done.
   */
  REGISTRY_CRASH_AFTER_REMOVAL_STEP: z.enum(removalSteps).optional(),
  /**
   * Fault injection for the crash tests only: the process kills itself (SIGKILL) right after it
   * writes a new change of this nominal, before the change is published.
   */
  REGISTRY_CRASH_BEFORE_PUBLISHING: z.string().min(1).optional(),
});

export type RegistryConfig = z.infer<typeof registryConfigSchema>;

export function loadRegistryConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  return loadConfig(registryConfigSchema, env);
}
