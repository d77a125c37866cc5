import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { newMasterKeyFileContent } from '@hub/persistence';
import { secretsDir } from './components/kafka-secrets';
import { report } from './progress';

/**
 * The local stack's master key (32 random bytes, base64, 0600), beside its Kafka secrets: it wraps
 * every person's data key in the databases of this stack. A deployment gives its own through
 * HUB_MASTER_KEY_FILE (a mounted secret), or a KMS.
 */
export const localMasterKeyFile = resolve(secretsDir, 'master.key');

/** The master key file services use: HUB_MASTER_KEY_FILE if given, else the stack's. */
export function masterKeyFile(): string {
  return process.env.HUB_MASTER_KEY_FILE?.trim() || localMasterKeyFile;
}

/** Creates the stack's master key unless it exists (never replaced: it would orphan every key). */
export function ensureLocalMasterKeyFile(): void {
  if (process.env.HUB_MASTER_KEY_FILE?.trim() || existsSync(localMasterKeyFile)) return;
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  chmodSync(secretsDir, 0o700);
  report('stack', `creating the master key that wraps the data keys: ${localMasterKeyFile}`);
  writeFileSync(localMasterKeyFile, newMasterKeyFileContent(), { mode: 0o600, flag: 'wx' });
}
