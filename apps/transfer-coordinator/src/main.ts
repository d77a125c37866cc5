import { startHubConsumer } from '@hub/messaging';
import { HubExceptionFilter, runService } from '@hub/observability';
import { setUpTransferApiDocs } from './api-docs';
import { loadTransferCoordinatorConfig } from './transfer-coordinator.config';
import { TransferCoordinatorModule } from './transfer-coordinator.module';

runService(() => {
  const config = loadTransferCoordinatorConfig();
  return {
    module: TransferCoordinatorModule.forRoot(config),
    beforeListen: async (app) => {
      setUpTransferApiDocs(app);
      await startHubConsumer(app, app.get(HubExceptionFilter));
    },
  };
});
