import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { ChainVerifier } from '@hub/security';
import { auditEntriesOf, entryOf, storedEntries } from '@hub/persistence';
import { auditPublicationCheckpoint } from '../../apps/registry/src/audit/audit-publisher';
import { registryConfigSchema } from '../../apps/registry/src/registry.config';
import { endpointsOf } from '../local-stack/stack';

const usage = `usage: npm run audit:verify -- [--batch-size <n>]
Walks the registry's audit trail (audit_entries) from its first entry and checks every link of the
hash chain. Prints the number of entries and the head hash and exits 0 when the chain is intact;
names the first broken link and exits 1 when it is not; exits 2 when it cannot run.
Uses MONGO_URL (else the local stack's) and MONGO_DATABASE (else the registry's default).`;

/** Entries in memory at a time, and how often progress is shown. */
const defaultBatchSize = 1_000;
const progressEvery = 100_000;

class UsageError extends Error {}

function batchSizeOf(value: string | undefined): number {
  const size = Number(value ?? defaultBatchSize);
  if (!Number.isSafeInteger(size) || size < 1 || size > 100_000) {
    throw new UsageError(`--batch-size must be a whole number from 1 to 100000, not ${value}`);
  }
  return size;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string' } } });
  const batchSize = batchSizeOf(values['batch-size']);
  const url = endpointsOf().MONGO_URL;
  const database = registryConfigSchema.shape.MONGO_DATABASE.parse(process.env.MONGO_DATABASE);
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const db = client.db(database);
    const verifier = new ChainVerifier();
    for await (const batch of storedEntries(auditEntriesOf(db), batchSize)) {
      for (const document of batch) {
        const broken = verifier.accept(entryOf(document), document._id);
        if (broken) {
          console.error(
            `audit trail of ${database} is BROKEN at sequence ${broken.sequence} (${broken.kind}): ${broken.message}\n` +
              `${verifier.checked} entries before it verify.`,
          );
          return 1;
        }
        if (verifier.checked % progressEvery === 0) {
          console.error(`verified ${verifier.checked} entries…`);
        }
      }
    }
    // The topic has seen entries up to the checkpoint: a trail ending before it lost its newest.
    const checkpoint = await db
      .collection<{ _id: string; through: number }>('registry_checkpoints')
      .findOne({ _id: auditPublicationCheckpoint });
    const { sequence, hash } = verifier.last;
    if (checkpoint && checkpoint.through > sequence) {
      console.error(
        `audit trail of ${database} is BROKEN at sequence ${sequence + 1} (missing-sequence): ` +
          `entries up to ${checkpoint.through} were published on the audit topic, but the trail ends at ${sequence}`,
      );
      return 1;
    }
    console.log(
      `audit trail of ${database} is intact: ${verifier.checked} entries, head sequence ${sequence}, head hash ${hash}`,
    );
    return 0;
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n${usage}` : error);
    process.exit(2);
  },
);
