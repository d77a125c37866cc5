import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { createHubApp, listenHub } from './http/hub-app';

/**
 * The longest a service takes to stop once asked. Its own steps are bounded too; this is the last
 * word when one of them is not (a client library waiting on a server that is gone).
 */
const shutdownDeadlineMs = 30_000;

export interface ServiceDefinition {
  /** Imports `HubHttpModule`, which says where the service listens. */
  module: DynamicModule;
  /** Runs once the app is created, before it listens: connecting consumers, for one. */
  beforeListen?: (app: INestApplication) => Promise<void>;
}

/**
 * Starts a hub service: structured logs from the first line, graceful shutdown on SIGTERM/SIGINT,
 * and exit code 1 with a readable message when it cannot start (invalid configuration, say).
 */
export function runService(define: () => ServiceDefinition): void {
  const start = async (): Promise<void> => {
    const { module, beforeListen } = define();
    const app = await createHubApp(module);
    app.enableShutdownHooks();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        setTimeout(() => {
          console.error(
            `did not stop within ${shutdownDeadlineMs / 1000} s of ${signal}; exiting without finishing (uncommitted events are redelivered)`,
          );
          process.exit(1);
        }, shutdownDeadlineMs).unref();
      });
    }
    await beforeListen?.(app);
    const { url, managementUrl } = await listenHub(app);
    app.get(Logger).log(`serving the API on ${url}, /health and /metrics on ${managementUrl}`);
  };
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
