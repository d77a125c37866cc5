import {
  consumerGroupCatalogue,
  deadLetterReaderGroupPrefix,
  liveViewGroupPrefix,
  rebuildGroupPrefix,
  publishingServiceOf,
  topicCatalogue,
  type Agency,
  type ConsumerGroupDefinition,
  type HubPublishingService,
  type TopicDefinition,
} from '@hub/contracts';
import type {
  Organisation,
  OrganisationDirectory,
  OrganisationSystem,
} from '../directory/organisation-directory';

/**
 * The Kafka ACLs of every principal, derived from the topic catalogue × the organisation directory.
 * Nothing here is listed by hand: a topic, reader, publisher or system added to either file changes
 * the bindings, and `npm run kafka:acls -- --check` tells whether the broker has caught up.
 *
 * | Principal (directory system)                 | Resource                                            | Pattern  | Operation |
 * | -------------------------------------------- | --------------------------------------------------- | -------- | --------- |
 * | organisation system of agency type A         | every topic whose `publishers` include A and that has a `valueSchema` | LITERAL  | WRITE     |
 * | organisation system of agency type A         | every topic whose `readers` include A               | LITERAL  | READ      |
 * | organisation system of agency type A         | consumer groups `<principal>.`                      | PREFIXED | READ      |
 * | connector (`hubService: connector`, `actsFor` A) | every topic whose `publishers` include A and that has a `valueSchema` | LITERAL | WRITE |
 * | registry (`hubService: registry`)            | every topic whose `readers` include HUB             | LITERAL  | READ      |
 * | hub service S (registry, transfer-coordinator, insights) | every topic the hub publishes whose `hubService` is S (registry by default; failure topics too) | LITERAL | WRITE |
 * | registry                                     | each group of the consumer-group catalogue of service `registry` | LITERAL  | READ      |
 * | transfer-coordinator, insights               | the topics its groups `consume`, and their retry topics | LITERAL  | READ      |
 * | transfer-coordinator, insights               | each of its groups (`transfer-coordinator`, `insights`) | LITERAL  | READ      |
 * | transfer-coordinator, insights               | `<group>.` (live views' groups, rebuilds' and test runs' own groups) | PREFIXED | READ |
 * | transfer-coordinator                         | `<group>.live-view.` (its live views' throw-away groups) | PREFIXED | DELETE |
 * | insights                                     | `<group>.rebuild.` (a rebuild's throw-away group)   | PREFIXED | DELETE |
 * | registry                                     | `<group>.` for each of them (test and bench runs' own groups) | PREFIXED | READ |
 * | registry                                     | `dead-letter-reader-` (its dead-letter API's throw-away readers) | PREFIXED | READ |
 * | provisioning (`hubService: provisioning`)    | none: a super user (`super.users`), creates topics and ACLs | —  | —         |
 *
 * READ and WRITE imply DESCRIBE of the same resource, which is all a client needs to list topics
 * and fetch metadata; a producer's WRITE on any topic also implies IDEMPOTENT_WRITE (KIP-679).
 * Every binding allows from any host: the principal, not the address, is what is authorised.
 */

export type KafkaResourceType = 'TOPIC' | 'GROUP';
export type KafkaPatternType = 'LITERAL' | 'PREFIXED';
export type KafkaOperation = 'READ' | 'WRITE' | 'DELETE';

/** One ALLOW binding: `principal` may do `operation` on the resource(s) the name and pattern match. */
export interface KafkaAclBinding {
  /** With Kafka's `User:` prefix, as the broker reports it. */
  principal: string;
  resourceType: KafkaResourceType;
  resourceName: string;
  patternType: KafkaPatternType;
  operation: KafkaOperation;
}

/** The part of a topic definition that decides who may use the topic. */
export type TopicAccess = Pick<
  TopicDefinition,
  'publishers' | 'readers' | 'valueSchema' | 'hubService'
>;

/** What the derivation reads; the hub's own catalogues unless a test gives others. */
export interface AclSources {
  topics: Readonly<Record<string, TopicAccess>>;
  /**
   * The hub's consumer groups by group id. Their topics are named as in `topics` (any catalogue,
   * not only the hub's), hence strings.
   */
  consumerGroups: Readonly<
    Record<
      string,
      Pick<ConsumerGroupDefinition, 'service'> & {
        consumes?: readonly string[];
        retryTopic: string;
      }
    >
  >;
}

const hubSources: AclSources = { topics: topicCatalogue, consumerGroups: consumerGroupCatalogue };

export type KafkaPrincipalKind =
  'organisation' | 'connector' | 'registry' | 'transfer-coordinator' | 'insights' | 'provisioning';

/** One Kafka principal of the directory and the bindings derived for it. */
export interface KafkaPrincipalAcls {
  /** The SCRAM user name, without `User:`. */
  name: string;
  kind: KafkaPrincipalKind;
  /** The agency type whose rules apply: the organisation's, or the one a connector acts for. */
  agency: Agency;
  organisationId: string;
  /** True for the provisioning principal only: `super.users`, and therefore no bindings. */
  superUser: boolean;
  bindings: KafkaAclBinding[];
}

export function kafkaUser(name: string): string {
  return `User:${name}`;
}

function kindOf(system: OrganisationSystem): KafkaPrincipalKind {
  return system.hubService ?? 'organisation';
}

/** Topics an agency's systems may publish: those naming it as publisher and carrying a schema. */
function topicsPublishedBy(agency: Agency, sources: AclSources): string[] {
  return Object.entries(sources.topics)
    .filter(([, topic]) => topic.publishers.includes(agency) && topic.valueSchema !== null)
    .map(([name]) => name);
}

function topicsReadBy(agency: Agency, sources: AclSources): string[] {
  return Object.entries(sources.topics)
    .filter(([, topic]) => topic.readers.includes(agency))
    .map(([name]) => name);
}

/** What one hub service publishes, its failure topics (which have no schema) included. */
function topicsOfHubService(service: HubPublishingService, sources: AclSources): string[] {
  return Object.entries(sources.topics)
    .filter(
      ([, topic]) =>
        topic.publishers.includes('HUB') &&
        publishingServiceOf(topic as TopicDefinition) === service,
    )
    .map(([name]) => name);
}

function groupsOf(service: HubPublishingService, sources: AclSources): string[] {
  return Object.entries(sources.consumerGroups)
    .filter(([, group]) => group.service === service)
    .map(([name]) => name);
}

function bindingsOf(
  principal: string,
  kind: KafkaPrincipalKind,
  agency: Agency,
  sources: AclSources,
): KafkaAclBinding[] {
  const user = kafkaUser(principal);
  const topics = (names: string[], operation: KafkaOperation): KafkaAclBinding[] =>
    names.map((resourceName) => ({
      principal: user,
      resourceType: 'TOPIC',
      resourceName,
      patternType: 'LITERAL',
      operation,
    }));
  const group = (
    resourceName: string,
    patternType: KafkaPatternType,
    operation: KafkaOperation = 'READ',
  ): KafkaAclBinding => ({
    principal: user,
    resourceType: 'GROUP',
    resourceName,
    patternType,
    operation,
  });
  switch (kind) {
    case 'provisioning':
      return [];
    case 'connector':
      return topics(topicsPublishedBy(agency, sources), 'WRITE');
    case 'registry':
      return [
        ...topics(topicsReadBy('HUB', sources), 'READ'),
        ...topics(topicsOfHubService('registry', sources), 'WRITE'),
        ...groupsOf('registry', sources).flatMap((name) => [
          group(name, 'LITERAL'),
          group(`${name}.`, 'PREFIXED'),
        ]),
        group(deadLetterReaderGroupPrefix, 'PREFIXED'),
      ];
    case 'transfer-coordinator':
    case 'insights': {
      const groups = groupsOf(kind, sources);
      const read = groups.flatMap((name) => {
        const { consumes = [], retryTopic } = sources.consumerGroups[name];
        return [...consumes, retryTopic];
      });
      return [
        ...topics([...new Set(read)], 'READ'),
        ...topics(topicsOfHubService(kind, sources), 'WRITE'),
        ...groups.flatMap((name) => [
          group(name, 'LITERAL'),
          group(`${name}.`, 'PREFIXED'),
          // Each coordinator instance deletes its live view's throw-away group when it stops; a
          // rebuild of the insights read model deletes its own when done.
          group(
            kind === 'transfer-coordinator' ? liveViewGroupPrefix(name) : rebuildGroupPrefix(name),
            'PREFIXED',
            'DELETE',
          ),
        ]),
      ];
    }
    case 'organisation':
      return [
        ...topics(topicsPublishedBy(agency, sources), 'WRITE'),
        ...topics(topicsReadBy(agency, sources), 'READ'),
        group(`${principal}.`, 'PREFIXED'),
      ];
  }
}

/** The principal of one directory system, or undefined if it does not connect to Kafka. */
export function kafkaPrincipalAcls(
  organisation: Organisation,
  system: OrganisationSystem,
  sources: AclSources = hubSources,
): KafkaPrincipalAcls | undefined {
  if (!system.kafkaPrincipal) return undefined;
  const kind = kindOf(system);
  // A connector publishes for the agency it acts for; the directory guarantees connectors name one.
  const agency = kind === 'connector' && system.actsFor ? system.actsFor : organisation.agencyType;
  return {
    name: system.kafkaPrincipal,
    kind,
    agency,
    organisationId: organisation.id,
    superUser: kind === 'provisioning',
    bindings: bindingsOf(system.kafkaPrincipal, kind, agency, sources),
  };
}

/** Every Kafka principal of the directory with its bindings, in the directory's order. */
export function deriveKafkaAcls(
  directory: OrganisationDirectory,
  sources: AclSources = hubSources,
): KafkaPrincipalAcls[] {
  return directory
    .kafkaSystems()
    .flatMap(([organisation, system]) => kafkaPrincipalAcls(organisation, system, sources) ?? []);
}

/** The principals the broker must list in `super.users` (with `User:`). */
export function kafkaSuperUsers(principals: readonly KafkaPrincipalAcls[]): string[] {
  return principals.filter((p) => p.superUser).map((p) => kafkaUser(p.name));
}

/** What identifies a binding: a broker's ACLs (with any type, pattern or operation) compare by it. */
export interface AclIdentity {
  principal: string;
  resourceType: string;
  resourceName: string;
  patternType: string;
  operation: string;
}

/** A stable identity of a binding, for comparing what is derived with what a broker has. */
export function aclKey(binding: AclIdentity): string {
  return [
    binding.principal,
    binding.resourceType,
    binding.patternType,
    binding.resourceName,
    binding.operation,
  ].join(' ');
}

/** Sorted by principal, resource type, pattern, name, operation: the order `kafka:acls` prints. */
export function sortedAcls<B extends AclIdentity>(bindings: readonly B[]): B[] {
  return [...bindings].sort((a, b) => aclKey(a).localeCompare(aclKey(b)));
}

/** What one set of bindings has that the other has not, each way. */
export interface AclDifference<B extends AclIdentity = KafkaAclBinding> {
  missing: B[];
  unexpected: B[];
}

export function diffAcls<B extends AclIdentity>(
  wanted: readonly B[],
  actual: readonly B[],
  keyOf: (binding: B) => string = aclKey,
): AclDifference<B> {
  const wantedKeys = new Set(wanted.map(keyOf));
  const actualKeys = new Set(actual.map(keyOf));
  return {
    missing: sortedAcls(wanted.filter((b) => !actualKeys.has(keyOf(b)))),
    unexpected: sortedAcls(actual.filter((b) => !wantedKeys.has(keyOf(b)))),
  };
}
