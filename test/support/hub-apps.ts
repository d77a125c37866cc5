import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { Agency } from '@hub/contracts';
import { startHubConsumer } from '@hub/messaging';
import { loadConnectorConfig } from '../../apps/agency-connector/src/connector.config';
import { ConnectorModule } from '../../apps/agency-connector/src/connector.module';
import { setUpRegistryApiDocs } from '../../apps/registry/src/api-docs';
import { loadRegistryConfig } from '../../apps/registry/src/registry.config';
import { RegistryModule } from '../../apps/registry/src/registry.module';
import { hubServicePrincipal, kafkaEnvFor } from '../../tools/local-stack/stack';

export interface RunningApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

async function listen(
  app: INestApplication,
  beforeListen?: (app: INestApplication) => Promise<void>,
): Promise<RunningApp> {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await beforeListen?.(app);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Test runs get their own database and consumer group, so that runs never see each other's state. */
export function isolatedRunName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${process.pid}`;
}

/** The registry app, in-process, against the real stack given by the environment. */
export async function startRegistry(env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadRegistryConfig({
    LOG_LEVEL: 'warn',
    ...process.env,
    ...kafkaEnvFor(hubServicePrincipal('registry')),
    ...env,
  });
  const app = await NestFactory.create(RegistryModule.forRoot(config), { bufferLogs: true });
  setUpRegistryApiDocs(app);
  return listen(app, startHubConsumer);
}

/** The agency connector app, in-process, configured for `agency`. */
export async function startConnector(agency: Agency = 'POLICE'): Promise<RunningApp> {
  const config = loadConnectorConfig({
    LOG_LEVEL: 'warn',
    ...process.env,
    ...kafkaEnvFor(hubServicePrincipal('connector', agency)),
    AGENCY: agency,
  });
  return listen(await NestFactory.create(ConnectorModule.forRoot(config), { bufferLogs: true }));
}
