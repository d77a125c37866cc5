import {
  Inject,
  Injectable,
  NotFoundException,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpSettings } from '@hub/config';

/**
 * Health and metrics are for the platform (probes, Prometheus), not for callers of the API: they
 * answer without a token, so they answer only on a listener of their own (`MANAGEMENT_PORT`, on
 * loopback by default), served by the same app. On the API port they do not exist (404).
 */
export const managementPaths: readonly string[] = ['/health', '/metrics'];

export const HTTP_SETTINGS = Symbol('HTTP_SETTINGS');

const viaManagement = new WeakSet<IncomingMessage>();

/** Whether the request arrived on the management listener. */
export function isManagementRequest(request: IncomingMessage): boolean {
  return viaManagement.has(request);
}

/** The path as Express routes it: without query, case and trailing slashes. */
function routedPath(request: IncomingMessage): string {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return path.toLowerCase().replace(/\/+$/, '') || '/';
}

function notFound(request: IncomingMessage): NotFoundException {
  return new NotFoundException(`Cannot ${request.method ?? 'GET'} ${request.url ?? '/'}`);
}

/**
 * On the management listener, only the management paths reach the app; anything else is 404 before
 * body parsing or routing, so that no API route is reachable there.
 */
export function keepManagementListenerToItsPaths(
  request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  if (isManagementRequest(request) && !managementPaths.includes(routedPath(request))) {
    next(notFound(request));
    return;
  }
  next();
}

/**
 * On the health and metrics controllers: they answer only on the management listener. A 404 like any
 * unknown route's, so that the API port does not even reveal them.
 */
@Injectable()
export class ManagementListenerOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    if (!isManagementRequest(request)) throw notFound(request);
    return true;
  }
}

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The second listener; closed with the app. */
@Injectable()
export class ManagementListener implements OnApplicationShutdown {
  private server?: Server;

  constructor(@Inject(HTTP_SETTINGS) private readonly settings: HttpSettings) {}

  /** Serves `app` on the management port (`port` overrides it: 0 for any free port, in tests). */
  async listen(app: RequestListener, port = this.settings.managementPort): Promise<AddressInfo> {
    const server = createServer((request, response) => {
      viaManagement.add(request);
      app(request, response);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.settings.managementHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server.address() as AddressInfo;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Probes and scrapers keep connections alive; they must not hold the shutdown.
      server.closeAllConnections();
    });
  }
}
