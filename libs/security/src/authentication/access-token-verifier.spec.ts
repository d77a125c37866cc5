import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
  type KeyLike,
} from 'jose';
import { organisationDirectory } from '../directory/organisation-directory';
import {
  AccessTokenVerifier,
  AuthenticationError,
  IdentityProviderUnavailableError,
  UnknownOrganisationError,
} from './access-token-verifier';

const issuer = 'http://127.0.0.1:1/realms/mappa-hub';

describe('AccessTokenVerifier', () => {
  let key: KeyLike;
  let otherKey: KeyLike;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    ({ privateKey: otherKey } = await generateKeyPair('RS256'));
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
    verifier = new AccessTokenVerifier(
      { issuer, clockToleranceSeconds: 30 },
      organisationDirectory(),
      createLocalJWKSet({ keys: [jwk] }),
    );
  });

  const token = (
    claims: Record<string, unknown> = {},
    options: {
      signWith?: KeyLike;
      expiresIn?: string | number;
      audience?: string;
      issuer?: string;
    } = {},
  ) =>
    new SignJWT({
      org: 'police-greater-manchester',
      roles: ['practitioner', 'offline_access'],
      azp: 'hub-cli',
      preferred_username: 'police-greater-manchester.practitioner',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('3f1c')
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? 'mappa-hub')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.signWith ?? key);

  const bearer = async (...args: Parameters<typeof token>) => `Bearer ${await token(...args)}`;

  it('turns a valid token into the caller, keeping only hub roles', async () => {
    const caller = await verifier.callerOf(await bearer());
    expect(caller).toMatchObject({
      subject: '3f1c',
      username: 'police-greater-manchester.practitioner',
      organisation: { id: 'police-greater-manchester', agencyType: 'POLICE' },
      roles: ['practitioner'],
      clientId: 'hub-cli',
    });
  });

  it.each([
    ['no header', undefined, /an access token is required/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /must be "Bearer <access token>"/],
    ['garbage', 'Bearer not-a-jwt', /not valid/],
  ])('refuses %s', async (_, header, reason) => {
    await expect(verifier.callerOf(header)).rejects.toThrow(reason);
  });

  it('refuses an expired token, a wrong audience, a wrong issuer and a foreign signature', async () => {
    const expired = Math.floor(Date.now() / 1000) - 60;
    const cases: [Promise<string>, RegExp][] = [
      [bearer({}, { expiresIn: expired }), /expired/],
      [bearer({}, { audience: 'account' }), /aud claim/],
      [bearer({}, { issuer: 'http://evil.example/realms/mappa-hub' }), /iss claim/],
      [bearer({}, { signWith: otherKey }), /not signed by the hub identity provider/],
    ];
    for (const [header, reason] of cases) {
      const error = await verifier.callerOf(await header).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toMatch(reason);
    }
  });

  it('tolerates a clock skew of up to 30 seconds', async () => {
    const justExpired = Math.floor(Date.now() / 1000) - 10;
    await expect(
      verifier.callerOf(await bearer({}, { expiresIn: justExpired })),
    ).resolves.toBeDefined();
  });

  it("refuses a token of an organisation the directory does not know, or of another organisation's client", async () => {
    await expect(verifier.callerOf(await bearer({ org: 'police-atlantis' }))).rejects.toThrow(
      UnknownOrganisationError,
    );
    await expect(verifier.callerOf(await bearer({ org: undefined }))).rejects.toThrow(
      /names no organisation/,
    );
    const prisonClient = organisationDirectory().servingArea('Greater Manchester', 'PRISON')[0]
      .systems[0].oauthClientId!;
    await expect(verifier.callerOf(await bearer({ azp: prisonClient }))).rejects.toThrow(
      /belongs to prison-hmp-manchester, not to police-greater-manchester/,
    );
  });

  it('tells an unreachable provider from a bad token: neither accepted nor refused as invalid', async () => {
    const unreachable = new AccessTokenVerifier(
      { issuer, clockToleranceSeconds: 30 },
      organisationDirectory(),
      () => Promise.reject(new TypeError('fetch failed')),
    );
    await expect(unreachable.callerOf(await bearer())).rejects.toThrow(
      IdentityProviderUnavailableError,
    );
  });
});
