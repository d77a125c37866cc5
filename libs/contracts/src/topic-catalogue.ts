import {
  AgencySymbols,
  type Agency,
  type Classification,
  type HubSchemaName,
  type HubSchemas,
} from './generated/avro-types';

/** Everything the hub knows about one topic. Topic creation, schema registration and typing derive from it. */
export interface TopicDefinition {
  description: string;
  /**
   * The agency accountable for the topic's contract: HUB for the hub's own services and for facts
   * that every responsible authority publishes.
   */
  owner: Agency;
  /** Agencies whose systems may publish on the topic; the connectors' routes derive from it. */
  publishers: readonly Agency[];
  /**
   * What the Kafka key holds; keying by nominal keeps each person's events in order. The audit
   * trail is keyed by its sequence: it is one chain, verifiable only in its own order (one partition).
   */
  key: 'nominalId' | 'sequence';
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
  /**
   * For a topic the hub publishes: the hub service that publishes it (the registry unless named).
   * Kafka ACLs give each service's principal exactly its own topics.
   */
  hubService?: HubPublishingService;
}

/** The hub's services that publish and consume on Kafka, each as a principal of its own. */
export const hubPublishingServices = ['registry', 'transfer-coordinator', 'insights'] as const;
export type HubPublishingService = (typeof hubPublishingServices)[number];

/** The hub service that publishes `definition`'s topic (for a topic the hub publishes). */
export function publishingServiceOf(definition: TopicDefinition): HubPublishingService {
  return definition.hubService ?? 'registry';
}

const everyPartnerAgency = AgencySymbols.filter((agency) => agency !== 'HUB');
const everyAgency = AgencySymbols;
const days = (n: number): number => n * 24 * 60 * 60 * 1000;

/** How long Kafka keeps the facts agencies publish: the registry's history keeps them for good. */
const factRetentionMs = days(30);

/** A fact any MAPPA responsible authority may publish about a person it manages. */
function sharedFact<S extends HubSchemaName>(
  description: string,
  valueSchema: S,
): TopicDefinition & { valueSchema: S } {
  return {
    description,
    owner: 'HUB',
    publishers: everyPartnerAgency,
    key: 'nominalId',
    valueSchema,
    readers: everyAgency,
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: factRetentionMs,
    partitions: 3,
  };
}

/** A fact only the owning agency's systems publish. */
function agencyFact<S extends HubSchemaName>(
  description: string,
  owner: Agency,
  valueSchema: S,
  publishers: readonly Agency[] = [owner],
): TopicDefinition & { valueSchema: S } {
  return {
    description,
    owner,
    publishers,
    key: 'nominalId',
    valueSchema,
    readers: everyAgency,
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: factRetentionMs,
    partitions: 3,
  };
}

/**
 * A fact whose content the hub shows only by need-to-know (intelligence by its handling code, minutes
 * to those who attended): no partner reads it from Kafka, where no handling code could hold; the
 * registry keeps it and its API decides who sees what.
 */
function behindTheApi<T extends TopicDefinition>(definition: T): T {
  return { ...definition, readers: ['HUB'] };
}

/** A decision taken in the registry (archive, duplicate review), published so that it is applied like any fact. */
function registryCommand<S extends HubSchemaName>(
  description: string,
  valueSchema: S,
): TopicDefinition & { valueSchema: S } {
  return agencyFact(description, 'HUB', valueSchema);
}

/** A consumer group's own topic for failed events; its values are the original bytes. */
function failureTopic(description: string, retentionMs: number): TopicDefinition {
  return {
    description,
    owner: 'HUB',
    publishers: ['HUB'],
    key: 'nominalId',
    valueSchema: null,
    readers: ['HUB'],
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs,
    partitions: 1,
  };
}

/**
 * A step of the transfer workflow, published by the transfer coordinator. Kept for good: the history
 * of transfers is read again by whoever needs it (management information rebuilds from it).
 */
function transferFact<S extends HubSchemaName>(
  description: string,
  valueSchema: S,
  readers: readonly Agency[] = everyAgency,
): TopicDefinition & { valueSchema: S } {
  return {
    description,
    owner: 'HUB',
    publishers: ['HUB'],
    key: 'nominalId',
    valueSchema,
    readers,
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: -1,
    partitions: 3,
    hubService: 'transfer-coordinator',
  };
}

/**
 * The single source of truth for the hub's topics. Names follow `<owner>.<entity>.<event>.v<major>`;
 * facts that every responsible authority publishes are the hub's and start with `mappa`, the hub
 * services' own topics start with the service.
 */
export const topicCatalogue = {
  'mappa.nominal.registered.v1': sharedFact(
    'A lead agency registers a person as a MAPPA nominal; every other fact about them refers to this record.',
    'org.mappahub.mappa.NominalRegistered',
  ),
  'mappa.personal-details.changed.v1': sharedFact(
    "A nominal's name, aliases, date of birth or gender changed.",
    'org.mappahub.mappa.PersonalDetailsChanged',
  ),
  'mappa.agency-identifier.linked.v1': sharedFact(
    'An agency identifier (PNC id, CRO number, prison number, health or social-work case reference) now refers to the nominal.',
    'org.mappahub.mappa.AgencyIdentifierLinked',
  ),
  'mappa.category-level.set.v1': sharedFact(
    'The MAPPA category and management level of a nominal (England and Wales, Scotland) were set or reviewed, with the day they took effect.',
    'org.mappahub.mappa.MappaCategoryAndLevelSet',
  ),
  'mappa.ppani-risk-category.set.v1': sharedFact(
    'Northern Ireland: a Local Area Public Protection Panel set or reviewed the PPANI risk category of a nominal, with why they are eligible for the arrangements.',
    'org.mappahub.mappa.PpaniRiskCategorySet',
  ),
  'mappa.arrangements.left.v1': sharedFact(
    'A nominal stopped being managed under MAPPA (or PPANI), with the day and the reason; the record is kept.',
    'org.mappahub.mappa.PublicProtectionArrangementsLeft',
  ),
  'mappa.management.assigned.v1': sharedFact(
    'The lead agency, managing area, record manager and co-managers of a nominal were assigned.',
    'org.mappahub.mappa.RecordManagementAssigned',
  ),
  'mappa.address.recorded.v1': sharedFact(
    'An address of a nominal was recorded or its dates changed.',
    'org.mappahub.mappa.AddressRecorded',
  ),
  'mappa.risk-assessment.recorded.v1': sharedFact(
    'A risk assessment of a nominal was completed.',
    'org.mappahub.mappa.RiskAssessmentRecorded',
  ),
  'mappa.risk-management-plan.published.v1': sharedFact(
    "A version of a nominal's risk management plan was published.",
    'org.mappahub.mappa.RiskManagementPlanPublished',
  ),
  'mappa.meeting.held.v1': behindTheApi(
    sharedFact(
      'A MAPPA level 2 or 3 meeting about a nominal was held; its minutes are kept by the hub.',
      'org.mappahub.mappa.MappaMeetingHeld',
    ),
  ),
  'police.intelligence.shared.v1': behindTheApi(
    agencyFact(
      'Intelligence about a nominal that the police share with MAPPA partner agencies.',
      'POLICE',
      'org.mappahub.police.IntelligenceShared',
    ),
  ),
  'police.rso-notification.received.v1': agencyFact(
    'A registered sex offender notified the police of a change (address, foreign travel, other notifiable details).',
    'POLICE',
    'org.mappahub.police.RsoNotificationReceived',
  ),
  'police.notification-requirement.recorded.v1': agencyFact(
    'The facts that make a person subject to the sex offender notification requirements (conviction, finding, caution or notification order, disposal, relevant date), or a review of an indefinite requirement; the hub works out the period.',
    'POLICE',
    'org.mappahub.police.NotificationRequirementRecorded',
  ),
  'police.civil-order.recorded.v1': agencyFact(
    'A civil order about sexual harm (SHPO, SRO, notification order, or the Northern Ireland and Scottish orders) was made, varied, renewed or discharged, with its prohibitions and expiry.',
    'POLICE',
    'org.mappahub.police.CivilOrderRecorded',
  ),
  'police.compliance-action.recorded.v1': agencyFact(
    'The police reported a registered person missing or found, or cautioned or convicted them for breaching the notification requirements or a civil order (with whether they were returned to custody).',
    'POLICE',
    'org.mappahub.police.ComplianceActionRecorded',
  ),
  'prison.custody-event.recorded.v1': agencyFact(
    'A nominal was admitted to, transferred between or released from custody, sentenced on remand, temporarily released, unlawfully at large or returned, or given release, licence-expiry and sentence-expiry dates.',
    'PRISON',
    'org.mappahub.prison.CustodyEventRecorded',
  ),
  'probation.supervision-event.recorded.v1': agencyFact(
    'An order or licence of a nominal started or ended, or was breached, or the nominal was recalled.',
    'PROBATION',
    'org.mappahub.probation.SupervisionEventRecorded',
    // Criminal-justice social work supervises in Scotland.
    ['PROBATION', 'SOCIAL_WORK'],
  ),
  'health.restricted-patient-event.recorded.v1': agencyFact(
    'A restricted patient was detained, transferred, discharged, recalled or remitted to prison, went absent without leave or returned, or started or ended a leave of absence.',
    'HEALTH',
    'org.mappahub.health.RestrictedPatientEventRecorded',
  ),
  'registry.nominal.archive-status-changed.v1': registryCommand(
    "A record manager archived a nominal's record or re-activated it, with the reason.",
    'org.mappahub.registry.NominalArchiveStatusChanged',
  ),
  'registry.nominal.duplicate-resolved.v1': registryCommand(
    'A record manager decided whether two records flagged as possible duplicates are the same person: linked, merged or not duplicates.',
    'org.mappahub.registry.DuplicateResolved',
  ),
  'registry.nominal.merge-undone.v1': registryCommand(
    'Data governance undid a wrong merge, with the reason: both records are restored with their own facts and histories.',
    'org.mappahub.registry.MergeUndone',
  ),
  'registry.nominal.date-reached.v1': registryCommand(
    'The registry reached a day on which facts of a record change without another event (an address ends, a notification falls due): the record is derived again.',
    'org.mappahub.registry.RecordDateReached',
  ),
  'registry.nominal.review-raised.v1': {
    description:
      "A record is due for review: an archive review when the facts recorded no longer keep the person eligible for MAPPA, a retention review when the person reaches 100. The work item is in the registry's API; the managing organisation's systems are told here.",
    owner: 'HUB',
    publishers: ['HUB'],
    key: 'nominalId',
    valueSchema: 'org.mappahub.registry.RecordReviewRaised' as const,
    readers: everyAgency,
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: factRetentionMs,
    partitions: 3,
  },
  'registry.nominal.removed.v1': {
    description:
      "A person's record was removed after a recorded retention decision (its data key destroyed, a tombstone on the changed-record topic): every consumer deletes its copy of the person. Kept for good, so that a consumer rebuilding from the topics learns of every removal. No personal data.",
    owner: 'HUB',
    publishers: ['HUB'],
    key: 'nominalId',
    valueSchema: 'org.mappahub.registry.NominalRemoved' as const,
    readers: everyAgency,
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: -1,
    partitions: 3,
  },
  'registry.nominal.changed.v1': {
    description:
      'The full current record of a nominal after every change (latest state per key; intelligence text and minutes stay behind the query API).',
    owner: 'HUB',
    publishers: ['HUB'],
    key: 'nominalId',
    valueSchema: 'org.mappahub.registry.NominalChanged' as const,
    readers: everyAgency,
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'compact',
    retentionMs: -1,
    partitions: 3,
  },
  'registry.access.audited.v1': {
    description:
      "Every entry of the registry's audit trail, once stored: who read, searched, exported or changed which records, or was refused, chained by SHA-256 so that the topic alone can be verified.",
    owner: 'HUB',
    publishers: ['HUB'],
    key: 'sequence',
    valueSchema: 'org.mappahub.registry.AccessAudited' as const,
    readers: ['HUB'],
    classification: 'OFFICIAL_SENSITIVE',
    cleanupPolicy: 'delete',
    retentionMs: -1,
    // One chain in one order: a single partition keeps it.
    partitions: 1,
  },
  'transfer.step.recorded.v1': transferFact(
    "A step of a transfer of a person's management between areas (or across UK borders) was taken: requested, acknowledged, consulted on, accepted or disputed, co-managed, completed, returned, cancelled or withdrawn; the registry applies a completed transfer to the record.",
    'org.mappahub.transfer.TransferStepRecorded',
  ),
  'transfer.step.overdue.v1': transferFact(
    'A step of a transfer passed its due time, or a dispute was raised: escalated to the MAPPA co-ordinators of both areas, then to the strategic level.',
    'org.mappahub.transfer.TransferStepOverdue',
  ),
  'transfer.victim-liaison.notified.v1': transferFact(
    'The victim liaison unit of an area is told of a transfer of a person with victims in a victim contact scheme (on request and on completion), with what changes for licence exclusion zones; no victim details.',
    'org.mappahub.transfer.VictimLiaisonNotified',
    // Victim liaison sits with probation (England and Wales, Northern Ireland), justice social work
    // and the prison service (Scotland's Victim Notification Scheme).
    ['PROBATION', 'SOCIAL_WORK', 'PRISON', 'HUB'],
  ),
  'transfer.event.retry-scheduled.v1': {
    ...failureTopic(
      'Events the transfer coordinator failed to apply for a reason that may pass, waiting out their back-off.',
      days(7),
    ),
    hubService: 'transfer-coordinator',
  },
  'transfer.event.dead-lettered.v1': {
    ...failureTopic(
      'Events the transfer coordinator could not apply, kept for inspection and replay.',
      -1,
    ),
    hubService: 'transfer-coordinator',
  },
  'insights.event.retry-scheduled.v1': {
    ...failureTopic(
      'Events the insights service failed to apply for a reason that may pass, waiting out their back-off.',
      days(7),
    ),
    hubService: 'insights',
  },
  'insights.event.dead-lettered.v1': {
    ...failureTopic(
      'Events the insights service could not apply, kept for inspection and replay.',
      -1,
    ),
    hubService: 'insights',
  },
  'registry.event.retry-scheduled.v1': failureTopic(
    'Events the registry failed to apply for a reason that may pass, waiting out their back-off before another attempt.',
    days(7),
  ),
  'registry.event.dead-lettered.v1': failureTopic(
    'Events the registry could not apply (undecodable, unknown schema, impossible), kept for inspection and replay.',
    -1,
  ),
} as const satisfies Record<string, TopicDefinition>;

export type TopicName = keyof typeof topicCatalogue;

/** The topics whose values follow a schema of `schemas/` (all but the failure topics). */
export type EventTopicName = {
  [T in TopicName]: (typeof topicCatalogue)[T]['valueSchema'] extends HubSchemaName ? T : never;
}[TopicName];

/** The decoded value of an event on `topic`, as avsc reads it. */
export type EventOf<T extends EventTopicName> =
  (typeof topicCatalogue)[T]['valueSchema'] extends infer S extends HubSchemaName
    ? HubSchemas[S]
    : never;

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
  /** The hub service whose principal consumes as the group (and its `<group>.`-prefixed groups). */
  service: HubPublishingService;
  /** The topics the group consumes; absent for the registry, which reads every topic HUB reads. */
  consumes?: readonly TopicName[];
  retryTopic: TopicName;
  deadLetterTopic: TopicName;
}

export const consumerGroupCatalogue = {
  registry: {
    description:
      "The registry service, which folds the agencies' events into the canonical record.",
    service: 'registry',
    retryTopic: 'registry.event.retry-scheduled.v1',
    deadLetterTopic: 'registry.event.dead-lettered.v1',
  },
  'transfer-coordinator': {
    description:
      "The transfer coordinator: keeps what it needs of each person's record from the changed-record topic; its instances' live views read the transfer topics from their end (groups `transfer-coordinator.live-view.`).",
    service: 'transfer-coordinator',
    consumes: [
      'registry.nominal.changed.v1',
      'registry.nominal.removed.v1',
      'transfer.step.recorded.v1',
      'transfer.step.overdue.v1',
    ],
    retryTopic: 'transfer.event.retry-scheduled.v1',
    deadLetterTopic: 'transfer.event.dead-lettered.v1',
  },
  insights: {
    description:
      "The insights service: keeps each person's periods of state from the changed-record topic, forgets removed people, and keeps every transfer step, for management information and the annual report.",
    service: 'insights',
    consumes: [
      'registry.nominal.changed.v1',
      'registry.nominal.removed.v1',
      'transfer.step.recorded.v1',
      'transfer.step.overdue.v1',
    ],
    retryTopic: 'insights.event.retry-scheduled.v1',
    deadLetterTopic: 'insights.event.dead-lettered.v1',
  },
} as const satisfies Record<string, ConsumerGroupDefinition>;

export type ConsumerGroupName = keyof typeof consumerGroupCatalogue;

/**
 * How the throw-away consumer groups that read a dead-letter topic from its start are named (the
 * registry's dead-letter API and the dead-letters tool): Kafka ACLs grant them by this prefix.
 */
export const deadLetterReaderGroupPrefix = 'dead-letter-reader-';

/**
 * How one instance's live view of transfers names its throw-away consumer group:
 * `<group>.live-view.<random id>`; the instance deletes it when it stops, and Kafka ACLs grant that
 * deletion by this prefix.
 */
export function liveViewGroupPrefix(group: string): string {
  return `${group}.live-view.`;
}

/**
 * How a rebuild of a read model from the topics names its throw-away consumer group:
 * `<group>.rebuild.<random id>`; the rebuild deletes it when done, and Kafka ACLs grant that
 * deletion by this prefix.
 */
export function rebuildGroupPrefix(group: string): string {
  return `${group}.rebuild.`;
}
