import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ensureDebianPackages } from '../debian-packages';
import { withCacheLock } from '../install-cache';
import { ensureExtensions, extensionsInstalled, pgBinDir } from '../pg-extensions';
import { report } from '../progress';
import { runStep, startServer, type RunAs } from '../processes';
import { ports, stackDir } from '../settings';
import type { StackComponent } from './component';

/**
 * A private PostgreSQL 15 cluster with the DocumentDB extension, the storage FerretDB 2 runs on. Only
 * FerretDB uses it: it is started when FerretDB is, and not at all when MONGO_URL is given.
 */

const home = resolve(stackDir, 'postgres');
const localUrl = `postgres://postgres@127.0.0.1:${ports.postgres}/postgres`;

/** INFRA-NOTES' recipe: the server, the extensions DocumentDB requires, and what its build needs. */
const packagePlan = {
  packages: [
    'postgresql-15',
    'postgresql-server-dev-15',
    'libbson-dev',
    'libpcre2-dev',
    'libintelrdfpmath-dev',
    'postgresql-15-rum',
    'postgresql-15-cron',
    'postgresql-15-postgis-3',
    'libkrb5-dev',
    'make',
    'gcc',
    'pkg-config',
  ],
  server: 'postgresql-15',
  serverDev: 'postgresql-server-dev-15',
  serverBound: ['postgresql-15-rum', 'postgresql-15-cron', 'postgresql-15-postgis-3'],
} as const;

/** Server settings (INFRA-NOTES), given on the command line so that they always match this stack. */
function serverSettings(): Record<string, string> {
  return {
    listen_addresses: '127.0.0.1',
    port: String(ports.postgres),
    // TCP only: no socket in /var/run/postgresql (may not exist) nor a path-length limit to mind.
    unix_socket_directories: '',
    shared_preload_libraries: 'pg_cron,pg_documentdb_core,pg_documentdb',
    'cron.database_name': 'postgres',
    // pg_cron's and DocumentDB's workers connect to "localhost" over TCP: make it the one we listen on.
    'cron.host': '127.0.0.1',
    'documentdb.localhost_connection_string': 'host=127.0.0.1',
    'documentdb.enableBackgroundWorker': 'true',
    'documentdb.enableBackgroundWorkerJobs': 'true',
    // Debian's pg_cron 1.4 cannot schedule in seconds ("invalid schedule: 2 seconds").
    'documentdb.indexBuildScheduleInSec': '60',
    // Durable writes, as a real deployment has them.
    fsync: 'on',
    synchronous_commit: 'on',
  };
}

/**
 * PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` OS user (which
 * the server package creates); otherwise to us.
 */
function serverUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function canEnter(dir: string, user: RunAs): boolean {
  const { mode, uid, gid } = statSync(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/** The first existing folder on the way to `dir` that `user` may not pass through, if any. */
function blockedOnTheWay(dir: string, user: RunAs): string | undefined {
  const chain: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    chain.unshift(current);
    if (dirname(current) === current) break;
  }
  return chain.find((folder) => existsSync(folder) && !canEnter(folder, user));
}

/**
 * `<stack>/postgres/data`, unless the postgres user cannot reach it (a checkout under /root): then a
 * folder of its own under /var/lib/postgresql, linked from there.
 */
function dataDirFor(user: RunAs | undefined): string {
  const inStack = resolve(home, 'data');
  if (!user) return inStack;
  const blocked = blockedOnTheWay(home, user);
  if (!blocked) return inStack;
  const id = createHash('sha256').update(home).digest('hex').slice(0, 12);
  const outside = resolve('/var/lib/postgresql/hub-stack', id);
  if (!existsSync(outside)) {
    report(
      'postgres',
      `the postgres user cannot enter ${blocked}: the cluster goes to ${outside} ` +
        `(linked from ${inStack})`,
    );
  }
  return outside;
}

async function createCluster(user: RunAs | undefined, dataDir: string): Promise<void> {
  report('postgres', `creating the cluster in ${dataDir}`);
  // A folder without PG_VERSION is what a failed initdb left: nothing to keep.
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) rmSync(dataDir, { recursive: true });
  mkdirSync(dirname(dataDir), { recursive: true }); // 0755: the postgres user passes through
  mkdirSync(dataDir, { mode: 0o700 });
  if (user) chownSync(dataDir, user.uid, user.gid);
  const inStack = resolve(home, 'data');
  if (dataDir !== inStack && !lstatExists(inStack)) symlinkSync(dataDir, inStack);
  await runStep(
    'postgres',
    `${pgBinDir}/initdb`,
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8'],
    { user, cwd: '/' },
  );
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Runs statements one by one in the stack's database, failing with psql's output. */
function psql(...statements: string[]): Promise<void> {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', localUrl];
  for (const statement of statements) args.push('-c', statement);
  return runStep('postgres', `${pgBinDir}/psql`, args);
}

export const postgres: StackComponent = {
  name: 'postgres',
  envVar: 'MONGO_URL',
  internal: true,
  localEndpoint: localUrl,
  port: ports.postgres,

  async install() {
    // One apt run and one extension build at a time, whichever stack asks first.
    const needed = async (): Promise<void> => {
      await ensureDebianPackages('postgres', packagePlan);
      await ensureExtensions();
    };
    if (!extensionsInstalled()) {
      await withCacheLock(
        'postgres-install',
        () => report('postgres', 'waiting for another `up` installing PostgreSQL'),
        needed,
      );
    } else {
      await ensureDebianPackages('postgres', packagePlan);
    }
  },

  async start() {
    mkdirSync(home, { recursive: true });
    const user = serverUser();
    const dataDir = dataDirFor(user);
    if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await createCluster(user, dataDir);
    const args = ['-D', dataDir];
    for (const [name, value] of Object.entries(serverSettings()))
      args.push('-c', `${name}=${value}`);
    // SIGINT is PostgreSQL's "fast" shutdown: SIGTERM ("smart") would wait for every client to leave.
    return startServer(
      'postgres',
      `${pgBinDir}/postgres`,
      args,
      dataDir,
      {},
      {
        user,
        cwd: '/',
        stopSignal: 'SIGINT',
      },
    );
  },

  isReady(endpoint) {
    return new Promise((done) => {
      execFile(`${pgBinDir}/pg_isready`, ['-q', '-t', '2', '-d', endpoint], (error) =>
        done(error === null),
      );
    });
  },

  async afterReady() {
    await psql(
      'CREATE EXTENSION IF NOT EXISTS documentdb CASCADE',
      // A cluster made with an older vendored DocumentDB moves to the installed one (else a no-op).
      'ALTER EXTENSION documentdb_core UPDATE',
      'ALTER EXTENSION documentdb UPDATE',
    );
  },
};
