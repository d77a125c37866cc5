import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Caller } from '../access/caller';
import { isHubRole, tokenClaims } from '../access/roles';
import type { OrganisationDirectory } from '../directory/organisation-directory';

/** The request carries no usable token: answered 401, with the reason. */
export class AuthenticationError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthenticationError';
  }
}

/** The provider's keys cannot be had (it is down or slow): answered 503, the token neither good nor bad. */
export class IdentityProviderUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the identity provider cannot be reached to check the access token', { cause });
    this.name = 'IdentityProviderUnavailableError';
  }
}

/** The token is genuine but its organisation or client does not fit the directory: answered 403. */
export class UnknownOrganisationError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnknownOrganisationError';
  }
}

export interface VerifierSettings {
  /** The provider's issuer (`iss`), e.g. http://127.0.0.1:28180/realms/mappa-hub. */
  issuer: string;
  /** Clocks of the provider and the hub may differ by this much. */
  clockToleranceSeconds: number;
}

/** The signing algorithms the hub accepts: asymmetric only, so that no shared secret can mint tokens. */
const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'];

function keysOfIssuer(issuer: string): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`the identity provider answered ${response.status}`);
    const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
    if (typeof jwksUri !== 'string') throw new Error('the provider publishes no jwks_uri');
    return createRemoteJWKSet(new URL(jwksUri), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
    });
  };
  return async (header, token) => {
    // A failed discovery is retried on the next request rather than remembered.
    keys ??= discover().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return (await keys)(header, token);
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the access token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `the access token's ${error.claim} claim is not accepted here (${error.reason})`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'the access token is not signed by the hub identity provider';
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return 'the access token is signed with a key the identity provider does not publish';
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return 'the access token uses a signing algorithm not accepted';
  if (error instanceof joseErrors.JOSEError) return `the access token is not valid (${error.code})`;
  throw error;
}

/**
 * Verifies bearer tokens from the hub's identity provider (signature against its JWKS, issuer,
 * audience, expiry with a clock tolerance) and turns them into a `Caller` with the directory.
 */
export class AccessTokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly settings: VerifierSettings,
    private readonly directory: OrganisationDirectory,
    keys?: JWTVerifyGetKey,
  ) {
    this.keys = keys ?? keysOfIssuer(settings.issuer);
  }

  /** `authorization` is the request's Authorization header. */
  async callerOf(authorization: string | undefined): Promise<Caller> {
    const match = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      throw new AuthenticationError(
        authorization
          ? 'the Authorization header must be "Bearer <access token>"'
          : 'an access token is required: send "Authorization: Bearer <token>" from the hub identity provider',
      );
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], this.keys, {
        issuer: this.settings.issuer,
        audience: tokenClaims.audience,
        algorithms,
        clockTolerance: this.settings.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (
        error instanceof joseErrors.JWKSTimeout ||
        (error instanceof Error && !(error instanceof joseErrors.JOSEError))
      ) {
        throw new IdentityProviderUnavailableError(error);
      }
      throw new AuthenticationError(reasonOf(error));
    }
    return this.callerFrom(payload);
  }

  private callerFrom(payload: JWTPayload): Caller {
    const organisationId = payload[tokenClaims.organisation];
    const clientId = typeof payload.azp === 'string' ? payload.azp : '';
    if (typeof organisationId !== 'string' || organisationId === '') {
      throw new UnknownOrganisationError(
        `the access token names no organisation (claim "${tokenClaims.organisation}"); ask the hub service desk to set up your account`,
      );
    }
    const organisation = this.directory.organisation(organisationId);
    if (!organisation) {
      throw new UnknownOrganisationError(
        `organisation "${organisationId}" is not in the hub's organisation directory (version ${this.directory.version})`,
      );
    }
    // A system's client belongs to one organisation: a token whose client says otherwise is refused.
    const system = this.directory.systemOfClient(clientId);
    if (system && system[0].id !== organisation.id) {
      throw new UnknownOrganisationError(
        `client ${clientId} belongs to ${system[0].id}, not to ${organisation.id}`,
      );
    }
    const roles = payload[tokenClaims.roles];
    const username = payload.preferred_username;
    return {
      subject: payload.sub ?? '',
      username: typeof username === 'string' && username !== '' ? username : (payload.sub ?? ''),
      organisation,
      roles: Array.isArray(roles) ? roles.filter(isHubRole) : [],
      clientId,
    };
  }
}
