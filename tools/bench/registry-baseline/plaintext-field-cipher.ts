import type { PersonFieldCipher } from '@hub/persistence';

/**
 * Stores sensitive fields as they are: the baseline bench:ingest compares the registry's ingest
 * with. It lives with the bench and is compiled only by it (tsconfig.json here), never into the
 * services' build: no deployment can run without encryption.
 */
export const plaintextFieldCipher: PersonFieldCipher = {
  sealerFor: () => Promise.resolve({ seal: (_nominalId, _field, value) => value }),
  openerFor: () => Promise.resolve({ open: (_nominalId, _field, stored) => stored }),
};
