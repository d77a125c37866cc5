import { runService } from '@hub/observability';
import { loadConnectorConfig } from './connector.config';
import { ConnectorModule } from './connector.module';

runService(() => {
  const config = loadConnectorConfig();
  return { module: ConnectorModule.forRoot(config) };
});
