import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@hub/config';

/**
 * The key that wraps every person's data key: never stored beside the data. Locally a key file; in
 * production a KMS (its Encrypt/Decrypt with the context as encryption context) implements the same
 * interface, so that the data keys never leave the store unwrapped and the master key never leaves
 * the KMS.
 */
export interface MasterKey {
  /** Says which master key wrapped a data key (kept with it), so that a wrong key is told apart. */
  readonly keyId: string;
  /** `context` (the person's id) is bound to the wrapped key: it unwraps only for that person. */
  wrap(dataKey: Buffer, context: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, context: string): Promise<Buffer>;
}

/** AES-256 key length, for the master key and the data keys alike. */
export const keyLength = 32;
const ivLength = 12;
const tagLength = 16;

/** The content of a new local master key file: 32 random bytes, base64 (one place says the format). */
export function newMasterKeyFileContent(): string {
  return `${randomBytes(keyLength).toString('base64')}\n`;
}

/** Thrown when a wrapped data key does not unwrap: another master key, or a tampered key. */
export class MasterKeyMismatchError extends Error {
  override name = 'MasterKeyMismatchError';
}

/**
 * A master key held in a local file (the local stack's, or a mounted secret): wraps with AES-256-GCM
 * (OpenSSL's, through node:crypto), the person's id as associated data. The wrapped form is
 * iv (12 bytes) | ciphertext | tag (16 bytes).
 */
export class LocalMasterKey implements MasterKey {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== keyLength) throw new Error(`a master key is ${keyLength} bytes`);
    // A fingerprint, not the key: tells which key file wrapped a data key.
    this.keyId = `local:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  }

  wrap(dataKey: Buffer, context: string): Promise<Buffer> {
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Promise.resolve(Buffer.concat([iv, ciphertext, cipher.getAuthTag()]));
  }

  unwrap(wrapped: Buffer, context: string): Promise<Buffer> {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, ivLength));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - tagLength));
      const body = wrapped.subarray(ivLength, wrapped.length - tagLength);
      return Promise.resolve(Buffer.concat([decipher.update(body), decipher.final()]));
    } catch {
      return Promise.reject(
        new MasterKeyMismatchError(`the data key of ${context} does not unwrap with ${this.keyId}`),
      );
    }
  }
}

/**
 * Reads the master key file named by HUB_MASTER_KEY_FILE at start-up: a service that cannot encrypt
 * must not start (it would fail on the first record instead).
 */
export function readLocalMasterKey(file: string, variable = 'HUB_MASTER_KEY_FILE'): LocalMasterKey {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`${variable}=${file} cannot be read: ${reason}`]);
  }
  const trimmed = content.trim();
  const key = Buffer.from(trimmed, 'base64');
  // Buffer.from skips what is not base64: check it round-trips, not only the length.
  if (key.length !== keyLength || key.toString('base64') !== trimmed) {
    throw new ConfigError([
      `${variable}=${file} must hold ${keyLength} random bytes in base64 (44 characters), e.g. from \`head -c 32 /dev/urandom | base64\``,
    ]);
  }
  return new LocalMasterKey(key);
}
