import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { organisationDirectory } from '@hub/security';
import { systemClientsOf, syntheticUsersOf } from './principals';
import { realmName, realmOf, secretsFrom } from './realm';
import { ensureIdentitySecrets, writePrivateFile } from './secrets';

/**
 * The realm file the local Keycloak imports, and whether the realm it holds was imported already.
 * A directory change (or new secrets) changes the file's fingerprint; the component then re-imports
 * the realm (overriding the old one) before Keycloak starts. The same file imports once, however
 * often the stack starts.
 */
export interface RealmFile {
  file: string;
  fingerprint: string;
  /** True when the realm in Keycloak's database is not this file's. */
  needsImport: boolean;
  /** Records that Keycloak now holds this file's realm. */
  markImported(): void;
}

/** Writes `<keycloakDir>/import/mappa-hub.json` (it holds secrets: owner only) from the directory. */
export function prepareRealmFile(stackDir: string, keycloakDir: string): RealmFile {
  const directory = organisationDirectory();
  const secrets = ensureIdentitySecrets(
    stackDir,
    systemClientsOf(directory),
    syntheticUsersOf(directory),
  );
  const content = `${JSON.stringify(realmOf(directory, secretsFrom(secrets)), null, 2)}\n`;
  const fingerprint = createHash('sha256').update(content).digest('hex');
  const file = resolve(keycloakDir, 'import', `${realmName}.json`);
  const marker = resolve(keycloakDir, 'imported-realm.sha256');
  const imported = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;
  writePrivateFile(file, content);
  return {
    file,
    fingerprint,
    needsImport: imported !== fingerprint,
    markImported: () => writeFileSync(marker, `${fingerprint}\n`),
  };
}
