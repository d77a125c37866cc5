import type { PersonKeys } from './person-keys';
import {
  isSealedValue,
  openValue,
  PersonKeyDestroyedError,
  sealValue,
  type SealedValue,
} from './sealed-value';

/** Seals values of the people it was made for (their keys are at hand: no round trip per value). */
export interface FieldSealer {
  /** What to store for `value`, the `field` of `nominalId`'s data. */
  seal(nominalId: string, field: string, value: unknown): unknown;
}

/** Opens stored values of the people it was made for. */
export interface FieldOpener {
  /**
   * The value stored as `stored`: opened if sealed, as is if it was written before encryption.
   * Throws PersonKeyDestroyedError when the person's key is gone, never returns garbage.
   */
  open(nominalId: string, field: string, stored: unknown): unknown;
}

/**
 * Encryption of sensitive fields per person, prepared a batch of people at a time: the storage code
 * asks for a sealer or an opener for every person of a batch (one key lookup), then seals or opens
 * each field without waiting.
 */
export interface PersonFieldCipher {
  sealerFor(nominalIds: Iterable<string>): Promise<FieldSealer>;
  openerFor(nominalIds: Iterable<string>): Promise<FieldOpener>;
}

/** Envelope encryption: each person's data key (PersonKeys), wrapped by the master key. */
export class EnvelopeFieldCipher implements PersonFieldCipher {
  constructor(private readonly personKeys: Pick<PersonKeys, 'forReading' | 'forWriting'>) {}

  async sealerFor(nominalIds: Iterable<string>): Promise<FieldSealer> {
    const keys = await this.personKeys.forWriting(nominalIds);
    return {
      seal: (nominalId, field, value): SealedValue => {
        const key = keys.get(nominalId);
        // A caller bug (a person not asked for), not a destroyed key: forWriting creates keys.
        if (!key) throw new Error(`no data key was prepared for ${nominalId}`);
        return sealValue(key, nominalId, field, value);
      },
    };
  }

  async openerFor(nominalIds: Iterable<string>): Promise<FieldOpener> {
    const keys = await this.personKeys.forReading(nominalIds);
    return {
      open: (nominalId, field, stored) => {
        if (!isSealedValue(stored)) return stored;
        const key = keys.get(nominalId);
        if (!key) throw new PersonKeyDestroyedError(nominalId);
        return openValue(key, nominalId, field, stored);
      },
    };
  }

  /** One value of one person, e.g. for a test to show that a copy of it is unreadable now. */
  async openOne(nominalId: string, field: string, stored: unknown): Promise<unknown> {
    return (await this.openerFor([nominalId])).open(nominalId, field, stored);
  }
}
