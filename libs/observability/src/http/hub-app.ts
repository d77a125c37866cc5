import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import type { HttpSettings } from '@hub/config';
import {
  HTTP_SETTINGS,
  keepManagementListenerToItsPaths,
  ManagementListener,
  type RequestListener,
} from './management-listener';
import { assignRequestId } from './request-id';

/**
 * A hub service's Nest app with every Express-level protection, in the order requests meet them:
 * a request id (so that every answer, even a refused body's, has one), the management listener's
 * fence, security headers, CORS (closed unless origins are listed), then JSON bodies up to the
 * limit (no other body type is parsed). The module must import `HubHttpModule`.
 */
export async function createHubApp(module: DynamicModule): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
    // Thrown to the caller (runService exits with its message; a test fails with it).
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const settings = app.get<HttpSettings>(HTTP_SETTINGS);
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(keepManagementListenerToItsPaths);
  app.use(helmet());
  app.enableCors({
    // A function, so that an origin not listed gets no CORS headers at all (the browser refuses).
    origin: (origin, allow) =>
      allow(null, origin !== undefined && settings.corsOrigins.includes(origin)),
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: settings.bodyLimitBytes });
  return app;
}

export interface HubListeners {
  url: string;
  managementUrl: string;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}

/**
 * Listens on the API port and on the management port (`ports` override the configured ones: 0 for
 * any free port, as tests do).
 */
export async function listenHub(
  app: INestApplication,
  ports: { port?: number; host?: string; managementPort?: number } = {},
): Promise<HubListeners> {
  const settings = app.get<HttpSettings>(HTTP_SETTINGS);
  if (ports.host === undefined) await app.listen(ports.port ?? settings.port);
  else await app.listen(ports.port ?? settings.port, ports.host);
  const server = app.getHttpServer() as Server;
  const api = server.address() as AddressInfo;
  // The Express app is a plain request listener: the management server serves the same app.
  const express = app.getHttpAdapter().getInstance() as RequestListener;
  const management = await app.get(ManagementListener).listen(express, ports.managementPort);
  return { url: urlOf(api), managementUrl: urlOf(management) };
}
