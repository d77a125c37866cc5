import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { StackError } from './errors';
import { report } from './progress';
import { runStep } from './processes';

const run = promisify(execFile);

/** One version of a package as `apt-cache show` describes it. */
export interface AptRecord {
  version: string;
  depends: string;
}

/** The records of `apt-cache show <package>` (newest first, as apt lists them). */
export function parseAptRecords(text: string): AptRecord[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const field = (name: string): string =>
        new RegExp(`^${name}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
      return { version: field('Version'), depends: field('Depends') };
    })
    .filter((record) => record.version !== '');
}

/** A version constraint of a `Depends` field: `>>`, `>=`, `=`, `<=` or `<<` and a version. */
export interface Constraint {
  operator: string;
  version: string;
}

/**
 * The constraints a `Depends` field puts on `dependency`: [] when it depends on it without a version
 * (or not at all). Alternatives (`a | b`) are not constraints and are ignored.
 */
export function constraintsOn(depends: string, dependency: string): Constraint[] {
  const constraints: Constraint[] = [];
  for (const clause of depends.split(',')) {
    if (clause.includes('|')) continue;
    const match =
      /^\s*([a-z0-9][a-z0-9+.-]*)(?::\S+)?\s*(?:\(\s*(<<|<=|=|>=|>>)\s*([^)\s]+)\s*\))?\s*$/.exec(
        clause,
      );
    if (match?.[1] === dependency && match[2] && match[3]) {
      constraints.push({ operator: match[2], version: match[3] });
    }
  }
  return constraints;
}

const dpkgOperators: Record<string, string> = {
  '<<': 'lt',
  '<=': 'le',
  '=': 'eq',
  '>=': 'ge',
  '>>': 'gt',
};

/** Whether `version` satisfies `constraint`, by dpkg's own version ordering. */
async function satisfies(version: string, constraint: Constraint): Promise<boolean> {
  const operator = dpkgOperators[constraint.operator];
  if (!operator) return false;
  try {
    await run('dpkg', ['--compare-versions', version, operator, constraint.version]);
    return true;
  } catch {
    return false;
  }
}

/** The installed version of each of `packages` that is installed (one dpkg-query, no apt). */
export async function installedVersions(packages: readonly string[]): Promise<Map<string, string>> {
  let stdout = '';
  try {
    ({ stdout } = await run('dpkg-query', [
      '-W',
      '-f=${Package}\t${db:Status-Abbrev}\t${Version}\n',
      ...packages,
    ]));
  } catch (error) {
    // dpkg-query exits 1 when some package is unknown, still listing the others.
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  const installed = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [name, status, version] = line.split('\t');
    if (name && version && status?.startsWith('ii')) installed.set(name, version);
  }
  return installed;
}

/**
 * The newest version of `pkg` apt offers that keeps `server` at `serverVersion` (Debian rebuilds
 * extension packages against each server update and makes them depend on it: the newest may demand a
 * server upgrade).
 */
async function versionKeeping(pkg: string, server: string, serverVersion: string): Promise<string> {
  const { stdout } = await run('apt-cache', ['show', pkg]);
  for (const record of parseAptRecords(stdout)) {
    const checks = await Promise.all(
      constraintsOn(record.depends, server).map((c) => satisfies(serverVersion, c)),
    );
    if (checks.every(Boolean)) return record.version;
  }
  throw new StackError(
    'postgres',
    `apt offers no version of ${pkg} that works with the installed ${server} ${serverVersion}; ` +
      `upgrade the server (apt-get install ${server}) and retry`,
  );
}

export interface PackagePlan {
  /** Every package needed, checked with one dpkg-query on each `up`. */
  packages: readonly string[];
  /** The server package, kept at its installed version. */
  server: string;
  /** The server's development files: must be of the server's own version (headers match the binary). */
  serverDev: string;
  /** Packages built for one server release: pinned to a version that does not upgrade the server. */
  serverBound: readonly string[];
}

const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
/** Wait for another apt/dpkg run (e.g. the other stack's `up`) instead of failing on its lock. */
const aptLockWait = ['-o', 'DPkg::Lock::Timeout=600'];

/**
 * Installs with apt-get whatever of `plan.packages` is missing, without upgrading an installed server.
 * A warm run costs one dpkg-query. Needs root; says so, with the command, when it is not.
 */
export async function ensureDebianPackages(component: string, plan: PackagePlan): Promise<void> {
  const installed = await installedVersions(plan.packages);
  const missing = plan.packages.filter((pkg) => !installed.has(pkg));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new StackError(
      component,
      `needs the Debian packages ${missing.join(' ')}. Run \`npm run stack:up\` once as root (it ` +
        `installs them with apt-get), or install them first: apt-get install ${missing.join(' ')}`,
    );
  }
  report(component, `installing ${missing.join(' ')} with apt-get (first run only)`);
  await runStep(component, 'apt-get', ['update', '-q', ...aptLockWait], { env: aptEnv });
  const serverVersion = installed.get(plan.server);
  const targets: string[] = [];
  if (serverVersion !== undefined) {
    // Named with its installed version, so that apt refuses (rather than does) an upgrade.
    targets.push(`${plan.server}=${serverVersion}`);
    for (const pkg of missing) {
      if (pkg === plan.server) continue;
      if (pkg === plan.serverDev) targets.push(`${pkg}=${serverVersion}`);
      else if (plan.serverBound.includes(pkg)) {
        targets.push(`${pkg}=${await versionKeeping(pkg, plan.server, serverVersion)}`);
      } else targets.push(pkg);
    }
  } else {
    targets.push(...missing); // no server yet: the server and its packages all at apt's candidates
  }
  try {
    await runStep(component, 'apt-get', ['install', '-y', '-q', ...aptLockWait, ...targets], {
      env: aptEnv,
      showLine: (line) => /^Need to get|^Setting up postgresql/.test(line),
    });
  } catch (error) {
    if (serverVersion === undefined || !(error instanceof StackError)) throw error;
    throw new StackError(
      component,
      `${error.message}\n(the packages are pinned so that ${plan.server} stays at ${serverVersion}; ` +
        `if apt no longer offers ${plan.serverDev}=${serverVersion}, upgrade the server first: ` +
        `apt-get install ${plan.server})`,
    );
  }
}
