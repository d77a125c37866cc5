import type { INestApplication } from '@nestjs/common';
import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { EventPattern, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';
import { isTopicName, type TopicName } from '@hub/contracts';
import {
  ConsumerRunner,
  type ConsumedEvent,
  type ConsumerRunnerOptions,
  type ConsumerState,
} from '../consumer/consumer-runner';
import { PermanentEventError } from '../errors';
import type { HubSchemaRegistry } from '../schema-registry';
import { HubEventContext } from './hub-event-context';

/**
 * Binds a controller method to one or more catalogue topics:
 * `@OnHubEvent('police.intelligence.shared.v1')`.
 */
export const OnHubEvent = (...topics: [TopicName, ...TopicName[]]): MethodDecorator =>
  EventPattern(topics.length === 1 ? topics[0] : topics);

export type HubKafkaTransportOptions = Omit<ConsumerRunnerOptions, 'topics' | 'handler'> & {
  kafka: Kafka;
  schemas: HubSchemaRegistry;
};

/**
 * A NestJS transport over the hub's consumer runner, so that handlers are ordinary
 * `@OnHubEvent`/`@Payload()`/`@Ctx()` controller methods with pipes, guards and filters. It
 * subscribes to exactly the topics that have handlers, hands them the decoded Avro value, and keeps
 * batching, retries, dead letters and ordering out of their way.
 */
export class HubKafkaTransport extends Server implements CustomTransportStrategy {
  private runner?: ConsumerRunner;

  constructor(private readonly options: HubKafkaTransportOptions) {
    super();
  }

  get state(): ConsumerState {
    return this.runner?.state ?? 'idle';
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await this.runner?.stop();
  }

  on(): never {
    throw new Error('HubKafkaTransport has no events to subscribe to; use its state');
  }

  unwrap<T>(): T {
    return this.runner as T;
  }

  private async start(): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    const unknown = topics.filter((topic) => !isTopicName(topic));
    if (unknown.length > 0) {
      throw new Error(`handlers for topics missing from the catalogue: ${unknown.join(', ')}`);
    }
    const { kafka, schemas, ...runnerOptions } = this.options;
    this.runner = new ConsumerRunner(kafka, schemas, {
      ...runnerOptions,
      topics: topics as TopicName[],
      handler: (event) => this.dispatch(event),
    });
    await this.runner.start();
  }

  private async dispatch(event: ConsumedEvent): Promise<void> {
    const handler = this.getHandlerByPattern(event.topic);
    if (!handler) throw new PermanentEventError(`no handler for ${event.topic}`);
    const result: unknown = await handler(event.value, new HubEventContext([event]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}

/**
 * Nest's default RPC filter replaces every unknown error by a generic one, but the runner needs the
 * original to tell a permanent failure from a passing one: for event handlers this filter hands the
 * error on untouched; HTTP errors get Nest's usual treatment. Handlers' own filters still apply first.
 */
@Catch()
export class HubExceptionsFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    super.catch(exception, host);
  }
}

/** Connects the app's HubKafkaTransport provider and starts consuming. Call before `listen`. */
export async function startHubConsumer(app: INestApplication): Promise<void> {
  app.useGlobalFilters(new HubExceptionsFilter(app.getHttpAdapter()));
  app.connectMicroservice({ strategy: app.get(HubKafkaTransport) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
