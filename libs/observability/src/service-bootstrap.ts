import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

export interface ServiceDefinition {
  module: DynamicModule;
  port: number;
  /** Runs once the app is created, before it listens: connecting consumers, for one. */
  beforeListen?: (app: INestApplication) => Promise<void>;
}

/**
 * Starts a hub service: structured logs from the first line, graceful shutdown on SIGTERM/SIGINT,
 * and exit code 1 with a readable message when it cannot start (invalid configuration, say).
 */
export function runService(define: () => ServiceDefinition): void {
  const start = async (): Promise<void> => {
    const { module, port, beforeListen } = define();
    const app = await NestFactory.create(module, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks();
    await beforeListen?.(app);
    await app.listen(port);
  };
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
