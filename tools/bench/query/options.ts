import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const usage = `usage: npm run bench:query -- [options]
Drives the registry's query API at a constant request rate, one endpoint after the other (search,
record, timeline), with values picked from the population in the database: names of existing
people with a typo, their dates of birth and identifiers, areas with categories and levels, ids.
Prints, per endpoint, the rate achieved, the p50 and p99 latency and the errors. Reads only.
options:
  --database <name>     the registry's database (default: MONGO_DATABASE or mappa_registry)
  --url <url>           a running registry API; by default one is started on the database
                        (the query API only, consuming nothing)
  --duration <seconds>  per endpoint (default 20)
  --rate <n>            requests per second per endpoint (default 100)
Uses MONGO_URL and HUB_MASTER_KEY_FILE (the records' sensitive fields are encrypted), else the
local stack's (.stack/endpoints.env).`;

export interface QueryBenchOptions {
  mongoUrl: string;
  /** The master key the registry wrote the database with (the API opens what it encrypted). */
  masterKeyFile: string | undefined;
  database: string;
  url: string | undefined;
  durationMs: number;
  rate: number;
}

/** A failure the user can act on: printed without a stack trace. */
export class QueryBenchError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const usageError = (message: string): QueryBenchError =>
  new QueryBenchError(`${message}\n${usage}`, 2);

function positive(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw usageError(`--${name} must be a positive number, not ${value}`);
  }
  return parsed;
}

/** A variable of the local stack's endpoints file (`export NAME=value` lines), if there is one. */
function stackVariable(repoRoot: string, name: string): string | undefined {
  const file = resolve(repoRoot, '.stack', 'endpoints.env');
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((text) => new RegExp(`^(export\\s+)?${name}=`).test(text.trim()));
  return line?.split('=').slice(1).join('=').trim();
}

/** The options, or null when only the usage was asked for. */
export function parseOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  repoRoot: string,
): QueryBenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        database: { type: 'string' },
        url: { type: 'string' },
        duration: { type: 'string', default: '20' },
        rate: { type: 'string', default: '100' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  return {
    mongoUrl: env.MONGO_URL ?? stackVariable(repoRoot, 'MONGO_URL') ?? 'mongodb://127.0.0.1:27027',
    masterKeyFile: env.HUB_MASTER_KEY_FILE ?? stackVariable(repoRoot, 'HUB_MASTER_KEY_FILE'),
    database: values.database ?? env.MONGO_DATABASE ?? 'mappa_registry',
    url: values.url?.replace(/\/+$/, ''),
    durationMs: positive(values.duration, 'duration') * 1000,
    rate: positive(values.rate, 'rate'),
  };
}
