import { parseArgs } from 'node:util';

export const scenarioNames = [
  'pipe',
  'naive',
  'registry-unencrypted',
  'registry',
  'registry-2',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export const usage = `usage: npm run bench:ingest -- [options]
Publishes events through the producer library and measures, on the same stack: (i) the raw
pipe (kafkajs producing and consuming, no work), (ii) a naive consumer (one message at a time,
one MongoDB round trip each), (iii) the registry's real ingest path, and (iv) two registry
instances in one consumer group; registry-unencrypted is (iii) with sensitive fields stored in
clear (a build of the bench's own), the baseline of what encryption at rest costs.
options:
  --events <n>          intelligence events to publish (default 100000)
  --nominals <n>        nominals they are about (default 10000)
  --scenarios <list>    comma-separated subset of ${scenarioNames.join(',')}
                        (default all)
  --rate <n>            publish at a steady n events/s instead of all at once (latency under
                        a steady load rather than queueing behind a burst)
  --stall-seconds <n>   give up on a scenario after this long without progress (default 120)
  --compare-plaintext   run the scenarios a second time against a throw-away broker without
                        TLS or SASL (started and removed by the bench) and report the overhead
                        of TLS+SCRAM as the ratio of the two runs' figures
  --rounds <n>          with --compare-plaintext: this many rounds, alternating which broker
                        goes first, and the median ratio (default 1)
Uses KAFKA_BROKERS (with KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_CA_FILE for a secured
broker), SCHEMA_REGISTRY_URL and MONGO_URL, else the local stack's: the bench publishes as the
provisioning principal (it publishes for every agency) and runs the registry as hub.registry.`;

export interface BenchOptions {
  events: number;
  nominals: number;
  scenarios: ScenarioName[];
  /** Events per second to publish at; undefined: as fast as possible. */
  rate: number | undefined;
  stallMs: number;
  /** Also run every scenario against a plaintext broker, to measure what TLS+SCRAM cost. */
  comparePlaintext: boolean;
  /** Rounds of the comparison (each runs the scenarios on both brokers). */
  rounds: number;
  schemaRegistryUrl: string;
  mongoUrl: string;
}

/** A failure the user can act on: printed without a stack trace. */
export class BenchError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const usageError = (message: string): BenchError =>
  new BenchError(`${message}\n${usage}`, 2);

function positiveInt(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw usageError(`--${name} must be a positive whole number, not ${value}`);
  }
  return parsed;
}

function scenarioList(value: string): ScenarioName[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = names.filter((name) => !(scenarioNames as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw usageError(`--scenarios takes a list of ${scenarioNames.join(', ')}, not ${value}`);
  }
  return scenarioNames.filter((name) => names.includes(name));
}

/** The options, or null when only the usage was asked for. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        events: { type: 'string', default: '100000' },
        nominals: { type: 'string', default: '10000' },
        scenarios: { type: 'string', default: scenarioNames.join(',') },
        rate: { type: 'string' },
        'stall-seconds': { type: 'string', default: '120' },
        'compare-plaintext': { type: 'boolean', default: false },
        rounds: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const events = positiveInt(values.events, 'events');
  const nominals = positiveInt(values.nominals, 'nominals');
  if (nominals > events) {
    throw usageError(`--nominals (${nominals}) cannot exceed --events (${events})`);
  }
  return {
    events,
    nominals,
    scenarios: scenarioList(values.scenarios),
    rate: values.rate === undefined ? undefined : positiveInt(values.rate, 'rate'),
    stallMs: positiveInt(values['stall-seconds'], 'stall-seconds') * 1000,
    comparePlaintext: values['compare-plaintext'],
    rounds: positiveInt(values.rounds, 'rounds'),
    schemaRegistryUrl: env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:28081/apis/ccompat/v7',
    mongoUrl: env.MONGO_URL ?? 'mongodb://127.0.0.1:27027',
  };
}
