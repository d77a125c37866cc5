import { startHubConsumer } from '@hub/messaging';
import { HubExceptionFilter, runService } from '@hub/observability';
import { setUpRegistryApiDocs } from './api-docs';
import { loadRegistryConfig } from './registry.config';
import { RegistryModule } from './registry.module';

runService(() => {
  const config = loadRegistryConfig();
  return {
    module: RegistryModule.forRoot(config),
    beforeListen: async (app) => {
      setUpRegistryApiDocs(app);
      // The consumer's global filter hands HTTP errors to the service's own.
      await startHubConsumer(app, app.get(HubExceptionFilter));
    },
  };
});
