import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { installWithMaven, mavenInstallDir } from '../maven-install';
import { report } from '../progress';
import { runStep, startServer } from '../processes';
import { infraDir, ports, stackDir } from '../settings';
import type { StackComponent } from './component';

const home = resolve(stackDir, 'kafka');
const dataDir = resolve(home, 'data');
const configFile = resolve(home, 'server.properties');
const pom = resolve(infraDir, 'kafka', 'pom.xml');
const log4jConfig = resolve(infraDir, 'kafka', 'log4j2.properties');

function serverProperties(): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
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
  ].join('\n');
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

export const kafka: StackComponent = {
  name: 'kafka',
  envVar: 'KAFKA_BROKERS',
  localEndpoint: `127.0.0.1:${ports.kafka}`,
  port: ports.kafka,

  async install() {
    await installWithMaven('kafka', 'the broker jars', pom, 'kafka-libs', (libs) => [
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ]);
  },

  async start() {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(configFile, serverProperties());
    if (!existsSync(resolve(dataDir, 'meta.properties'))) {
      report('kafka', 'formatting the KRaft metadata log');
      // A Kafka cluster id is 16 random bytes in URL-safe base64 without padding.
      const clusterId = randomBytes(16).toString('base64url');
      const [command, args] = java([
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        configFile,
        '--ignore-formatted',
      ]);
      await runStep('kafka', command, args);
    }
    const [command, args] = java(['kafka.Kafka', configFile]);
    return startServer('kafka', command, args, configFile);
  },

  async isReady(endpoint) {
    const admin = new Kafka({
      clientId: 'hub-stack-probe',
      brokers: endpoint.split(','),
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
  },
};
