import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { TopicName } from '@hub/contracts';
import { PermanentEventError, UndecodableMessageError, UnknownSchemaError } from './errors';
import type { HubSchemaRegistry } from './schema-registry';

export interface ConsumedEvent {
  topic: TopicName;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  schemaId: number;
  /** The decoded Avro value; the handler narrows it by topic. */
  value: unknown;
}

export type EventHandler = (event: ConsumedEvent) => Promise<void>;

export interface ConsumerLogger {
  warn(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

export interface EventConsumerOptions {
  groupId: string;
  topics: readonly TopicName[];
  /** Where messages that can never be applied go, with the reason in their headers. */
  deadLetterTopic: TopicName;
  logger: ConsumerLogger;
  /** Called when the consumer has crashed for good, so that the process can exit and be restarted. */
  onFatal: (error: Error) => void;
}

function headersAsStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}

/**
 * Consumes catalogue topics, decodes through the schema registry and hands each event to the
 * handler, committing only after the handler resolves (so redelivery after a crash is possible and
 * handlers must be idempotent). Undecodable messages, unknown schema ids and permanent handler
 * failures are dead-lettered at once so that they never block the partition behind them; any other
 * error is retried by kafkajs.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;

  constructor(
    kafka: Kafka,
    private readonly schemas: HubSchemaRegistry,
    private readonly options: EventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({ groupId: options.groupId });
    this.deadLetters = kafka.producer({
      idempotent: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) options.onFatal(payload.error);
    });
  }

  async start(handler: EventHandler): Promise<void> {
    await this.deadLetters.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        await this.handle(topic as TopicName, partition, message, handler);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.deadLetters.disconnect();
  }

  private async handle(
    topic: TopicName,
    partition: number,
    message: KafkaMessage,
    handler: EventHandler,
  ): Promise<void> {
    let decoded;
    try {
      decoded = await this.schemas.decode(message.value);
    } catch (error) {
      if (error instanceof UndecodableMessageError || error instanceof UnknownSchemaError) {
        return this.deadLetter(topic, partition, message, error);
      }
      throw error;
    }
    try {
      await handler({
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        headers: headersAsStrings(message.headers),
        schemaId: decoded.schemaId,
        value: decoded.value,
      });
    } catch (error) {
      if (error instanceof PermanentEventError)
        return this.deadLetter(topic, partition, message, error);
      this.options.logger.warn(
        { topic, partition, offset: message.offset, err: error },
        'event handler failed; the event will be redelivered',
      );
      throw error;
    }
  }

  private async deadLetter(
    topic: TopicName,
    partition: number,
    message: KafkaMessage,
    error: Error,
  ): Promise<void> {
    const failedAt = new Date().toISOString();
    this.options.logger.error(
      { topic, partition, offset: message.offset, errorClass: error.name, reason: error.message },
      'event dead-lettered',
    );
    await this.deadLetters.send({
      topic: this.options.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq.source.topic': topic,
            'dlq.source.partition': String(partition),
            'dlq.source.offset': message.offset,
            'dlq.consumer.group': this.options.groupId,
            'dlq.error.class': error.name,
            'dlq.error.message': error.message,
            'dlq.failed.at': failedAt,
          },
        },
      ],
    });
  }
}
