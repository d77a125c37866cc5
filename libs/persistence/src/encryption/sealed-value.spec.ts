import { randomBytes } from 'node:crypto';
import { Binary } from 'mongodb';
import {
  isSealedValue,
  openValue,
  sealValue,
  UndecryptableValueError,
  type SealedValue,
} from './sealed-value';

const key = randomBytes(32);

describe('sealed values (AES-256-GCM per person and field)', () => {
  it('round-trips strings, lists, objects with dates, and bytes', () => {
    const values = [
      'Seen near a school gate (synthetic).',
      ['No contact with children under 16', 'No internet use'],
      { when: new Date('2025-01-02T03:04:05Z'), nested: { n: 3, none: null } },
      new Binary(Buffer.from([0, 1, 2, 255])),
    ];
    for (const value of values) {
      const sealed = sealValue(key, 'NOM-1', 'nominals.intelligence.text', value);
      expect(isSealedValue(sealed)).toBe(true);
      expect(openValue(key, 'NOM-1', 'nominals.intelligence.text', sealed)).toEqual(value);
    }
  });

  it('uses a fresh IV every time: the same text never seals the same', () => {
    const a = sealValue(key, 'NOM-1', 'f', 'same');
    const b = sealValue(key, 'NOM-1', 'f', 'same');
    expect(a.iv.buffer).toHaveLength(12);
    expect(Buffer.from(a.iv.buffer).equals(Buffer.from(b.iv.buffer))).toBe(false);
    expect(Buffer.from(a.ct.buffer).equals(Buffer.from(b.ct.buffer))).toBe(false);
  });

  it('does not open for another person, another field, another key, or once tampered with', () => {
    const sealed = sealValue(key, 'NOM-1', 'nominals.meetings.minutes', 'minutes');
    expect(() => openValue(key, 'NOM-2', 'nominals.meetings.minutes', sealed)).toThrow(
      UndecryptableValueError,
    );
    expect(() => openValue(key, 'NOM-1', 'nominals.intelligence.text', sealed)).toThrow(
      UndecryptableValueError,
    );
    expect(() => openValue(randomBytes(32), 'NOM-1', 'nominals.meetings.minutes', sealed)).toThrow(
      UndecryptableValueError,
    );
    const bytes = Buffer.from(sealed.ct.buffer);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const tampered: SealedValue = { ...sealed, ct: new Binary(bytes) };
    expect(() => openValue(key, 'NOM-1', 'nominals.meetings.minutes', tampered)).toThrow(
      UndecryptableValueError,
    );
  });

  it('refuses an envelope version it does not know, and tells plaintext from envelopes', () => {
    const sealed = sealValue(key, 'NOM-1', 'f', 'text');
    const future = { ...sealed, v: 2 } as unknown as SealedValue;
    expect(() => openValue(key, 'NOM-1', 'f', future)).toThrow(/envelope version 2/);
    expect(isSealedValue('plain text written before encryption')).toBe(false);
    expect(isSealedValue(['a', 'b'])).toBe(false);
    expect(isSealedValue({ v: 1, iv: 'x', ct: 'y' })).toBe(false);
    expect(isSealedValue(null)).toBe(false);
  });
});
