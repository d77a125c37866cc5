import { eventually } from '@hub/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type KafkaConfig,
  type Producer,
} from 'kafkajs';
import { topicCatalogue, type TopicName } from '@hub/contracts';
import {
  brokerAclKey,
  compareWithBroker,
  derivedBrokerAcls,
  describeBrokerAcls,
  kafkaClientOptionsFromEnv,
} from '@hub/messaging';
import {
  deriveKafkaAcls,
  organisationDirectory,
  type KafkaAclBinding,
  type KafkaPrincipalAcls,
} from '@hub/security';
import { kafkaEnvFor } from '../tools/local-stack/stack';

/**
 * The broker against the derivation: for one organisation system of every agency type (all systems
 * of a type get the same bindings by construction, see kafka-acls.spec.ts) and every hub service,
 * every catalogue topic is produced to and consumed from, and the broker must allow exactly what
 * the derived ACLs allow and refuse the rest with an authorisation error.
 *
 * Neither attempt leaves anything behind on the topics: a produce with acks=2 is authorised first
 * (TOPIC_AUTHORIZATION_FAILED) and only then refused for its acks (INVALID_REQUIRED_ACKS) without
 * appending; consuming starts at the end of the topics and commits nothing.
 */

const principals = deriveKafkaAcls(organisationDirectory());
const topics = Object.keys(topicCatalogue) as TopicName[];

const representatives: KafkaPrincipalAcls[] = [
  ...new Map(
    principals.filter((p) => p.kind === 'organisation').map((p) => [p.agency, p] as const),
  ).values(),
  ...principals.filter((p) => p.kind !== 'organisation'),
];

function allows(principal: KafkaPrincipalAcls, matches: (b: KafkaAclBinding) => boolean): boolean {
  return principal.superUser || principal.bindings.some(matches);
}

const mayWrite = (p: KafkaPrincipalAcls, topic: string): boolean =>
  allows(
    p,
    (b) => b.resourceType === 'TOPIC' && b.operation === 'WRITE' && b.resourceName === topic,
  );

/** The group a principal consumes in for this test: under its own prefix, or the one it lacks. */
/**
 * The consumer group a principal tries to consume in: under a group prefix it is granted if it has
 * one (so that the topic's READ is what decides), else under its own name (and is refused the group).
 */
function probeGroupOf(p: KafkaPrincipalAcls): string {
  const prefix = p.bindings.find((b) => b.resourceType === 'GROUP' && b.patternType === 'PREFIXED');
  return `${prefix ? prefix.resourceName : `${p.name}.`}access-probe`;
}

const freshProbeGroup = (p: KafkaPrincipalAcls): string => `${probeGroupOf(p)}-${randomUUID()}`;

const mayReadGroup = (p: KafkaPrincipalAcls, group: string): boolean =>
  allows(
    p,
    (b) =>
      b.resourceType === 'GROUP' &&
      b.operation === 'READ' &&
      (b.patternType === 'PREFIXED' ? group.startsWith(b.resourceName) : group === b.resourceName),
  );

const mayRead = (p: KafkaPrincipalAcls, topic: string, group: string): boolean =>
  mayReadGroup(p, group) &&
  allows(
    p,
    (b) => b.resourceType === 'TOPIC' && b.operation === 'READ' && b.resourceName === topic,
  );

/** Every error type in a kafkajs error and the errors it wraps. */
function errorTypes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const fields = error as {
    type?: unknown;
    name?: unknown;
    originalError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  return [
    ...(typeof fields.type === 'string' ? [fields.type] : []),
    ...(typeof fields.name === 'string' ? [fields.name] : []),
    ...errorTypes(fields.originalError, seen),
    ...errorTypes(fields.cause, seen),
    ...(Array.isArray(fields.errors) ? fields.errors.flatMap((e) => errorTypes(e, seen)) : []),
  ];
}

const authorisationFailures = /^(TOPIC|GROUP|CLUSTER)_AUTHORIZATION_FAILED$/;
type Outcome = 'allowed' | 'refused' | `unexpected: ${string}`;

function outcomeOf(error: unknown, allowedType?: string): Outcome {
  const types = errorTypes(error);
  if (allowedType && types.includes(allowedType)) return 'allowed';
  if (types.some((type) => authorisationFailures.test(type))) return 'refused';
  return `unexpected: ${types.join(', ')} ${error instanceof Error ? error.message : ''}`;
}

function clientOf(principal: string, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: `access-test-${principal}`,
    ...kafkaClientOptionsFromEnv({ ...process.env, ...kafkaEnvFor(principal) }),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { retries: 0 },
    ...extra,
  });
}

/** Produces one record with acks=2: authorised → INVALID_REQUIRED_ACKS (nothing appended). */
async function produceOutcome(producer: Producer, topic: string): Promise<Outcome> {
  try {
    await producer.send({ topic, acks: 2, messages: [{ key: 'access-probe', value: 'x' }] });
    return 'unexpected: the broker accepted acks=2';
  } catch (error) {
    return outcomeOf(error, 'INVALID_REQUIRED_ACKS');
  }
}

/**
 * Joins a group of the principal's own and fetches `topic` once from its end: a fetch needs READ on
 * the topic (and the join READ on the group); kafkajs raises a partition's authorisation error.
 * kafkajs reports a group it may not use as "group coordinator not found" and only logs the broker's
 * GROUP_AUTHORIZATION_FAILED (at debug level): that log is what tells the refusal apart.
 */
async function consumeOutcome(principal: string, group: string, topic: string): Promise<Outcome> {
  const logged: string[] = [];
  const kafka = clientOf(principal, {
    logLevel: logLevel.DEBUG,
    logCreator:
      () =>
      ({ log }) => {
        const { error } = log as { error?: unknown };
        // kafkajs logs the broker's error as its message text, or as the error object itself.
        if (typeof error === 'string') logged.push(error);
        else if (error) logged.push(...errorTypes(error));
      },
  });
  const outcomeWithLog = (error: unknown): Outcome => {
    const groupRefused = logged.some(
      (entry) =>
        entry.includes('GROUP_AUTHORIZATION_FAILED') ||
        /not authorized to access group/i.test(entry),
    );
    return errorTypes(error).includes('KafkaJSGroupCoordinatorNotFound') && groupRefused
      ? 'refused'
      : outcomeOf(error);
  };
  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 50, retry: { retries: 0 } });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    return await new Promise<Outcome>((done) => {
      consumer.on(consumer.events.FETCH, () => done('allowed'));
      consumer.on(consumer.events.CRASH, ({ payload }) => done(outcomeWithLog(payload.error)));
      consumer
        .run({ eachMessage: () => Promise.resolve() })
        .catch((error) => done(outcomeWithLog(error)));
    });
  } catch (error) {
    return outcomeWithLog(error);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

interface Case {
  principal: KafkaPrincipalAcls;
  topic: TopicName;
  action: 'produce' | 'consume';
  expected: 'allowed' | 'refused';
}

describe('Kafka authentication and authorisation on the real broker', () => {
  const producers = new Map<string, Producer>();
  let admin: Admin;

  beforeAll(async () => {
    admin = clientOf(principals.find((p) => p.superUser)!.name).admin();
    await admin.connect();
    // A fresh broker creates its group coordinator (__consumer_offsets) at the first group request:
    // wait for it, so that the first consume rows do not meet "coordinator not available".
    await eventually('the group coordinator', async () => {
      try {
        await admin.describeGroups([`warm-up-${randomUUID()}`]);
        return true;
      } catch {
        return undefined;
      }
    });
    for (const principal of representatives) {
      const kafka = clientOf(principal.name);
      const producer = kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 0 },
      });
      await producer.connect();
      producers.set(principal.name, producer);
    }
  });

  afterAll(async () => {
    await Promise.all([...producers.values()].map((p) => p.disconnect()));
    await admin?.disconnect();
  });

  it('holds exactly the derived ACLs, for every principal of the directory', async () => {
    const wanted = derivedBrokerAcls();
    const actual = await describeBrokerAcls(admin);
    const { missing, unexpected } = compareWithBroker(wanted, actual);
    expect({
      missing: missing.map(brokerAclKey),
      unexpected: unexpected.map(brokerAclKey),
    }).toEqual({ missing: [], unexpected: [] });
    const withAcls = principals.filter((p) => p.bindings.length > 0);
    expect(new Set(actual.map((acl) => acl.principal)).size).toBe(withAcls.length);
    expect(withAcls.length).toBe(principals.length - 1); // all but the provisioning super user
    expect(actual.length).toBe(wanted.length);
  });

  const cases: Case[] = representatives.flatMap((principal) =>
    topics.flatMap((topic): Case[] => {
      const group = probeGroupOf(principal);
      return [
        {
          principal,
          topic,
          action: 'produce',
          expected: mayWrite(principal, topic) ? 'allowed' : 'refused',
        },
        {
          principal,
          topic,
          action: 'consume',
          expected: mayRead(principal, topic, group) ? 'allowed' : 'refused',
        },
      ];
    }),
  );

  it('exercises every hub service, an organisation system of every agency type and every topic', () => {
    expect(representatives.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['organisation', 'connector', 'registry', 'provisioning']),
    );
    expect(cases.length).toBe(representatives.length * topics.length * 2);
    // The matrix is not trivially all one way.
    expect(cases.filter((c) => c.expected === 'refused').length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.expected === 'allowed').length).toBeGreaterThan(100);
  });

  it.each(cases.map((c) => [c.principal.name, c.action, c.topic, c.expected, c] as const))(
    '%s: %s %s is %s',
    async (name, action, topic, expected) => {
      const principal = representatives.find((p) => p.name === name)!;
      const outcome =
        action === 'produce'
          ? await produceOutcome(producers.get(name)!, topic)
          : await consumeOutcome(name, freshProbeGroup(principal), topic);
      expect(outcome).toBe(expected);
    },
  );

  it('refuses a wrong password', async () => {
    const registry = principals.find((p) => p.kind === 'registry')!.name;
    const kafka = clientOf(registry, {
      sasl: { mechanism: 'scram-sha-512', username: registry, password: 'not-the-password' },
    });
    const intruder = kafka.admin();
    await expect(intruder.connect()).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError',
    });
    await intruder.disconnect();
  });

  it('refuses a PLAINTEXT connection, and TLS without SASL', async () => {
    const { brokers } = kafkaClientOptionsFromEnv();
    for (const ssl of [undefined, { ca: [readFileSync(process.env.KAFKA_CA_FILE!, 'utf8')] }]) {
      const anonymous = new Kafka({
        clientId: 'access-test-anonymous',
        brokers,
        ssl,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 2_000,
        requestTimeout: 2_000,
        retry: { retries: 0 },
      }).admin();
      await expect(anonymous.connect().then(() => anonymous.listTopics())).rejects.toThrow();
      await anonymous.disconnect();
    }
  });

  it("refuses a broker certificate that the client's CA did not sign", async () => {
    const registry = principals.find((p) => p.kind === 'registry')!.name;
    const distrusting = clientOf(registry, { ssl: { rejectUnauthorized: true } }).admin();
    await expect(distrusting.connect()).rejects.toThrow(/certificate/i);
    await distrusting.disconnect();
  });
});
