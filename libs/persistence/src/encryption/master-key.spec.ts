import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@hub/config';
import {
  LocalMasterKey,
  MasterKeyMismatchError,
  newMasterKeyFileContent,
  readLocalMasterKey,
} from './master-key';

const dir = mkdtempSync(join(tmpdir(), 'hub-master-key-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
};

describe('the local master key', () => {
  it('reads a key file made the documented way, and wraps a data key for one person only', async () => {
    const key = readLocalMasterKey(file('good.key', newMasterKeyFileContent()));
    const dataKey = randomBytes(32);
    const wrapped = await key.wrap(dataKey, 'NOM-1');
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(await key.unwrap(wrapped, 'NOM-1')).toEqual(dataKey);
    await expect(key.unwrap(wrapped, 'NOM-2')).rejects.toThrow(MasterKeyMismatchError);
    await expect(new LocalMasterKey(randomBytes(32)).unwrap(wrapped, 'NOM-1')).rejects.toThrow(
      MasterKeyMismatchError,
    );
  });

  it('names the key by a fingerprint, the same for the same file', () => {
    const path = file('same.key', newMasterKeyFileContent());
    expect(readLocalMasterKey(path).keyId).toBe(readLocalMasterKey(path).keyId);
    expect(readLocalMasterKey(path).keyId).toMatch(/^local:[0-9a-f]{16}$/);
  });

  it('is a configuration error when the file is missing, too short or not base64', () => {
    expect(() => readLocalMasterKey(join(dir, 'missing.key'))).toThrow(ConfigError);
    expect(() => readLocalMasterKey(join(dir, 'missing.key'))).toThrow(/HUB_MASTER_KEY_FILE=/);
    const short = file('short.key', randomBytes(16).toString('base64'));
    expect(() => readLocalMasterKey(short)).toThrow(/32 random bytes in base64/);
    const garbage = file('garbage.key', `${'!'.repeat(44)}\n`);
    expect(() => readLocalMasterKey(garbage)).toThrow(ConfigError);
  });
});
