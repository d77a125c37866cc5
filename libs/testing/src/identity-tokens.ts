import { stackSettings } from '../../../tools/local-stack/config';
import { cliClientId, realmName } from '../../../tools/local-stack/identity/names';
import {
  identitySecretsFile,
  readIdentitySecrets,
  type IdentitySecrets,
} from '../../../tools/local-stack/identity/secrets';

/**
 * Access tokens from the local stack's identity provider for tests: a synthetic person
 * (`<organisation id>.<role>`, password grant through `hub-cli`) or a directory system's client
 * (client credentials), with the secrets the stack generated in `<stackDir>/secrets/identity.json`.
 * Tokens are reused until shortly before they expire.
 */

export type Principal = { user: string } | { client: string };

/** A token could not be had; the message says from where and why. */
export class IdentityTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityTokenError';
  }
}

export interface IdentityTokensOptions {
  /** The realm's issuer; default OIDC_ISSUER_URL (set by the test run's setup), else the local stack's. */
  issuer?: string;
  /** Default `<stackDir>/secrets/identity.json` of HUB_STACK_DIR (the test run's stack). */
  secretsFile?: string;
  /** A token is renewed when it has less than this left (default 30 s). */
  renewBeforeMs?: number;
  now?: () => number;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  error?: string;
  error_description?: string;
}

interface Cached {
  token: Promise<{ token: string; expiresAt: number }>;
}

function nameOf(principal: Principal): string {
  return 'user' in principal ? `user ${principal.user}` : `client ${principal.client}`;
}

export class IdentityTokens {
  readonly issuer: string;
  private readonly secretsFile: string;
  private readonly renewBeforeMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, Cached>();
  private tokenEndpoint?: Promise<string>;
  private secrets?: IdentitySecrets;

  constructor(options: IdentityTokensOptions = {}) {
    const settings = stackSettings(process.env);
    this.issuer =
      options.issuer ??
      (process.env.OIDC_ISSUER_URL?.trim() ||
        `http://127.0.0.1:${settings.ports.keycloak}/realms/${realmName}`);
    this.secretsFile = options.secretsFile ?? identitySecretsFile(settings.stackDir);
    this.renewBeforeMs = options.renewBeforeMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** A valid access token for `principal`, from the cache while it has time left. */
  async tokenFor(principal: Principal): Promise<string> {
    const key = 'user' in principal ? `user:${principal.user}` : `client:${principal.client}`;
    const cached = this.cache.get(key);
    if (cached) {
      const held = await cached.token.catch(() => undefined);
      if (held && held.expiresAt - this.renewBeforeMs > this.now()) return held.token;
    }
    const fresh: Cached = { token: this.request(principal) };
    this.cache.set(key, fresh);
    fresh.token.catch(() => this.cache.delete(key)); // a failure is not kept
    return (await fresh.token).token;
  }

  userToken(username: string): Promise<string> {
    return this.tokenFor({ user: username });
  }

  clientToken(clientId: string): Promise<string> {
    return this.tokenFor({ client: clientId });
  }

  /** The realm's token endpoint, from its OpenID configuration. */
  endpoint(): Promise<string> {
    this.tokenEndpoint ??= (async () => {
      const url = `${this.issuer}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(
        (error: unknown) => {
          throw new IdentityTokenError(
            `the identity provider at ${url} does not answer: ${String(error)}`,
          );
        },
      );
      const configuration = (await response.json().catch(() => ({}))) as {
        token_endpoint?: unknown;
      };
      if (!response.ok || typeof configuration.token_endpoint !== 'string') {
        throw new IdentityTokenError(`${url} answered ${response.status} without a token endpoint`);
      }
      return configuration.token_endpoint;
    })();
    this.tokenEndpoint.catch(() => (this.tokenEndpoint = undefined));
    return this.tokenEndpoint;
  }

  private secretOf(principal: Principal): string {
    this.secrets ??= readIdentitySecrets(this.secretsFile);
    if (!this.secrets) {
      throw new IdentityTokenError(
        `no identity secrets at ${this.secretsFile}: tokens come from the local stack's Keycloak only`,
      );
    }
    const secret =
      'user' in principal
        ? this.secrets.users[principal.user]
        : this.secrets.clients[principal.client];
    if (secret === undefined) {
      throw new IdentityTokenError(`${nameOf(principal)} is not in ${this.secretsFile}`);
    }
    return secret;
  }

  private async request(principal: Principal): Promise<{ token: string; expiresAt: number }> {
    const secret = this.secretOf(principal);
    const form: Record<string, string> =
      'user' in principal
        ? {
            grant_type: 'password',
            client_id: cliClientId,
            username: principal.user,
            password: secret,
          }
        : { grant_type: 'client_credentials', client_id: principal.client, client_secret: secret };
    const requestedAt = this.now();
    const response = await fetch(await this.endpoint(), {
      method: 'POST',
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as TokenResponse;
    if (
      !response.ok ||
      typeof body.access_token !== 'string' ||
      typeof body.expires_in !== 'number'
    ) {
      throw new IdentityTokenError(
        `no token for ${nameOf(principal)} from ${this.issuer}: ${response.status} ` +
          `${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
      );
    }
    return { token: body.access_token, expiresAt: requestedAt + body.expires_in * 1000 };
  }
}

let shared: IdentityTokens | undefined;

/** The test run's tokens, shared by the tests of one worker. */
export function identityTokens(): IdentityTokens {
  shared ??= new IdentityTokens();
  return shared;
}
