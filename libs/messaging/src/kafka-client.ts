import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';

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

export function createKafka(clientId: string, brokers: string[], sink: KafkaLogSink): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.INFO,
    logCreator: logCreatorFor(sink),
    retry: { initialRetryTime: 300, retries: 8 },
  });
}
