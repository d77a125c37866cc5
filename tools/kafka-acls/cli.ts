import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import {
  brokerAclKey,
  compareWithBroker,
  derivedBrokerAcls,
  describeBrokerAcls,
  kafkaClientOptionsFromEnv,
  provisionKafka,
  type BrokerAcl,
} from '@hub/messaging';
import { deriveKafkaAcls, kafkaSuperUsers, organisationDirectory, sortedAcls } from '@hub/security';

const usage = `usage: npm run kafka:acls -- [--check | --provision]
Prints the Kafka ACLs derived from the topic catalogue (libs/contracts) × the organisation directory
(libs/security): principal, resource, pattern, operation, one line each, and their count.
  --check      also compares them with the broker's (describeAcls): exit 1 on any difference
  --provision  creates every catalogue topic and makes the broker's ACLs exactly the derived ones
               (what \`npm run stack:up\` does for the local stack; docker-compose runs it too)
The broker is the local stack's, as the provisioning principal, unless KAFKA_BROKERS is given (with
KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_CA_FILE of a super user).`;

function row(acl: BrokerAcl, widths: readonly [number, number]): string {
  const extra =
    acl.permission === 'ALLOW' && acl.host === '*' ? '' : ` ${acl.permission} ${acl.host}`;
  return [
    acl.principal.padEnd(widths[0]),
    `${acl.resourceType}:${acl.resourceName}`.padEnd(widths[1]),
    acl.patternType.padEnd(9),
    acl.operation + extra,
  ].join(' ');
}

function printTable(acls: readonly BrokerAcl[]): void {
  const widths = [
    Math.max(...acls.map((acl) => acl.principal.length), 9),
    Math.max(...acls.map((acl) => acl.resourceType.length + acl.resourceName.length + 1), 8),
  ] as const;
  console.log(
    [
      'PRINCIPAL'.padEnd(widths[0]),
      'RESOURCE'.padEnd(widths[1]),
      'PATTERN'.padEnd(9),
      'OPERATION',
    ].join(' '),
  );
  for (const acl of sortedAcls(acls)) console.log(row(acl, widths));
}

/** The provisioning principal's connection: the local stack's, or the one the environment gives. */
async function connectionOptions(): Promise<ReturnType<typeof kafkaClientOptionsFromEnv>> {
  if (process.env.KAFKA_BROKERS?.trim() && process.env.KAFKA_SASL_USERNAME) {
    return kafkaClientOptionsFromEnv();
  }
  // Imported only here: the local stack's settings are read from the environment at import.
  const { kafkaEnvFor, provisioningPrincipal } = await import('../local-stack/stack');
  return kafkaClientOptionsFromEnv(kafkaEnvFor(provisioningPrincipal()));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      provision: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const principals = deriveKafkaAcls(organisationDirectory());
  const wanted = derivedBrokerAcls();
  printTable(wanted);
  console.log(
    `\n${wanted.length} ACLs for ${principals.length} principals (directory ${organisationDirectory().version}); ` +
      `super users without ACLs: ${kafkaSuperUsers(principals).join(', ')}`,
  );
  if (!values.check && !values.provision) return 0;

  const kafka = new Kafka({
    clientId: 'kafka-acls',
    ...(await connectionOptions()),
    logLevel: logLevel.WARN,
  });
  if (values.provision) {
    const { created, deleted } = await provisionKafka(kafka);
    console.log(
      `provisioned: every catalogue topic, ${created} ACLs created, ${deleted} stale ACLs deleted`,
    );
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const actual = await describeBrokerAcls(admin);
    const { missing, unexpected } = compareWithBroker(wanted, actual);
    if (missing.length === 0 && unexpected.length === 0) {
      console.log(`the broker holds exactly these ${actual.length} ACLs`);
      return 0;
    }
    console.log(`\nthe broker holds ${actual.length} ACLs; it differs from the derivation:`);
    for (const acl of missing) console.log(`  missing     ${brokerAclKey(acl)}`);
    for (const acl of unexpected) console.log(`  unexpected  ${brokerAclKey(acl)}`);
    console.log('`npm run stack:up` (or `npm run kafka:acls -- --provision`) brings it in line');
    return 1;
  } finally {
    await admin.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`kafka:acls: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
