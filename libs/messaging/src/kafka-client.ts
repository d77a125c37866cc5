import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type logCreator } from 'kafkajs';
import { ConfigError, loadKafkaConnection, type KafkaConnectionConfig } from '@hub/config';

/** What every kafkajs client of the hub is given to reach the broker and prove who it is. */
export type KafkaClientOptions = Required<Pick<KafkaConfig, 'brokers'>> &
  Pick<KafkaConfig, 'ssl' | 'sasl'>;

/**
 * The one place that turns Kafka connection settings into kafkajs options: SCRAM-SHA-512 over TLS
 * (the broker's certificate checked against `KAFKA_CA_FILE`) when credentials are given, a plain
 * connection otherwise. `loadConfig` has already made sure the three come together.
 */
export function kafkaClientOptions(connection: KafkaConnectionConfig): KafkaClientOptions {
  const brokers = connection.KAFKA_BROKERS;
  const username = connection.KAFKA_SASL_USERNAME;
  const caFile = connection.KAFKA_CA_FILE;
  if (!username || !caFile) return { brokers };
  const password =
    connection.KAFKA_SASL_PASSWORD ??
    secretFile('KAFKA_SASL_PASSWORD_FILE', connection.KAFKA_SASL_PASSWORD_FILE).trim();
  return {
    brokers,
    ssl: { ca: [secretFile('KAFKA_CA_FILE', caFile)], rejectUnauthorized: true },
    sasl: { mechanism: 'scram-sha-512', username, password },
  };
}

/** A file a setting names, or an error naming the setting. */
function secretFile(setting: string, file: string | undefined): string {
  if (!file) throw new ConfigError([`${setting} is required with KAFKA_SASL_USERNAME`]);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`${setting}=${file} cannot be read: ${cause}`]);
  }
}

/** `kafkaClientOptions` of the settings in `env` (tools and tests; services load their config). */
export function kafkaClientOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): KafkaClientOptions {
  return kafkaClientOptions(loadKafkaConnection(env));
}

/** Where kafkajs writes its own log lines, so that they join the service's structured log. */
export interface KafkaLogSink {
  error(entry: object, message: string): void;
  warn(entry: object, message: string): void;
  info(entry: object, message: string): void;
  debug(entry: object, message: string): void;
}

function logCreatorFor(sink: KafkaLogSink): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...fields } = log;
      const entry = { kafkajs: namespace, ...fields };
      // Deliberate: publishes retry a bounded number of times, then fail back to the caller, who
      // retries with the same event id (consumers are idempotent). kafkajs warns about it on every start.
      if (message.startsWith('Limiting retries for the idempotent producer'))
        sink.debug(entry, message);
      else if (level === logLevel.ERROR) sink.error(entry, message);
      else if (level === logLevel.WARN) sink.warn(entry, message);
      else if (level === logLevel.INFO) sink.info(entry, message);
      else sink.debug(entry, message);
    };
}

/**
 * How long a client keeps retrying a broker it cannot reach: 8 retries from 300 ms, doubling up to
 * kafkajs's 30 s cap (about a minute), long enough for a broker to restart. kafkajs's default
 * (5 retries, about 9 s) gives up while a restarted broker is still starting.
 */
export const brokerRetry = { initialRetryTime: 300, retries: 8 } as const;

export function createKafka(
  clientId: string,
  connection: KafkaConnectionConfig,
  sink: KafkaLogSink,
): Kafka {
  return new Kafka({
    clientId,
    ...kafkaClientOptions(connection),
    logLevel: logLevel.INFO,
    logCreator: logCreatorFor(sink),
    retry: brokerRetry,
  });
}
