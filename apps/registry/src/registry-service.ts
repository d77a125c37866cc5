import { startHubConsumer } from '@hub/messaging';
import { HubExceptionFilter, type ServiceDefinition } from '@hub/observability';
import { setUpRegistryApiDocs } from './api-docs';
import { loadRegistryConfig } from './registry.config';
import { RegistryModule, type RegistryOverrides } from './registry.module';

/** The registry as a service: its module from the environment's configuration, and its consumer. */
export function registryService(overrides: RegistryOverrides = {}): ServiceDefinition {
  const config = loadRegistryConfig();
  return {
    module: RegistryModule.forRoot(config, overrides),
    beforeListen: async (app) => {
      setUpRegistryApiDocs(app);
      // The consumer's global filter hands HTTP errors to the service's own.
      await startHubConsumer(app, app.get(HubExceptionFilter));
    },
  };
}
