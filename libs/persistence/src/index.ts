import { MongoBulkWriteError, MongoClient, MongoServerError, type Db } from 'mongodb';

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
 * E11000: the write collided with a unique index (on MongoDB and FerretDB alike); for an unordered
 * bulk write, every write that failed did (the others were done): an earlier delivery's writes.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const writeErrors = [error.writeErrors].flat();
    return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === 11000);
  }
  return error instanceof MongoServerError && error.code === 11000;
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

export * from './audit/audit-entries';
export * from './audit/audit-trail';
export * from './audit/audited-access';
