import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { IdentityTokens, identityTokens } from '@hub/testing';
import { hubRoles, organisationDirectory, tokenClaims } from '@hub/security';
import { systemClientsOf } from '../tools/local-stack/identity/principals';
import { cliClientId } from '../tools/local-stack/identity/names';

/**
 * The stack's identity provider issues the tokens the hub's APIs verify: signed by the realm's keys
 * (JWKS), for the hub's audience, carrying the organisation and hub roles the directory gives.
 */
const directory = organisationDirectory();
const tokens = identityTokens();
const issuer = tokens.issuer;

async function discovery(): Promise<{ jwks_uri: string; token_endpoint: string }> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  expect(response.status).toBe(200);
  return (await response.json()) as { jwks_uri: string; token_endpoint: string };
}

async function verified(token: string): Promise<JWTPayload> {
  const { jwks_uri } = await discovery();
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwks_uri)), {
    issuer,
    audience: tokenClaims.audience,
  });
  return payload;
}

function firstOf<T>(items: readonly T[], what: string): T {
  const [first] = items;
  if (first === undefined) throw new Error(`the directory has no ${what}`);
  return first;
}

describe('the identity provider of the stack', () => {
  it("issues a person's token with their organisation and role, for the hub's audience", async () => {
    const police = firstOf(
      directory.organisations.filter((organisation) => organisation.agencyType === 'POLICE'),
      'police force',
    );
    const username = `${police.id}.record-manager`;
    const payload = await verified(await tokens.userToken(username));
    expect(payload).toMatchObject({
      iss: issuer,
      azp: cliClientId,
      preferred_username: username,
      [tokenClaims.organisation]: police.id,
      [tokenClaims.roles]: ['record-manager'],
    });
    expect([payload.aud].flat()).toContain(tokenClaims.audience);
    expect(typeof payload.sub).toBe('string');
    // Short-lived: five minutes at most.
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(300);
  });

  it("issues a hub person's token with the hub organisation", async () => {
    const payload = await verified(await tokens.userToken('hub.auditor'));
    expect(payload[tokenClaims.organisation]).toBe('hub');
    expect(payload[tokenClaims.roles]).toEqual(['auditor']);
  });

  it("issues a directory system's client-credentials token with its organisation and agency-system only", async () => {
    const system = firstOf(
      systemClientsOf(directory).filter((client) => client.organisationId.startsWith('probation-')),
      'probation system',
    );
    const payload = await verified(await tokens.clientToken(system.clientId));
    expect(payload).toMatchObject({
      iss: issuer,
      azp: system.clientId,
      [tokenClaims.organisation]: system.organisationId,
      [tokenClaims.roles]: ['agency-system'],
    });
    expect([payload.aud].flat()).toEqual([tokenClaims.audience]);
    for (const role of payload[tokenClaims.roles] as string[]) {
      expect(hubRoles).toContain(role);
    }
  });

  it('refuses a token for another audience or issuer', async () => {
    const token = await tokens.userToken('hub.auditor');
    const { jwks_uri } = await discovery();
    const jwks = createRemoteJWKSet(new URL(jwks_uri));
    await expect(jwtVerify(token, jwks, { issuer, audience: 'another-api' })).rejects.toThrow(
      /aud/,
    );
    await expect(
      jwtVerify(token, jwks, { issuer: `${issuer}-other`, audience: tokenClaims.audience }),
    ).rejects.toThrow(/iss/);
  });

  it('refuses a wrong client secret and a wrong password', async () => {
    const { token_endpoint } = await discovery();
    const system = firstOf(systemClientsOf(directory), 'system');
    const client = await fetch(token_endpoint, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: system.clientId,
        client_secret: 'not-the-secret-of-this-client',
      }),
    });
    expect(client.status).toBe(401);
    const refused = (await client.json()) as Record<string, unknown>;
    // RFC 6749 says invalid_client; Keycloak 26.4 answers unauthorized_client. Either refuses.
    expect(refused.error).toMatch(/^(invalid|unauthorized)_client$/);
    expect(refused).not.toHaveProperty('access_token');

    const person = await fetch(token_endpoint, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: cliClientId,
        username: 'hub.auditor',
        password: 'not-the-password-of-this-person',
      }),
    });
    expect(person.status).toBe(401);
    expect(await person.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('gives a known principal only: an unknown one is an error that names it', async () => {
    await expect(tokens.userToken('nobody.practitioner')).rejects.toThrow(
      'user nobody.practitioner is not in',
    );
  });

  it('reuses a token until shortly before it expires', async () => {
    let now = Date.now();
    const cached = new IdentityTokens({ now: () => now });
    const first = await cached.userToken('hub.mi-analyst');
    expect(await cached.userToken('hub.mi-analyst')).toBe(first);
    now += 290_000; // within 30 s of the five minutes
    const renewed = await cached.userToken('hub.mi-analyst');
    expect(renewed).not.toBe(first);
    expect((await verified(renewed))[tokenClaims.roles]).toEqual(['mi-analyst']);
  });
});
