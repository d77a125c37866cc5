import { startHubConsumer } from '@hub/messaging';
import { HubExceptionFilter, runService } from '@hub/observability';
import { setUpInsightsApiDocs } from './api-docs';
import { loadInsightsConfig } from './insights.config';
import { InsightsModule } from './insights.module';

runService(() => {
  const config = loadInsightsConfig();
  return {
    module: InsightsModule.forRoot(config),
    beforeListen: async (app) => {
      setUpInsightsApiDocs(app);
      await startHubConsumer(app, app.get(HubExceptionFilter));
    },
  };
});
