import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { organisationDirectory } from '@hub/security';
import { repoRoot } from '../config';
import {
  assertDistinctVariables,
  composeEnvFileOf,
  composeRealmFile,
  placeholderSecrets,
} from './compose';
import { systemClientsOf, syntheticUsersOf } from './principals';
import { realmOf } from './realm';
import { ensureIdentitySecrets, writePrivateFile } from './secrets';

/**
 * `npm run identity:compose`: writes the compose realm (placeholders, committed) from the directory,
 * and the secrets compose gives Keycloak (generated once, kept in .stack/compose/, git-ignored).
 */
const composeStackDir = resolve(repoRoot, '.stack', 'compose');

function main(): void {
  const directory = organisationDirectory();
  const clients = systemClientsOf(directory);
  const users = syntheticUsersOf(directory);
  assertDistinctVariables(clients, users);
  const realm = realmOf(directory, placeholderSecrets);
  writeFileSync(composeRealmFile, `${JSON.stringify(realm, null, 2)}\n`);
  const secrets = ensureIdentitySecrets(composeStackDir, clients, users);
  const envFile = resolve(composeStackDir, 'identity.env');
  writePrivateFile(envFile, composeEnvFileOf(secrets));
  console.log(
    `realm: ${composeRealmFile}\nsecrets: ${envFile} (and secrets/identity.json beside it)`,
  );
}

main();
