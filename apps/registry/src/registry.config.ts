import { z } from 'zod';
import { infrastructureConfig, loadConfig } from '@hub/config';

export const registryConfigSchema = infrastructureConfig.extend({
  MONGO_DATABASE: z.string().min(1).default('mappa_registry'),
  REGISTRY_CONSUMER_GROUP: z.string().min(1).default('registry'),
  /** Where a consumer group with no committed offsets starts; `latest` only for throw-away groups. */
  REGISTRY_NEW_GROUP_STARTS_AT: z.enum(['earliest', 'latest']).default('earliest'),
});

export type RegistryConfig = z.infer<typeof registryConfigSchema>;

export function loadRegistryConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  return loadConfig(registryConfigSchema, env);
}
