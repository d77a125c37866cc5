import { startHubConsumer } from '@hub/messaging';
import { runService } from '@hub/observability';
import { setUpRegistryApiDocs } from './api-docs';
import { loadRegistryConfig } from './registry.config';
import { RegistryModule } from './registry.module';

runService(() => {
  const config = loadRegistryConfig();
  return {
    module: RegistryModule.forRoot(config),
    beforeListen: async (app) => {
      setUpRegistryApiDocs(app);
      await startHubConsumer(app);
    },
  };
});
