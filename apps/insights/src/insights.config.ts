import { z } from 'zod';
import { httpConfig, identityConfig, infrastructureConfig, loadConfig } from '@hub/config';

export const insightsConfigSchema = infrastructureConfig.extend({
  ...identityConfig.shape,
  ...httpConfig.shape,
  PORT: z.coerce.number().int().min(1).max(65535).default(3003),
  /** The read model's database: rebuilt from the topics at will (`npm run insights:rebuild`). */
  MONGO_DATABASE: z.string().min(1).default('mappa_insights'),
  /** The database of the hub's audit trail: the registry's, one hash chain for every service. */
  AUDIT_MONGO_DATABASE: z.string().min(1).default('mappa_registry'),
  INSIGHTS_CONSUMER_GROUP: z.string().min(1).default('insights'),
  /** Where a consumer group with no committed offsets starts; `latest` only for throw-away groups. */
  INSIGHTS_NEW_GROUP_STARTS_AT: z.enum(['earliest', 'latest']).default('earliest'),
  /**
   * The smallest count published: smaller ones, and the cells that would reveal them through a
   * total, are suppressed. 1 publishes everything.
   */
  INSIGHTS_SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).default(5),
  /**
   * How long a computed figure is served again to whoever asks the same: figures may be this far
   * behind the read model. 0 computes every request.
   */
  INSIGHTS_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Days after registration by which a person under the arrangements must have a risk assessment. */
  INSIGHTS_RISK_ASSESSMENT_DUE_DAYS: z.coerce.number().int().min(1).default(28),
});

export type InsightsConfig = z.infer<typeof insightsConfigSchema>;

export function loadInsightsConfig(env: NodeJS.ProcessEnv = process.env): InsightsConfig {
  return loadConfig(insightsConfigSchema, env);
}
