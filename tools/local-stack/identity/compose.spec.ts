import { readFileSync } from 'node:fs';
import { organisationDirectory } from '@hub/security';
import {
  assertDistinctVariables,
  composeEnvFileOf,
  composeRealmFile,
  composeVariableOf,
  placeholderSecrets,
} from './compose';
import { systemClientsOf, syntheticUsersOf } from './principals';
import { realmOf } from './realm';

const directory = organisationDirectory();

describe('the docker-compose realm', () => {
  it('is the realm generated from the current directory (run `npm run identity:compose` after a change)', () => {
    const committed: unknown = JSON.parse(readFileSync(composeRealmFile, 'utf8'));
    expect(committed).toEqual(realmOf(directory, placeholderSecrets));
  });

  it('holds placeholders, never a secret', () => {
    const realm = realmOf(directory, placeholderSecrets);
    for (const client of realm.clients.filter((candidate) => !candidate.publicClient)) {
      expect(client.secret).toBe(`\${${composeVariableOf('client', client.clientId)}}`);
    }
    for (const user of realm.users) {
      for (const credential of user.credentials ?? []) {
        expect(credential.value).toMatch(/^\$\{HUB_IDENTITY_PASSWORD__[A-Z0-9_]+\}$/);
      }
    }
  });

  it('gives every principal a variable of its own', () => {
    expect(() =>
      assertDistinctVariables(systemClientsOf(directory), syntheticUsersOf(directory)),
    ).not.toThrow();
    expect(() =>
      assertDistinctVariables(
        [
          { clientId: 'a.b', name: 'x', organisationId: 'o' },
          { clientId: 'a-b', name: 'y', organisationId: 'o' },
        ],
        [],
      ),
    ).toThrow('a.b and a-b would share the variable HUB_IDENTITY_CLIENT_SECRET__A_B');
  });

  it('writes an env file with one line per secret', () => {
    expect(
      composeEnvFileOf({
        clients: { 'police-x.rms': 'c'.repeat(20) },
        users: { 'hub.auditor': 'p'.repeat(20) },
      })
        .split('\n')
        .filter((line) => line && !line.startsWith('#')),
    ).toEqual([
      `HUB_IDENTITY_CLIENT_SECRET__POLICE_X_RMS=${'c'.repeat(20)}`,
      `HUB_IDENTITY_PASSWORD__HUB_AUDITOR=${'p'.repeat(20)}`,
    ]);
  });
});
