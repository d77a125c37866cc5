import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SystemClient, SyntheticUser } from './principals';
import {
  ensureIdentitySecrets,
  identitySecretsFile,
  IdentitySecretsError,
  randomSecret,
  secretsFor,
} from './secrets';

const client = (clientId: string): SystemClient => ({
  clientId,
  name: clientId,
  organisationId: 'o',
});
const user = (username: string): SyntheticUser => ({
  username,
  organisationId: 'o',
  role: 'practitioner',
});

describe('identity secrets', () => {
  it('are long and random', () => {
    const secrets = new Set(Array.from({ length: 50 }, randomSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('keep the secrets of remaining principals, add new ones and drop removed ones', () => {
    let n = 0;
    const fresh = () => `fresh-secret-number-${++n}`;
    const first = secretsFor([client('a'), client('b')], [user('p')], undefined, fresh);
    const second = secretsFor([client('b'), client('c')], [user('p'), user('q')], first, fresh);
    expect(second).toEqual({
      clients: { b: first.clients.b, c: 'fresh-secret-number-4' },
      users: { p: first.users.p, q: 'fresh-secret-number-5' },
    });
  });

  describe('in the stack folder', () => {
    let stackDir: string;
    beforeEach(() => {
      stackDir = mkdtempSync(join(tmpdir(), 'identity-secrets-'));
    });
    afterEach(() => rmSync(stackDir, { recursive: true, force: true }));

    it('are written once, readable by their owner only, and read back the next time', () => {
      const first = ensureIdentitySecrets(stackDir, [client('a')], [user('p')]);
      const file = identitySecretsFile(stackDir);
      expect(file).toBe(join(stackDir, 'secrets', 'identity.json'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
      expect(ensureIdentitySecrets(stackDir, [client('a')], [user('p')])).toEqual(first);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    });

    it('refuse a damaged file with a message that says what to do', () => {
      ensureIdentitySecrets(stackDir, [client('a')], [user('p')]);
      writeFileSync(identitySecretsFile(stackDir), '{"clients": 1}');
      expect(() => ensureIdentitySecrets(stackDir, [client('a')], [user('p')])).toThrow(
        IdentitySecretsError,
      );
      expect(() => ensureIdentitySecrets(stackDir, [client('a')], [user('p')])).toThrow(
        /delete the file to regenerate/,
      );
    });
  });
});
