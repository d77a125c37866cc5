import {
  BadRequestException,
  PayloadTooLargeException,
  type ExecutionContext,
} from '@nestjs/common';
import { ConfigError, httpConfig, httpSettingsOf, loadConfig } from '@hub/config';
import { errorAnswer } from './exception-filter';
import { rateLimitClientOf, rateLimitOptions } from './rate-limit';

describe('errorAnswer', () => {
  it('keeps the status and message of an HTTP exception, with its details and the request id', () => {
    const error = new BadRequestException({
      message: 'invalid filter',
      violations: [{ field: 'limit' }],
    });
    expect(errorAnswer(error, 'r1')).toEqual({
      statusCode: 400,
      message: 'invalid filter',
      violations: [{ field: 'limit' }],
      requestId: 'r1',
    });
    expect(errorAnswer(new PayloadTooLargeException(), 'r2')).toMatchObject({
      statusCode: 413,
      message: 'Payload Too Large',
    });
  });

  it("shows a body parser's exposed 4xx, and nothing of any other error", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      expose: true,
    });
    expect(errorAnswer(tooLarge, 'r3')).toEqual({
      statusCode: 413,
      message: 'request entity too large',
      requestId: 'r3',
    });
    const internal = Object.assign(new TypeError('NominalStore: cannot read x'), {
      status: 500,
      expose: false,
    });
    expect(errorAnswer(internal, 'r4')).toEqual({
      statusCode: 500,
      message: 'internal error',
      requestId: 'r4',
    });
    expect(errorAnswer('a string thrown', 'r5')).toEqual({
      statusCode: 500,
      message: 'internal error',
      requestId: 'r5',
    });
  });
});

describe('rateLimitClientOf', () => {
  it('counts a bearer token as its client, hashed, else the address', () => {
    const one = rateLimitClientOf({ headers: { authorization: 'Bearer abc.def' }, ip: '10.0.0.1' });
    const other = rateLimitClientOf({
      headers: { authorization: 'Bearer abc.deg' },
      ip: '10.0.0.1',
    });
    expect(one).toMatch(/^token:/);
    expect(one).not.toContain('abc');
    expect(one).not.toBe(other);
    expect(rateLimitClientOf({ headers: {}, ip: '10.0.0.1' })).toBe('address:10.0.0.1');
    expect(rateLimitClientOf({ headers: { authorization: 'Basic eA==' }, ip: '10.0.0.2' })).toBe(
      'address:10.0.0.2',
    );
  });
});

describe('rateLimitOptions', () => {
  it('counts HTTP requests only: the global guard also sees the Kafka handlers', () => {
    const settings = httpSettingsOf({ ...httpConfig.parse({}), PORT: 3000 });
    const options = rateLimitOptions(settings);
    const skipIf = Array.isArray(options) ? undefined : options.skipIf;
    const of = (type: string) => ({ getType: () => type }) as unknown as ExecutionContext;
    expect(skipIf?.(of('rpc'))).toBe(true);
    expect(skipIf?.(of('http'))).toBe(false);
  });
});

describe('httpSettingsOf', () => {
  const settingsOf = (env: Record<string, string>) =>
    httpSettingsOf({ ...loadConfig(httpConfig, env), PORT: Number(env.PORT ?? 3000) });

  it('puts the management port 1000 above the API port on loopback, with tight defaults', () => {
    expect(settingsOf({ PORT: '3001' })).toEqual({
      port: 3001,
      managementPort: 4001,
      managementHost: '127.0.0.1',
      bodyLimitBytes: 65536,
      rateLimit: { limit: 600, windowMs: 60_000 },
      corsOrigins: [],
    });
  });

  it('refuses colliding ports and origins that are not origins', () => {
    expect(() => settingsOf({ PORT: '3000', MANAGEMENT_PORT: '3000' })).toThrow(ConfigError);
    expect(() => settingsOf({ PORT: '65000' })).toThrow(/MANAGEMENT_PORT is required/);
    expect(() => settingsOf({ CORS_ALLOWED_ORIGINS: 'https://ui.example.org/' })).toThrow(
      /CORS_ALLOWED_ORIGINS/,
    );
    expect(
      settingsOf({ CORS_ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
  });
});
