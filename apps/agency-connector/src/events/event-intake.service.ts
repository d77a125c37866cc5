import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Type } from 'avsc';
import {
  jsonToAvro,
  parseSchemaFiles,
  topicCatalogue,
  type EventMetadata,
  type TopicName,
} from '@hub/contracts';
import type { EventPublisher, PublishedEvent } from '@hub/messaging';
import type { Caller } from '@hub/security';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '../connector.config';
import { EVENT_PUBLISHER } from '../infrastructure/tokens';
import { eventRoutesOf } from './event-routes';

export interface AcceptedEvent extends PublishedEvent {
  eventId: string;
  nominalId: string;
}

interface HubEvent {
  metadata: EventMetadata;
  nominalId: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Turns an agency system's JSON into a published event: checks it against the topic's Avro schema,
 * stamps the connector's own agency as the producer, and answers only once Kafka has it.
 */
@Injectable()
export class EventIntakeService {
  private readonly routes: Map<string, TopicName>;
  private readonly types: Map<string, Type>;

  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {
    this.routes = eventRoutesOf(config.AGENCY);
    this.types = parseSchemaFiles();
  }

  /** The topics this connector publishes on, for start-up provisioning. */
  publishedTopics(): TopicName[] {
    return [...this.routes.values()];
  }

  /** `traceparent` is the W3C trace context of this hop, carried on to every consumer in the headers. */
  async accept(
    eventType: string,
    body: unknown,
    caller: Caller,
    correlationId: string,
    traceparent: string,
  ): Promise<AcceptedEvent> {
    const topic = this.routes.get(eventType);
    if (!topic) {
      const known = [...this.routes.keys()].join(', ') || '(none)';
      throw new NotFoundException(
        `the ${this.config.AGENCY} connector publishes no event type "${eventType}"; it publishes: ${known}`,
      );
    }
    const value = this.validate(topic, this.stamped(body, caller, correlationId));
    let published: PublishedEvent;
    try {
      published = await this.publisher.publish(topic, value.nominalId, value, {
        'x-correlation-id': value.metadata.correlationId,
        'x-event-id': value.metadata.eventId,
        traceparent,
      });
    } catch (error) {
      // Not accepted: the caller must be told, and may safely send the same event id again.
      throw new ServiceUnavailableException(
        `Kafka did not acknowledge event ${value.metadata.eventId}, so it was not accepted; retry with the ` +
          `same eventId (${(error as Error).message})`,
      );
    }
    return { eventId: value.metadata.eventId, nominalId: value.nominalId, ...published };
  }

  /**
   * Adds what the connector vouches for, from the caller's verified token: the producing agency and
   * organisation; and, unless the body gives them, the system (its OAuth client) and a correlation
   * id. A body that names another agency or organisation is refused, never corrected.
   */
  private stamped(body: unknown, caller: Caller, correlationId: string): unknown {
    const { organisation } = caller;
    if (organisation.agencyType !== this.config.AGENCY) {
      throw new ForbiddenException(
        `${organisation.name} is a ${organisation.agencyType} organisation; this connector publishes for ${this.config.AGENCY} only`,
      );
    }
    if (!isPlainObject(body) || !isPlainObject(body.metadata)) return body;
    const given = body.metadata;
    const vouched = {
      producingAgency: this.config.AGENCY,
      producingOrganisation: organisation.id,
    };
    const violations = Object.entries(vouched)
      .filter(([field, value]) => given[field] !== undefined && given[field] !== value)
      .map(([field, value]) => ({
        field: `metadata.${field}`,
        problem: `must be ${value} (from your access token) or absent`,
      }));
    if (violations.length > 0) {
      throw new ForbiddenException({
        message: `the event names another ${violations.map((v) => v.field.slice('metadata.'.length)).join(' and ')} than your access token: you publish as ${organisation.id}`,
        violations,
      });
    }
    // The system may name itself more precisely than its client (a module of a case system).
    return {
      ...body,
      metadata: { correlationId, producingSystem: caller.clientId, ...given, ...vouched },
    };
  }

  private validate(topic: TopicName, body: unknown): HubEvent {
    const schemaName = topicCatalogue[topic].valueSchema;
    const type = schemaName === null ? undefined : this.types.get(schemaName);
    if (!type) throw new Error(`no schema for ${topic} in schemas/`);
    const result = jsonToAvro<HubEvent>(type, body);
    if (!result.ok) {
      throw new BadRequestException({
        message: `the event does not match the schema of ${topic} (${schemaName})`,
        violations: result.violations,
      });
    }
    return result.value;
  }
}
