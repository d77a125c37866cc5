import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Admin,
  type Kafka,
} from 'kafkajs';
import { topicCatalogue, type TopicName } from '@hub/contracts';
import {
  aclKey,
  deriveKafkaAcls,
  diffAcls,
  organisationDirectory,
  type AclDifference,
  type KafkaAclBinding,
} from '@hub/security';
import { ensureTopics } from '../topic-provisioning';

/**
 * The broker's side of the derived ACLs: what it holds (describeAcls), and bringing it in line with
 * the derivation (createAcls for what is missing, deleteAcls for what is no longer derived).
 */

/** An ACL as the broker holds it; permission and host are part of it (only ALLOW from * is derived). */
export interface BrokerAcl {
  principal: string;
  resourceType: string;
  resourceName: string;
  patternType: string;
  operation: string;
  permission: string;
  host: string;
}

/**
 * kafkajs types its ACL constants as TypeScript enums, but at run time they are plain name → number
 * objects without the reverse mapping: the names of their numbers.
 */
type AclConstants = Readonly<Record<string, string | number>>;

function namesOf(values: AclConstants): (value: number) => string {
  const names = new Map(
    Object.entries(values).flatMap(([name, value]) =>
      typeof value === 'number' ? [[value, name] as const] : [],
    ),
  );
  return (value) => names.get(value) ?? `unknown (${value})`;
}

const resourceTypeName = namesOf(AclResourceTypes);
const patternTypeName = namesOf(ResourcePatternTypes);
const operationName = namesOf(AclOperationTypes);
const permissionName = namesOf(AclPermissionTypes);

function enumValue(values: AclConstants, name: string, what: string): number {
  const value = values[name];
  if (typeof value !== 'number') throw new Error(`kafkajs knows no ${what} ${name}`);
  return value;
}

/** Every ALLOW from any host: what the derivation wants, as the broker would hold it. */
export function derivedBrokerAcls(): BrokerAcl[] {
  return deriveKafkaAcls(organisationDirectory())
    .flatMap((principal) => principal.bindings)
    .map((binding: KafkaAclBinding) => ({ ...binding, permission: 'ALLOW', host: '*' }));
}

export function brokerAclKey(acl: BrokerAcl): string {
  const key = aclKey(acl);
  return acl.permission === 'ALLOW' && acl.host === '*'
    ? key
    : `${key} ${acl.permission} ${acl.host}`;
}

/** Every ACL the broker holds, of any principal, resource, pattern or permission. */
export async function describeBrokerAcls(admin: Admin): Promise<BrokerAcl[]> {
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  return resources.flatMap((resource) =>
    resource.acls.map((acl) => ({
      principal: acl.principal,
      resourceType: resourceTypeName(resource.resourceType),
      resourceName: resource.resourceName,
      patternType: patternTypeName(resource.resourcePatternType),
      operation: operationName(acl.operation),
      permission: permissionName(acl.permissionType),
      host: acl.host,
    })),
  );
}

function entryOf(acl: BrokerAcl): AclEntry {
  return {
    principal: acl.principal,
    host: acl.host,
    resourceType: enumValue(AclResourceTypes, acl.resourceType, 'resource type'),
    resourceName: acl.resourceName,
    resourcePatternType: enumValue(ResourcePatternTypes, acl.patternType, 'pattern type'),
    operation: enumValue(AclOperationTypes, acl.operation, 'operation'),
    permissionType: enumValue(AclPermissionTypes, acl.permission, 'permission'),
  };
}

/** What the broker lacks and what it has beyond the derivation. */
export function compareWithBroker(
  wanted: readonly BrokerAcl[],
  actual: readonly BrokerAcl[],
): AclDifference<BrokerAcl> {
  return diffAcls(wanted, actual, brokerAclKey);
}

/** Requests stay well under the controller's limit of records per operation. */
const batchSize = 1_000;

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) result.push(items.slice(i, i + batchSize));
  return result;
}

export interface AclSyncResult {
  created: number;
  deleted: number;
  total: number;
}

/**
 * Makes the broker hold exactly the derived ACLs: creates the missing ones and deletes the ones no
 * longer derived (a system left the directory, a topic its readers). Idempotent; needs a super user.
 */
export async function syncBrokerAcls(admin: Admin): Promise<AclSyncResult> {
  const wanted = derivedBrokerAcls();
  const { missing, unexpected } = compareWithBroker(wanted, await describeBrokerAcls(admin));
  for (const batch of batches(unexpected)) {
    await admin.deleteAcls({ filters: batch.map(entryOf) });
  }
  for (const batch of batches(missing)) {
    await admin.createAcls({ acl: batch.map(entryOf) });
  }
  return { created: missing.length, deleted: unexpected.length, total: wanted.length };
}

/**
 * What `stack:up` and the docker-compose provisioning step do, as a Kafka super user: every
 * catalogue topic created, and the broker's ACLs made exactly the derived ones.
 */
export async function provisionKafka(kafka: Kafka): Promise<AclSyncResult> {
  await ensureTopics(kafka, Object.keys(topicCatalogue) as TopicName[]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await syncBrokerAcls(admin);
  } finally {
    await admin.disconnect();
  }
}
