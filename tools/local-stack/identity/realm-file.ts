import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { organisationDirectory } from '@hub/security';
import { realmFileName, realmFingerprintName } from './names';
import { systemClientsOf, syntheticUsersOf } from './principals';
import { realmOf, secretsFrom } from './realm';
import { ensureIdentitySecrets, writePrivateFile } from './secrets';

/**
 * Writes the realm file a stack's Keycloak imports, generated from the organisation directory with
 * the stack's secrets (created on first use), and the fingerprint of its content beside it. The
 * Keycloak component compares that fingerprint with the one it imported last: a directory change (or
 * new secrets) changes it, and the realm is then re-imported.
 */
export function writeRealmFile(stackDir: string, importDir: string): string {
  const directory = organisationDirectory();
  const secrets = ensureIdentitySecrets(
    stackDir,
    systemClientsOf(directory),
    syntheticUsersOf(directory),
  );
  const content = `${JSON.stringify(realmOf(directory, secretsFrom(secrets)), null, 2)}\n`;
  const fingerprint = createHash('sha256').update(content).digest('hex');
  writePrivateFile(resolve(importDir, realmFileName), content);
  writePrivateFile(resolve(importDir, realmFingerprintName), `${fingerprint}\n`);
  return fingerprint;
}
