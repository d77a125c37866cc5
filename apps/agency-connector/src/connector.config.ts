import { z } from 'zod';
import { AgencySymbols } from '@hub/contracts';
import { httpConfig, identityConfig, infrastructureConfig, loadConfig } from '@hub/config';

export const connectorConfigSchema = infrastructureConfig.omit({ MONGO_URL: true }).extend({
  ...identityConfig.shape,
  ...httpConfig.shape,
  /** The agency this connector speaks for: it may publish only on that agency's topics. */
  AGENCY: z.enum(
    AgencySymbols.filter((agency) => agency !== 'HUB'),
    {
      error: `AGENCY is required: one of ${AgencySymbols.filter((agency) => agency !== 'HUB').join(', ')}`,
    },
  ),
});

export type ConnectorConfig = z.infer<typeof connectorConfigSchema>;

export const CONNECTOR_CONFIG = Symbol('CONNECTOR_CONFIG');

export function loadConnectorConfig(env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  return loadConfig(connectorConfigSchema, env);
}
