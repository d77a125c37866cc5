import { StackError } from './errors';
import { runHub } from './hub';
import { logFileOf } from './processes';
import { down, status, up } from './stack';

const usage = `usage: tsx tools/local-stack/cli.ts <up|down|status|hub> [--json]
  up      install (first run), start and await Kafka, the schema registry, PostgreSQL, FerretDB and Keycloak
  down    stop what \`up\` started (servers given through the environment are left alone)
  status  show each server, who manages it and whether it answers
  hub     \`up\`, then build and run the hub's services in the foreground
          [--registry-instances <n>]: n registry instances sharing the work (ports 3000, 3010, …)`;

function registryInstancesOf(flags: string[]): number {
  const at = flags.indexOf('--registry-instances');
  if (at < 0) return 1;
  const value = Number(flags[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1 || value > 16) {
    throw new StackError(
      'hub',
      `--registry-instances takes a number from 1 to 16, not ${flags[at + 1] ?? '(nothing)'}`,
    );
  }
  return value;
}

async function main(command: string | undefined, flags: string[]): Promise<number> {
  switch (command) {
    case 'up': {
      const { endpoints } = await up();
      for (const [name, value] of Object.entries(endpoints)) console.log(`${name}=${value}`);
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'status': {
      const rows = await status();
      if (flags.includes('--json')) {
        console.log(JSON.stringify(rows, null, 2));
      } else {
        for (const row of rows) {
          const state = row.answering ? 'answering' : 'NOT answering';
          const pid = row.pid === null ? '' : ` pid ${row.pid}`;
          console.log(
            `${row.name.padEnd(16)} ${state.padEnd(14)} ${row.endpoint} (${row.managedBy}${pid}; log ${logFileOf(row.name)})`,
          );
        }
      }
      return rows.every((row) => row.answering) ? 0 : 1;
    }
    case 'hub': {
      const instances = registryInstancesOf(flags);
      const { endpoints } = await up();
      return runHub(endpoints, instances);
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof StackError ? error.message : error);
    process.exit(1);
  },
);
