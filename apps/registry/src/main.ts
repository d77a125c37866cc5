import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadRegistryConfig } from './registry.config';
import { RegistryModule } from './registry.module';

async function bootstrap(): Promise<void> {
  const config = loadRegistryConfig();
  const app = await NestFactory.create(RegistryModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.PORT);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
