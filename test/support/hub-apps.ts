import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Agency } from '@hub/contracts';
import { startHubConsumer } from '@hub/messaging';
import { createHubApp, HubExceptionFilter, listenHub } from '@hub/observability';
import { loadConnectorConfig } from '../../apps/agency-connector/src/connector.config';
import { ConnectorModule } from '../../apps/agency-connector/src/connector.module';
import { setUpInsightsApiDocs } from '../../apps/insights/src/api-docs';
import { loadInsightsConfig } from '../../apps/insights/src/insights.config';
import { InsightsModule, type InsightsOptions } from '../../apps/insights/src/insights.module';
import { setUpRegistryApiDocs } from '../../apps/registry/src/api-docs';
import { loadRegistryConfig } from '../../apps/registry/src/registry.config';
import { RegistryModule, type RegistryOverrides } from '../../apps/registry/src/registry.module';
import { setUpTransferApiDocs } from '../../apps/transfer-coordinator/src/api-docs';
import { loadTransferCoordinatorConfig } from '../../apps/transfer-coordinator/src/transfer-coordinator.config';
import {
  TransferCoordinatorModule,
  type TransferCoordinatorOptions,
} from '../../apps/transfer-coordinator/src/transfer-coordinator.module';
import { hubServicePrincipal, kafkaEnvFor } from '../../tools/local-stack/stack';

export interface RunningApp {
  app: INestApplication;
  /** The API. */
  url: string;
  /** The management listener: /health and /metrics, without a token. */
  managementUrl: string;
  close(): Promise<void>;
}

/** Both listeners on loopback, on ports of their own choosing, so that test apps never collide. */
async function listen(
  app: NestExpressApplication,
  beforeListen?: (app: INestApplication) => Promise<void>,
): Promise<RunningApp> {
  app.enableShutdownHooks();
  await beforeListen?.(app);
  const { url, managementUrl } = await listenHub(app, {
    port: 0,
    host: '127.0.0.1',
    managementPort: 0,
  });
  return { app, url, managementUrl, close: () => app.close() };
}

/**
 * Quiet logs, and no rate limit to speak of: tests poll and call in bursts with one token, and the
 * limit has tests of its own (test/http-hardening.e2e-spec.ts) that set it.
 */
export const testDefaults = { LOG_LEVEL: 'warn', HTTP_RATE_LIMIT: '1000000' };

/** Test runs get their own database and consumer group, so that runs never see each other's state. */
export function isolatedRunName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${process.pid}`;
}

/** The registry app, in-process, against the real stack given by the environment. */
export async function startRegistry(
  env: Record<string, string> = {},
  options: RegistryOverrides = {},
): Promise<RunningApp> {
  const config = loadRegistryConfig({
    ...testDefaults,
    ...process.env,
    ...kafkaEnvFor(hubServicePrincipal('registry')),
    ...env,
  });
  const app = await createHubApp(RegistryModule.forRoot(config, options));
  setUpRegistryApiDocs(app);
  return listen(app, () => startHubConsumer(app, app.get(HubExceptionFilter)));
}

/** The agency connector app, in-process, configured for `agency` (and `env` over the environment). */
export async function startConnector(
  agency: Agency = 'POLICE',
  env: Record<string, string> = {},
): Promise<RunningApp> {
  const config = loadConnectorConfig({
    ...testDefaults,
    ...process.env,
    ...kafkaEnvFor(hubServicePrincipal('connector', agency)),
    ...env,
    AGENCY: agency,
  });
  return listen(await createHubApp(ConnectorModule.forRoot(config)));
}

/**
 * The transfer coordinator app, in-process, against the real stack (`env` over the environment;
 * `options.clock` to move time on in a test).
 */
export async function startTransferCoordinator(
  env: Record<string, string> = {},
  options: TransferCoordinatorOptions = {},
): Promise<RunningApp> {
  const config = loadTransferCoordinatorConfig({
    ...testDefaults,
    ...process.env,
    ...kafkaEnvFor(hubServicePrincipal('transfer-coordinator')),
    ...env,
  });
  const app = await createHubApp(TransferCoordinatorModule.forRoot(config, options));
  setUpTransferApiDocs(app);
  return listen(app, () => startHubConsumer(app, app.get(HubExceptionFilter)));
}

/** The insights service, in-process, against the real stack (`env` over the environment). */
export async function startInsights(
  env: Record<string, string> = {},
  options: InsightsOptions = {},
): Promise<RunningApp> {
  const config = loadInsightsConfig({
    ...testDefaults,
    ...process.env,
    ...kafkaEnvFor(hubServicePrincipal('insights')),
    ...env,
  });
  const app = await createHubApp(InsightsModule.forRoot(config, options));
  setUpInsightsApiDocs(app);
  return listen(app, () => startHubConsumer(app, app.get(HubExceptionFilter)));
}
