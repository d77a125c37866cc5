import { MongoClient, type Db } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-key';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
}

/** Connects and proves the connection with a ping, so that a wrong URL fails at start-up. */
export async function connectMongo(url: string, database: string): Promise<MongoConnection> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(database);
  await db.command({ ping: 1 });
  return { client, db };
}

/**
 * Runs an upsert again if it collided on a unique index: two writers creating the same document at
 * once get a duplicate key from FerretDB for the second (MongoDB retries such an upsert itself);
 * once the document exists, the second run updates it.
 */
export async function retryOnceOnDuplicateKey(upsert: () => Promise<unknown>): Promise<void> {
  try {
    await upsert();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await upsert();
  }
}

/** The database answers when a ping does. */
export function mongoHealthProbe(db: Db) {
  return {
    name: 'database',
    async check(): Promise<void> {
      await db.command({ ping: 1 });
    },
  };
}

export { isDuplicateKeyError } from './duplicate-key';
export * from './audit/audit-entries';
export * from './audit/audit-trail';
export * from './audit/audited-access';
export * from './encryption/master-key';
export * from './encryption/person-field-cipher';
export * from './encryption/person-keys';
export * from './encryption/sealed-value';
export { pageOf } from './paged-find';
