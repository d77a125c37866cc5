import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Binary, BSON } from 'mongodb';

/**
 * A value encrypted at rest, as stored: AES-256-GCM (node:crypto, i.e. OpenSSL) over the BSON of
 * `{ value }` (so strings, lists, objects, dates and bytes keep their types), a random 96-bit IV, and
 * the tag appended to the ciphertext. `v` is the envelope's version: another algorithm or layout gets
 * another number, and values of every version stay readable.
 */
export interface SealedValue {
  v: 1;
  iv: Binary;
  ct: Binary;
}

const envelopeVersion = 1;
const ivLength = 12;
const tagLength = 16;

/** A sealed value could not be opened: moved to another person or field, tampered with, or unknown. */
export class UndecryptableValueError extends Error {
  override name = 'UndecryptableValueError';
}

/**
 * The person's data key no longer exists (crypto-shredded by a removal): every copy of what was
 * encrypted with it, wherever it is, stays unreadable.
 */
export class PersonKeyDestroyedError extends Error {
  override name = 'PersonKeyDestroyedError';

  constructor(readonly nominalId: string) {
    super(`the data key of ${nominalId} has been destroyed: its encrypted content is unreadable`);
  }
}

/**
 * Associated data: who and which field a value belongs to, so that a ciphertext copied to another
 * person or another field does not open (JSON keeps the two parts unambiguous).
 */
function associatedData(nominalId: string, field: string): Buffer {
  return Buffer.from(JSON.stringify([nominalId, field]), 'utf8');
}

/** Whether a stored value is an envelope (else it was written before encryption: plaintext). */
export function isSealedValue(stored: unknown): stored is SealedValue {
  if (typeof stored !== 'object' || stored === null) return false;
  const candidate = stored as Partial<Record<keyof SealedValue, unknown>>;
  return (
    typeof candidate.v === 'number' &&
    candidate.iv instanceof Binary &&
    candidate.ct instanceof Binary
  );
}

export function sealValue(
  key: Buffer,
  nominalId: string,
  field: string,
  value: unknown,
): SealedValue {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(nominalId, field));
  const plaintext = BSON.serialize({ value });
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { v: envelopeVersion, iv: new Binary(iv), ct: new Binary(ciphertext) };
}

export function openValue(
  key: Buffer,
  nominalId: string,
  field: string,
  sealed: SealedValue,
): unknown {
  if (sealed.v !== envelopeVersion) {
    throw new UndecryptableValueError(
      `${field} of ${nominalId} is sealed with envelope version ${String(sealed.v)}, which this version of the hub does not know`,
    );
  }
  const body = Buffer.from(sealed.ct.buffer);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv.buffer));
    decipher.setAAD(associatedData(nominalId, field));
    decipher.setAuthTag(body.subarray(body.length - tagLength));
    const plaintext = Buffer.concat([
      decipher.update(body.subarray(0, body.length - tagLength)),
      decipher.final(),
    ]);
    return (BSON.deserialize(plaintext) as { value: unknown }).value;
  } catch {
    // GCM's tag: never garbage, always this error.
    throw new UndecryptableValueError(
      `${field} of ${nominalId} does not decrypt with its person's key (moved, or tampered with)`,
    );
  }
}
