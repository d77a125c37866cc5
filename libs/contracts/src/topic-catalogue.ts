import {
  AgencySymbols,
  type Agency,
  type Classification,
  type HubSchemaName,
} from './generated/avro-types';

/** Everything the hub knows about one topic. Topic creation, schema registration and typing derive from it. */
export interface TopicDefinition {
  description: string;
  /** The agency whose systems publish on the topic (HUB for the hub's own services). */
  owner: Agency;
  /** What the Kafka key holds; keying by nominal keeps each person's events in order. */
  key: 'nominalId';
  /**
   * Full name of the Avro record in `schemas/` that the values follow; null for dead-letter topics,
   * whose values are the original bytes of the failed message (the reason is in its headers).
   */
  valueSchema: HubSchemaName | null;
  /** Agencies entitled to consume the topic. */
  readers: readonly Agency[];
  classification: Classification;
  cleanupPolicy: 'delete' | 'compact';
  /** How long Kafka keeps the events; -1 keeps them for ever. */
  retentionMs: number;
  partitions: number;
}

const everyPartnerAgency = AgencySymbols;
const days = (n: number): number => n * 24 * 60 * 60 * 1000;

/** The single source of truth for the hub's topics. Names follow `<owner>.<entity>.<event>.v<major>`. */
export const topicCatalogue = {
  'police.intelligence.shared.v1': {
    description: 'Intelligence about a nominal that the police share with MAPPA partner agencies.',
    owner: 'POLICE',
    key: 'nominalId',
    valueSchema: 'org.mappahub.police.IntelligenceShared',
    readers: everyPartnerAgency,
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: days(30),
    partitions: 3,
  },
  'registry.event.retry-scheduled.v1': {
    description:
      'Events the registry failed to apply for a reason that may pass, waiting out their back-off before another attempt.',
    owner: 'HUB',
    key: 'nominalId',
    valueSchema: null,
    readers: ['HUB'],
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: days(7),
    partitions: 1,
  },
  'registry.event.dead-lettered.v1': {
    description:
      'Events the registry could not apply (undecodable, unknown schema, impossible), kept for inspection and replay.',
    owner: 'HUB',
    key: 'nominalId',
    valueSchema: null,
    readers: ['HUB'],
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: -1,
    partitions: 1,
  },
} as const satisfies Record<string, TopicDefinition>;

export type TopicName = keyof typeof topicCatalogue;

export function topicDefinition(topic: TopicName): TopicDefinition {
  return topicCatalogue[topic];
}

export function isTopicName(name: string): name is TopicName {
  return Object.prototype.hasOwnProperty.call(topicCatalogue, name);
}

/** The schema-registry subject of a topic's values (topic-name strategy). */
export function valueSubjectOf(topic: TopicName): string {
  return `${topic}-value`;
}

/** A consumer group of the hub: where its failed events wait for a retry, and where they end up. */
export interface ConsumerGroupDefinition {
  description: string;
  retryTopic: TopicName;
  deadLetterTopic: TopicName;
}

export const consumerGroupCatalogue = {
  registry: {
    description:
      "The registry service, which folds the agencies' events into the canonical record.",
    retryTopic: 'registry.event.retry-scheduled.v1',
    deadLetterTopic: 'registry.event.dead-lettered.v1',
  },
} as const satisfies Record<string, ConsumerGroupDefinition>;

export type ConsumerGroupName = keyof typeof consumerGroupCatalogue;
