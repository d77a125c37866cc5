import { Controller, Get, Module } from '@nestjs/common';
import { httpConfig, httpSettingsOf } from '@hub/config';
import { createHubApp, hubLoggerModule, HubHttpModule, listenHub } from '@hub/observability';
import { PublicRoute } from '@hub/security';
import { headersOf, testOperator } from './support/hub-callers';
import {
  isolatedRunName,
  startConnector,
  startRegistry,
  type RunningApp,
} from './support/hub-apps';

/** A police system's client: the connector's ordinary caller. */
const policeSystem = { client: 'police-greater-manchester.records-management-system' };

interface ErrorBody {
  statusCode: number;
  message: string;
  requestId: string;
}

describe('the HTTP surface of the services: headers, limits, CORS, errors, request ids, management port', () => {
  let connector: RunningApp;

  beforeAll(async () => {
    connector = await startConnector('POLICE', { HTTP_RATE_LIMIT: '1000' });
  });

  afterAll(async () => {
    await connector?.close();
  });

  it('sends security headers, no X-Powered-By, and the request id it logs', async () => {
    const response = await fetch(`${connector.url}/v1/events/intelligence-shared`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'hardening-e2e-1' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-request-id')).toBe('hardening-e2e-1');
    expect(((await response.json()) as ErrorBody).requestId).toBe('hardening-e2e-1');
  });

  it('gives every request an id of its own when the caller sends none (or an unusable one)', async () => {
    const ids = await Promise.all(
      [undefined, 'has spaces in it'].map(async (given) => {
        const response = await fetch(`${connector.url}/nowhere`, {
          headers: given === undefined ? {} : { 'x-correlation-id': given },
        });
        expect(response.status).toBe(404);
        return response.headers.get('x-request-id');
      }),
    );
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('refuses a body over the limit with 413 naming the problem, before authentication', async () => {
    const response = await fetch(`${connector.url}/v1/events/intelligence-shared`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(65 * 1024) }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as ErrorBody;
    expect(body.message).toBe('request entity too large');
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('refuses a CORS preflight from any origin by default', async () => {
    const response = await fetch(`${connector.url}/v1/events/intelligence-shared`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://ui.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('answers /health and /metrics on the management port only, without a token', async () => {
    for (const path of ['/health', '/metrics', '/HEALTH/', '/metrics?x=1']) {
      expect({ path, status: (await fetch(`${connector.url}${path}`)).status }).toEqual({
        path,
        status: 404,
      });
    }
    expect((await fetch(`${connector.managementUrl}/health`)).status).toBe(200);
    const metrics = await fetch(`${connector.managementUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
    // Nothing of the API is reachable there, with or without a token.
    const api = await fetch(`${connector.managementUrl}/v1/events/intelligence-shared`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await headersOf(policeSystem)) },
      body: '{}',
    });
    expect(api.status).toBe(404);
  });

  describe('with a small rate limit', () => {
    let limited: RunningApp;

    beforeAll(async () => {
      limited = await startConnector('POLICE', {
        HTTP_RATE_LIMIT: '5',
        HTTP_RATE_WINDOW_S: '60',
        CORS_ALLOWED_ORIGINS: 'https://ui.example.org',
      });
    });

    afterAll(async () => {
      await limited?.close();
    });

    it('answers 429 with Retry-After once a client has used its budget; other clients are not held', async () => {
      const call = (authorization?: string) =>
        fetch(`${limited.url}/v1/events/intelligence-shared`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(authorization && { authorization }),
          },
          body: '{}',
        });
      const { authorization } = await headersOf(policeSystem);
      const statuses: number[] = [];
      for (let n = 0; n < 5; n++) statuses.push((await call(authorization)).status);
      expect(statuses).toEqual([400, 400, 400, 400, 400]);
      const refused = await call(authorization);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as ErrorBody;
      expect(body.message).toMatch(/^too many requests: at most 5 per 60 s per client/);
      expect(body.requestId).toBe(refused.headers.get('x-request-id'));
      // Another client (here: no token, counted by its address) has a budget of its own.
      expect((await call()).status).toBe(401);
    });

    it('answers a CORS preflight from a listed origin, and only from it', async () => {
      const preflight = (origin: string) =>
        fetch(`${limited.url}/v1/events/intelligence-shared`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
      const listed = await preflight('https://ui.example.org');
      expect(listed.status).toBe(204);
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://ui.example.org');
      const other = await preflight('https://ui.example.org.evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('serves the registry health on its management port, and 404 on its API port', async () => {
    const run = isolatedRunName('e2e_hardening');
    const registry = await startRegistry({
      MONGO_DATABASE: run,
      // The registry's Kafka principal may use groups under `registry.` only.
      REGISTRY_CONSUMER_GROUP: `registry.${run}`,
      REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
    });
    try {
      expect((await fetch(`${registry.url}/health`)).status).toBe(404);
      expect((await fetch(`${registry.url}/metrics`)).status).toBe(404);
      const health = await fetch(`${registry.managementUrl}/health`);
      expect(health.status).toBe(200);
      expect((await fetch(`${registry.managementUrl}/v1/nominals`)).status).toBe(404);

      // Found by fuzz:api: a replay without a body was a 500 (and the consumer's global filter
      // answered the registry's errors in Nest's words, without the request id).
      const replay = await fetch(`${registry.url}/v1/dead-letters/replay`, {
        method: 'POST',
        headers: await headersOf(testOperator),
      });
      expect(replay.status).toBe(400);
      const body = (await replay.json()) as ErrorBody;
      expect(body.message).toMatch(/^the body must be a JSON object/);
      expect(body.requestId).toBe(replay.headers.get('x-request-id'));
    } finally {
      await registry.close();
    }
  });
});

describe('the answer to an unexpected error', () => {
  const internalDetail = 'NominalStore.collection at /srv/app/dist/secret.js:12';

  @Controller('boom')
  class FailingController {
    @Get()
    @PublicRoute()
    fail(): never {
      throw new TypeError(internalDetail);
    }
  }

  // The defaults; the test listens on ports of its own choosing.
  const settings = httpSettingsOf({ ...httpConfig.parse({}), PORT: 3000 });

  @Module({
    imports: [hubLoggerModule('hardening-test', 'fatal'), HubHttpModule.forRoot(settings)],
    controllers: [FailingController],
  })
  class FailingModule {}

  it('is a 500 "internal error" with the request id, and nothing of the code', async () => {
    const app = await createHubApp({ module: FailingModule });
    const { url } = await listenHub(app, { port: 0, host: '127.0.0.1', managementPort: 0 });
    try {
      const response = await fetch(`${url}/boom`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        statusCode: 500,
        message: 'internal error',
        requestId: response.headers.get('x-request-id'),
      });
      expect(text).not.toMatch(/NominalStore|TypeError|secret|\.js|at /);
    } finally {
      await app.close();
    }
  });
});
