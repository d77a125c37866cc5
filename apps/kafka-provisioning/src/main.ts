import { Kafka, logLevel } from 'kafkajs';
import { kafkaClientOptionsFromEnv, provisionKafka } from '@hub/messaging';
import { organisationDirectory } from '@hub/security';

/**
 * A one-shot run of what `npm run stack:up` does for the local stack's broker: every catalogue
 * topic created and the broker's ACLs made exactly those derived from the topic catalogue × the
 * organisation directory (stale ones deleted). docker-compose runs it before the services start.
 * Needs the credentials of a Kafka super user (KAFKA_SASL_USERNAME etc.).
 */
async function main(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'kafka-provisioning',
    ...kafkaClientOptionsFromEnv(),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 500, retries: 10 },
  });
  const { created, deleted, total } = await provisionKafka(kafka);
  console.log(
    `kafka-provisioning: topics ensured; ${total} ACLs derived from directory ` +
      `${organisationDirectory().version}, ${created} created, ${deleted} stale deleted`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `kafka-provisioning: failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
