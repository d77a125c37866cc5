import { createServer } from 'node:net';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { MongoClient } from 'mongodb';

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * Throws, within seconds rather than after kafkajs' minutes of retries, when no broker answers;
 * the error message says which brokers and why.
 */
export async function assertKafkaReachable(
  connection: Required<Pick<KafkaConfig, 'brokers'>> & Pick<KafkaConfig, 'ssl' | 'sasl'>,
  clientId: string,
): Promise<void> {
  const brokers = connection.brokers as string[];
  const kafka = new Kafka({
    clientId,
    ...connection,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 1, initialRetryTime: 300 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Kafka is unreachable at ${brokers.join(',')}: ${cause}`);
  } finally {
    await admin.disconnect().catch(() => undefined); // nothing to close if it never connected
  }
}

/**
 * A connected client, or, within seconds, an error saying the database does not answer at `url`.
 */
export async function connectReachableMongo(url: string): Promise<MongoClient> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return client;
  } catch (error) {
    await client.close().catch(() => undefined); // the connection failed: nothing to keep open
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`MongoDB is unreachable at ${url}: ${cause}`);
  }
}
