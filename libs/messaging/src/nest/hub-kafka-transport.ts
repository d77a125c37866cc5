import type { ExceptionFilter, INestApplication } from '@nestjs/common';
import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import {
  EventPattern,
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';
import { isTopicName, type TopicName } from '@hub/contracts';
import { oneEventAtATime, type EventFailure } from '../consumer/batch-handler';
import type { ConsumedEvent } from '../consumer/consumed-event';
import {
  ConsumerRunner,
  type ConsumerRunnerOptions,
  type ConsumerState,
} from '../consumer/consumer-runner';
import { PermanentEventError } from '../errors';
import type { HubSchemaRegistry } from '../schema-registry';
import { HubEventBatchContext, HubEventContext } from './hub-event-context';

/**
 * Binds a controller method to one or more catalogue topics:
 * `@OnHubEvent('police.intelligence.shared.v1')`.
 */
export const OnHubEvent = (...topics: [TopicName, ...TopicName[]]): MethodDecorator =>
  EventPattern(topics.length === 1 ? topics[0] : topics);

const batchExtra = 'hubBatch';

/**
 * Binds a controller method to the events of one or more catalogue topics, many at a time:
 * `@Ctx() context: HubEventBatchContext` holds them (several partitions' events, each key's in
 * order), and the method resolves with the events it could not apply (`EventFailure[]`).
 */
export const OnHubEvents = (...topics: [TopicName, ...TopicName[]]): MethodDecorator =>
  // Nest makes one handler per topic: the mark says which of them are the same method, whose
  // events are applied together.
  EventPattern(topics.length === 1 ? topics[0] : topics, { [batchExtra]: Symbol(topics.join()) });

export type HubKafkaTransportOptions = Omit<
  ConsumerRunnerOptions,
  'topics' | 'handler' | 'batchHandler'
> & {
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
      batchHandler: (events) => this.dispatch(events),
    });
    await this.runner.start();
  }

  /** Hands each batch handler its topics' events at once, and other handlers one at a time. */
  private async dispatch(events: readonly ConsumedEvent[]): Promise<EventFailure[]> {
    const byMethod = new Map<unknown, { handler: MessageHandler; events: ConsumedEvent[] }>();
    const failures: EventFailure[] = [];
    for (const event of events) {
      const handler = this.getHandlerByPattern(event.topic);
      if (!handler) {
        failures.push({ event, error: new PermanentEventError(`no handler for ${event.topic}`) });
        continue;
      }
      const method: unknown = handler.extras?.[batchExtra] ?? handler;
      const entry = byMethod.get(method) ?? { handler, events: [] };
      entry.events.push(event);
      byMethod.set(method, entry);
    }
    const outcomes = await Promise.all(
      [...byMethod.values()].map(({ handler, events: handled }) =>
        handler.extras?.[batchExtra] !== undefined
          ? this.callBatchHandler(handler, handled)
          : oneEventAtATime(
              (event) => this.callHandler(handler, event),
              this.keysConcurrently,
            )(handled),
      ),
    );
    return [...failures, ...outcomes.flat()];
  }

  private get keysConcurrently(): number {
    return this.options.keysConcurrently ?? 4;
  }

  private async callHandler(handler: MessageHandler, event: ConsumedEvent): Promise<void> {
    const result: unknown = await handler(event.value, new HubEventContext([event]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private async callBatchHandler(
    handler: MessageHandler,
    events: ConsumedEvent[],
  ): Promise<EventFailure[]> {
    const values = events.map((event) => event.value);
    let result: unknown = await handler(values, new HubEventBatchContext([events]));
    if (isObservable(result)) result = await lastValueFrom(result, { defaultValue: [] });
    if (!Array.isArray(result)) {
      throw new Error('an @OnHubEvents handler must resolve with the events it could not apply');
    }
    return result as EventFailure[];
  }
}

/**
 * Nest's default RPC filter replaces every unknown error by a generic one, but the runner needs the
 * original to tell a permanent failure from a passing one: for event handlers this filter hands the
 * error on untouched; HTTP errors get Nest's usual treatment. Handlers' own filters still apply first.
 */
@Catch()
export class HubExceptionsFilter extends BaseExceptionFilter {
  constructor(
    applicationRef: ConstructorParameters<typeof BaseExceptionFilter>[0],
    /** The app's own filter for HTTP errors, if it has one: this global filter would shadow it. */
    private readonly httpFilter?: ExceptionFilter,
  ) {
    super(applicationRef);
  }

  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    if (this.httpFilter) {
      this.httpFilter.catch(exception, host);
      return;
    }
    super.catch(exception, host);
  }
}

/**
 * Connects the app's HubKafkaTransport provider and starts consuming. Call before `listen`, with
 * the app's HTTP exception filter when it has one (HubExceptionFilter of @hub/observability).
 */
export async function startHubConsumer(
  app: INestApplication,
  httpFilter?: ExceptionFilter,
): Promise<void> {
  app.useGlobalFilters(new HubExceptionsFilter(app.getHttpAdapter(), httpFilter));
  app.connectMicroservice({ strategy: app.get(HubKafkaTransport) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
