import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConnectorConfig } from './connector.config';
import { ConnectorModule } from './connector.module';

async function bootstrap(): Promise<void> {
  const config = loadConnectorConfig();
  const app = await NestFactory.create(ConnectorModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.PORT);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
