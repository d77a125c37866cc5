import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { consumerGroupCatalogue, type ConsumerGroupName } from '@hub/contracts';
import {
  HubSchemaRegistry,
  inspectDeadLetter,
  readDeadLetters,
  replayDeadLetters,
  type DeadLetterFilter,
  kafkaClientOptionsFromEnv,
} from '@hub/messaging';
import { endpointsOf, kafkaEnvFor, provisioningPrincipal } from '../local-stack/stack';

const usage = `usage: npm run dead-letters -- <list|inspect|replay> [options]
  list                  dead letters of a consumer group, one line each
  inspect <id>          one dead letter in full, its value decoded (id as list prints it)
  replay                send the selected dead letters back to their topics
options:
  --group <name>        consumer group of the catalogue (default: registry)
  --group-id <id>       only letters of this consumer group id (when it differs from the name)
  --topic <topic>       only letters from this source topic
  --error-class <name>  only letters that failed with this error class
  --since <ISO time>    only letters whose last failure is at or after this time
  --until <ISO time>    only letters whose last failure is before this time
  --limit <n>           at most n letters (default 1000)
  --dry-run             replay: say what would be sent, send nothing
Uses KAFKA_BROKERS and SCHEMA_REGISTRY_URL, else the local stack's.`;

function date(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new Error(`--${name} is not a date-time: ${value}`);
  return parsed;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      group: { type: 'string', default: 'registry' },
      'group-id': { type: 'string' },
      topic: { type: 'string' },
      'error-class': { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string', default: '1000' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [command, id] = positionals;
  const groupName = values.group as ConsumerGroupName;
  const group = consumerGroupCatalogue[groupName];
  if (!group || !command || !['list', 'inspect', 'replay'].includes(command)) {
    console.error(group ? usage : `unknown consumer group ${values.group}\n${usage}`);
    return 2;
  }
  const endpoints = endpointsOf();
  // An operator tool reading and replaying for any group: the provisioning principal.
  const kafka = new Kafka({
    ...kafkaClientOptionsFromEnv(kafkaEnvFor(provisioningPrincipal())),
    logLevel: logLevel.WARN,
  });
  const filter: DeadLetterFilter = {
    sourceTopic: values.topic,
    consumerGroup: values['group-id'],
    errorClass: values['error-class'],
    since: date(values.since, 'since'),
    until: date(values.until, 'until'),
  };
  const letters = await readDeadLetters(kafka, group.deadLetterTopic, filter, Number(values.limit));

  if (command === 'list') {
    for (const letter of letters) {
      console.log(
        [
          letter.id,
          letter.lastFailedAt,
          letter.sourceTopic,
          letter.key ?? '-',
          letter.errorClass,
          letter.errorMessage,
        ].join('  '),
      );
    }
    console.error(`${letters.length} dead letter(s) in ${group.deadLetterTopic}`);
    return 0;
  }
  if (command === 'inspect') {
    const letter = letters.find((candidate) => candidate.id === id);
    if (!letter) {
      console.error(`no dead letter ${id ?? '(give an id as list prints it)'} matches`);
      return 1;
    }
    const schemas = new HubSchemaRegistry(endpoints.SCHEMA_REGISTRY_URL);
    console.log(JSON.stringify(await inspectDeadLetter(schemas, letter), null, 2));
    return 0;
  }
  const report = await replayDeadLetters(kafka, letters, { dryRun: values['dry-run'] });
  console.log(JSON.stringify(report, null, 2));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
