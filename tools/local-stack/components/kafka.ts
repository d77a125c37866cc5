import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { Agency } from '@hub/contracts';
import { kafkaClientOptions, kafkaClientOptionsFromEnv, provisionKafka } from '@hub/messaging';
import { organisationDirectory, type HubService } from '@hub/security';
import { StackError } from '../errors';
import { installWithMaven, mavenInstallDir } from '../maven-install';
import { report } from '../progress';
import { runStep, startServer } from '../processes';
import { infraDir, ports, stackDir } from '../settings';
import type { StackComponent } from './component';
import {
  brokerKeyStoreFile,
  brokerPrincipal,
  caCertFile,
  ensureCertificates,
  ensureCredentials,
  passwordOf,
  secretsDir,
  stackPrincipals,
  type KafkaCredentials,
} from './kafka-secrets';

const home = resolve(stackDir, 'kafka');
const dataDir = resolve(home, 'data');
const configFile = resolve(home, 'server.properties');
/** The principals whose SCRAM credentials the broker has: at format, then added with ConfigCommand. */
const scramUsersFile = resolve(home, 'scram-users.json');
const adminClientConfigFile = resolve(secretsDir, 'kafka-admin-client.properties');
const pom = resolve(infraDir, 'kafka', 'pom.xml');
const log4jConfig = resolve(infraDir, 'kafka', 'log4j2.properties');
const localEndpoint = `127.0.0.1:${ports.kafka}`;
const scramMechanism = 'SCRAM-SHA-512';

/** The Kafka principal of a hub service (a connector: the one acting for `actsFor`), from the directory. */
export function hubServicePrincipal(service: HubService, actsFor?: Agency): string {
  const found = organisationDirectory()
    .kafkaSystems()
    .find(
      ([, system]) =>
        system.hubService === service && (actsFor === undefined || system.actsFor === actsFor),
    );
  if (!found?.[1].kafkaPrincipal) {
    throw new StackError(
      'kafka',
      `the organisation directory has no Kafka principal for the ${service}${actsFor ? ` acting for ${actsFor}` : ''}`,
    );
  }
  return found[1].kafkaPrincipal;
}

/** The directory's provisioning system: the Kafka super user that creates topics and ACLs. */
export function provisioningPrincipal(): string {
  return hubServicePrincipal('provisioning');
}

/**
 * A Kafka cluster id: 16 random bytes in URL-safe base64 without padding. One in 64 starts with `-`,
 * which the storage tool's argument parser reads as an option: such an id is drawn again.
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function jaasConfig(username: string, password: string): string {
  return `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
}

function serverProperties(credentials: KafkaCredentials): string {
  const brokerPassword = credentials[brokerPrincipal];
  if (!brokerPassword) throw new StackError('kafka', `no password for ${brokerPrincipal}`);
  return [
    ...roleProperties(ports.kafkaController),
    // Clients: SCRAM-SHA-512 over TLS only. The broker talks to itself there too (inter-broker).
    // The controller listener cannot use SCRAM (the credentials live in the metadata log the
    // controller serves), so it stays on loopback and requires the broker's own certificate (mTLS).
    `listeners=SASL_SSL://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    `advertised.listeners=SASL_SSL://${localEndpoint}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL',
    'inter.broker.listener.name=SASL_SSL',
    `sasl.enabled.mechanisms=${scramMechanism}`,
    `sasl.mechanism.inter.broker.protocol=${scramMechanism}`,
    `listener.name.sasl_ssl.${scramMechanism.toLowerCase()}.sasl.jaas.config=${jaasConfig(brokerPrincipal, brokerPassword)}`,
    // One PEM key store (key + chain) and the stack's CA as trust store, for every listener.
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${brokerKeyStoreFile}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${caCertFile}`,
    'listener.name.controller.ssl.client.auth=required',
    // The certificate's CN is the principal (CN=kafka-broker -> User:kafka-broker).
    'ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/$1/,DEFAULT',
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found=false',
    // Provisioning creates topics and ACLs; the broker needs CLUSTER_ACTION on itself.
    `super.users=User:${provisioningPrincipal()};User:${brokerPrincipal}`,
    ...singleNodeProperties(dataDir),
  ].join('\n');
}

/** What every single-node KRaft broker of ours has, secured or not. */
function singleNodeProperties(logDir: string): string[] {
  return [
    `log.dirs=${logDir}`,
    'num.partitions=3',
    // One node: internal topics cannot be replicated (kafkajs loops on the coordinator otherwise).
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics come from the topic catalogue only.
    'auto.create.topics.enable=false',
    '',
  ];
}

function roleProperties(controllerPort: number): string[] {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
  ];
}

function java(args: string[]): [string, string[]] {
  const libs = mavenInstallDir('kafka-libs', pom);
  return [
    'java',
    [
      '-Xms128m',
      '-Xmx512m',
      `-Dlog4j2.configurationFile=${log4jConfig}`,
      '-cp',
      `${libs}/*`,
      ...args,
    ],
  ];
}

/** A Kafka tool run whose failure message does not repeat the passwords on its command line. */
async function runKafkaTool(what: string, args: string[]): Promise<void> {
  const [command, javaArgs] = java(args);
  try {
    await runStep('kafka', command, javaArgs);
  } catch (error) {
    const output = error instanceof Error ? error.message.split('\n').slice(1).join('\n') : '';
    throw new StackError('kafka', `${what} failed:\n${output}`);
  }
}

function scramUsers(): string[] {
  return existsSync(scramUsersFile)
    ? (JSON.parse(readFileSync(scramUsersFile, 'utf8')) as string[])
    : [];
}

function rememberScramUsers(users: readonly string[]): void {
  writeFileSync(scramUsersFile, JSON.stringify([...new Set(users)].sort(), null, 2) + '\n');
}

const scramEntry = (name: string, password: string): string =>
  `${scramMechanism}=[name=${name},password=${password}]`;

/** The environment that makes a Kafka client of this stack's broker connect as `principal`. */
export function localKafkaEnv(principal: string): Record<string, string> {
  return {
    KAFKA_BROKERS: localEndpoint,
    KAFKA_SASL_USERNAME: principal,
    KAFKA_SASL_PASSWORD: passwordOf(principal),
    KAFKA_CA_FILE: caCertFile,
  };
}

/**
 * How a client connects as `principal`: to this stack's broker with the principal's credentials;
 * to a broker given by `KAFKA_BROKERS` with the `KAFKA_SASL_*`/`KAFKA_CA_FILE` given alongside it
 * (that broker's principals are not this stack's to hand out).
 */
export function kafkaEnvFor(principal: string): Record<string, string> {
  const given = process.env.KAFKA_BROKERS?.trim();
  if (!given || given === localEndpoint) return localKafkaEnv(principal);
  const env: Record<string, string> = { KAFKA_BROKERS: given };
  for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_CA_FILE']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/** Adds the SCRAM credentials of principals that joined the directory after the format. */
async function addNewScramUsers(credentials: KafkaCredentials): Promise<void> {
  const known = new Set(scramUsers());
  const added = stackPrincipals().filter((principal) => !known.has(principal));
  if (added.length === 0) return;
  const admin = provisioningPrincipal();
  writeFileSync(
    adminClientConfigFile,
    [
      'security.protocol=SASL_SSL',
      `sasl.mechanism=${scramMechanism}`,
      `sasl.jaas.config=${jaasConfig(admin, passwordOf(admin))}`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${caCertFile}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  for (const principal of added) {
    report('kafka', `adding the SCRAM credentials of ${principal}`);
    // kafkajs cannot alter SCRAM credentials; Kafka's own ConfigCommand (kafka-configs.sh) can.
    await runKafkaTool(`adding the SCRAM credentials of ${principal}`, [
      'kafka.admin.ConfigCommand',
      '--bootstrap-server',
      localEndpoint,
      '--command-config',
      adminClientConfigFile,
      '--alter',
      '--entity-type',
      'users',
      '--entity-name',
      principal,
      '--add-config',
      `${scramMechanism}=[password=${credentials[principal]}]`,
    ]);
    known.add(principal);
    rememberScramUsers([...known]);
  }
}

/** True when a broker answers as a cluster with a controller, asked once without retries. */
async function clusterAnswers(options: KafkaConfig): Promise<boolean> {
  const admin = new Kafka({
    ...options,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export const kafka: StackComponent = {
  name: 'kafka',
  envVar: 'KAFKA_BROKERS',
  localEndpoint,
  port: ports.kafka,

  async install() {
    await installWithMaven('kafka', 'the broker jars', pom, 'kafka-libs', (libs) => [
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ]);
  },

  async start() {
    await ensureCertificates();
    const credentials = ensureCredentials();
    mkdirSync(dataDir, { recursive: true });
    // It holds the broker's own password.
    writeFileSync(configFile, serverProperties(credentials), { mode: 0o600 });
    chmodSync(configFile, 0o600);
    const formatted = existsSync(resolve(dataDir, 'meta.properties'));
    if (formatted && !existsSync(scramUsersFile)) {
      throw new StackError(
        'kafka',
        `${dataDir} was formatted before the broker required SCRAM credentials; remove that ` +
          'folder (its topics are test data) and run `npm run stack:up` again to format it anew',
      );
    }
    if (!formatted) {
      report('kafka', 'formatting the KRaft metadata log with a SCRAM credential per principal');
      const clusterId = newClusterId();
      const principals = stackPrincipals();
      await runKafkaTool('formatting the KRaft metadata log', [
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        configFile,
        '--ignore-formatted',
        ...principals.flatMap((name) => ['--add-scram', scramEntry(name, credentials[name] ?? '')]),
      ]);
      rememberScramUsers(principals);
    }
    const [command, args] = java(['kafka.Kafka', configFile]);
    return startServer('kafka', command, args, configFile);
  },

  async isReady(endpoint) {
    let options;
    try {
      options =
        endpoint === localEndpoint
          ? kafkaClientOptions({
              KAFKA_BROKERS: [endpoint],
              KAFKA_SASL_USERNAME: provisioningPrincipal(),
              KAFKA_SASL_PASSWORD: passwordOf(provisioningPrincipal()),
              KAFKA_CA_FILE: caCertFile,
            })
          : kafkaClientOptionsFromEnv({ ...process.env, KAFKA_BROKERS: endpoint });
    } catch {
      return false; // no credentials yet: not this stack's broker, or not started
    }
    return clusterAnswers({ clientId: 'hub-stack-probe', ...options });
  },

  /**
   * On every `up` of this stack's broker: SCRAM credentials for principals new to the directory,
   * every catalogue topic, and exactly the ACLs derived from the catalogue × the directory.
   */
  async provision() {
    await addNewScramUsers(ensureCredentials());
    const admin = provisioningPrincipal();
    const client = new Kafka({
      clientId: 'hub-stack-provisioning',
      ...kafkaClientOptions({
        KAFKA_BROKERS: [localEndpoint],
        KAFKA_SASL_USERNAME: admin,
        KAFKA_SASL_PASSWORD: passwordOf(admin),
        KAFKA_CA_FILE: caCertFile,
      }),
      logLevel: logLevel.WARN,
    });
    const { created, deleted, total } = await provisionKafka(client);
    report('kafka', `ACLs: ${total} derived, ${created} created, ${deleted} stale deleted`);
  },
};

/** A broker started apart from the stack, and how to stop it. */
export interface ScratchBroker {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A throw-away single-node broker WITHOUT any security (PLAINTEXT, no authorizer) in `dir`, on
 * loopback ports of its own: only for measuring what TLS and SCRAM cost (`bench:ingest
 * --compare-plaintext`). Same jars, heap and single-node settings as the stack's broker.
 */
export async function startScratchPlaintextBroker(
  dir: string,
  port: number,
  controllerPort: number,
): Promise<ScratchBroker> {
  const logDir = resolve(dir, 'data');
  const properties = resolve(dir, 'server.properties');
  mkdirSync(logDir, { recursive: true });
  const endpoint = `127.0.0.1:${port}`;
  writeFileSync(
    properties,
    [
      ...roleProperties(controllerPort),
      `listeners=PLAINTEXT://${endpoint},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://${endpoint}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      ...singleNodeProperties(logDir),
    ].join('\n'),
  );
  await runKafkaTool('formatting the scratch broker', [
    'kafka.tools.StorageTool',
    'format',
    '-t',
    newClusterId(),
    '-c',
    properties,
  ]);
  const [command, args] = java(['kafka.Kafka', properties]);
  const child = spawn(command, args, { stdio: 'ignore' });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const probe = (): Promise<boolean> =>
    clusterAnswers({ clientId: 'scratch-probe', brokers: [endpoint] });
  const deadline = Date.now() + 120_000;
  while (!(await probe())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new StackError('kafka', `the scratch broker in ${dir} did not start`);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  return { endpoint, stop };
}
