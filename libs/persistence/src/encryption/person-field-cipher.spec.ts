import { randomBytes } from 'node:crypto';
import { EnvelopeFieldCipher } from './person-field-cipher';
import { PersonKeyDestroyedError } from './sealed-value';

/** The key store, in memory: what the cipher asks of it (the real one has e2e tests). */
function keysInMemory() {
  const keys = new Map<string, Buffer>();
  return {
    keys,
    forWriting: (ids: Iterable<string>) => {
      for (const id of ids) if (!keys.has(id)) keys.set(id, randomBytes(32));
      return Promise.resolve(new Map([...ids].map((id) => [id, keys.get(id)!])));
    },
    forReading: (ids: Iterable<string>) =>
      Promise.resolve(
        new Map([...ids].filter((id) => keys.has(id)).map((id) => [id, keys.get(id)!])),
      ),
  };
}

describe('the envelope field cipher', () => {
  it('seals per person and opens with that person’s key; plaintext from before is read as is', async () => {
    const store = keysInMemory();
    const cipher = new EnvelopeFieldCipher(store);
    const sealer = await cipher.sealerFor(['NOM-1', 'NOM-2']);
    const one = sealer.seal('NOM-1', 'f', 'one');
    const two = sealer.seal('NOM-2', 'f', 'two');
    const opener = await cipher.openerFor(['NOM-1', 'NOM-2']);
    expect(opener.open('NOM-1', 'f', one)).toBe('one');
    expect(opener.open('NOM-2', 'f', two)).toBe('two');
    expect(opener.open('NOM-1', 'f', 'written before encryption')).toBe(
      'written before encryption',
    );
  });

  it('raises PersonKeyDestroyedError for a destroyed key, never returns garbage', async () => {
    const store = keysInMemory();
    const cipher = new EnvelopeFieldCipher(store);
    const sealed = (await cipher.sealerFor(['NOM-1'])).seal('NOM-1', 'f', 'text');
    store.keys.delete('NOM-1');
    await expect(cipher.openOne('NOM-1', 'f', sealed)).rejects.toThrow(PersonKeyDestroyedError);
    await expect(cipher.openOne('NOM-1', 'f', sealed)).rejects.toMatchObject({
      nominalId: 'NOM-1',
    });
  });
});
