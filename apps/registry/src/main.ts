import { startHubConsumer } from '@hub/messaging';
import { runService } from '@hub/observability';
import { loadRegistryConfig } from './registry.config';
import { RegistryModule } from './registry.module';

runService(() => {
  const config = loadRegistryConfig();
  return {
    module: RegistryModule.forRoot(config),
    port: config.PORT,
    beforeListen: startHubConsumer,
  };
});
