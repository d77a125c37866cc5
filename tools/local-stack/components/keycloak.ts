import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { StackError } from '../errors';
import { realmFileName, realmFingerprintName, realmName } from '../identity/names';
import { cachedInstallDir, fingerprintOf, installOnce } from '../install-cache';
import { report } from '../progress';
import { isLargeDownload, runStep, startServer } from '../processes';
import { infraDir, ports, repoRoot, stackDir } from '../settings';
import type { StackComponent } from './component';

const pom = resolve(infraDir, 'keycloak', 'pom.xml');
/** This stack's Keycloak: its home (below), its realm file and the mark of what it imported. */
const keycloakDir = resolve(stackDir, 'keycloak');
/**
 * Keycloak keeps its database, transaction log and temporary files under its home's `data/`. The
 * install is shared by every stack and never changed after it is made, so each stack runs from a
 * home of its own: a copy of `bin/kc.sh` (which takes its home from its own path) beside links to
 * the install's `lib`, `conf`, `themes` and `providers`.
 */
const home = resolve(keycloakDir, 'home');
const kcSh = resolve(home, 'bin', 'kc.sh');

/** Keycloak 26 needs Java 21 or newer; the machine's default Java is 17. */
const javaHome = '/usr/lib/jvm/temurin-25-jdk-amd64';
/** A modest heap: two cores and several JVMs share the machine. Enough for the realm's import. */
const heap = '-Xms64m -Xmx384m';

/**
 * Fixed by `kc.sh build` in the install, so that `start --optimized` skips Quarkus' build at every
 * start: the embedded H2 file database (one local server; no PostgreSQL database to manage for it)
 * and health checks served on the main HTTP port (else Keycloak opens a management port, 9000 on
 * every interface by default).
 */
const buildOptions = [
  '--db=dev-file',
  '--health-enabled=true',
  '--http-management-health-enabled=false',
];

const localIssuer = `http://127.0.0.1:${ports.keycloak}/realms/${realmName}`;

function installFingerprint(): string {
  return createHash('sha256')
    .update(fingerprintOf([pom]))
    .update(buildOptions.join(' '))
    .digest('hex');
}

/** The unpacked distribution's top folder (`keycloak-<version>`) in the install. */
function distributionIn(installDir: string): string {
  const top = readdirSync(installDir).find((name) =>
    existsSync(resolve(installDir, name, 'bin', 'kc.sh')),
  );
  if (!top)
    throw new StackError(
      'keycloak',
      `no keycloak-*/bin/kc.sh in ${installDir}; delete it and retry`,
    );
  return resolve(installDir, top);
}

const javaEnv = { JAVA_HOME: javaHome, JAVA_OPTS_KC_HEAP: heap };

/** (Re)links this stack's home to the install, so that a new install is picked up by the next start. */
function prepareHome(): void {
  const distribution = distributionIn(cachedInstallDir('keycloak', installFingerprint()));
  mkdirSync(resolve(home, 'bin'), { recursive: true });
  // Its database holds the client secrets and password hashes: for this user's eyes only.
  mkdirSync(resolve(home, 'data'), { recursive: true, mode: 0o700 });
  chmodSync(resolve(home, 'data'), 0o700);
  copyFileSync(resolve(distribution, 'bin', 'kc.sh'), kcSh);
  for (const name of readdirSync(distribution)) {
    if (name === 'bin' || name === 'data') continue;
    const link = resolve(home, name);
    const target = resolve(distribution, name);
    const existing = lstatSync(link, { throwIfNoEntry: false });
    if (existing?.isSymbolicLink() && readlinkSync(link) === target) continue;
    if (existing) rmSync(link, { recursive: true, force: true });
    symlinkSync(target, link);
  }
}

const importDir = resolve(keycloakDir, 'import');
/** The fingerprint of the realm file Keycloak imported last. */
const importedMarker = resolve(keycloakDir, 'imported-realm.sha256');

function contentOf(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * Writes the realm generated from the directory (and the stack's secrets) with its fingerprint, and
 * says whether Keycloak holds that very realm already.
 */
async function realmIsImported(): Promise<boolean> {
  await runStep(
    'keycloak',
    resolve(repoRoot, 'node_modules', '.bin', 'tsx'),
    [
      '--tsconfig',
      resolve(repoRoot, 'tsconfig.json'),
      resolve(repoRoot, 'tools', 'local-stack', 'identity', 'write-realm-file.ts'),
      stackDir,
      importDir,
    ],
    { cwd: repoRoot },
  );
  const fingerprint = contentOf(resolve(importDir, realmFingerprintName));
  return fingerprint !== undefined && fingerprint === contentOf(importedMarker);
}

/**
 * Imports the realm unless Keycloak holds that very realm already: on the first start, and again
 * after a directory change (the fingerprint differs; `up` restarts a running Keycloak for it).
 */
async function importRealmIfChanged(): Promise<void> {
  if (await realmIsImported()) return;
  const fingerprint = contentOf(resolve(importDir, realmFingerprintName));
  report('keycloak', `importing realm ${realmName} from the organisation directory`);
  const started = Date.now();
  // `import` is a server launch that exits when done; Keycloak is not running (we are starting it).
  // --override replaces a realm imported from an older directory.
  await runStep(
    'keycloak',
    kcSh,
    ['import', '--optimized', '--file', resolve(importDir, realmFileName), '--override', 'true'],
    { env: javaEnv },
  );
  writeFileSync(importedMarker, `${fingerprint ?? ''}\n`);
  report(
    'keycloak',
    `realm ${realmName} imported in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

export const keycloak: StackComponent = {
  name: 'keycloak',
  envVar: 'OIDC_ISSUER_URL',
  localEndpoint: localIssuer,
  port: ports.keycloak,

  async install() {
    await installOnce('keycloak', installFingerprint(), async (installDir) => {
      report('keycloak', 'fetching Keycloak from Maven Central (first run only)');
      await runStep(
        'keycloak',
        'mvn',
        ['-B', '-f', pom, 'dependency:unpack', `-Dkeycloak.outputDirectory=${installDir}`],
        { showLine: (line) => isLargeDownload(line) || line.includes('Unpacking') },
      );
      report('keycloak', 'building Keycloak for this stack (first run only)');
      await runStep(
        'keycloak',
        resolve(distributionIn(installDir), 'bin', 'kc.sh'),
        ['build', ...buildOptions],
        {
          env: javaEnv,
        },
      );
    });
  },

  async start() {
    prepareHome();
    await importRealmIfChanged();
    return startServer(
      'keycloak',
      kcSh,
      [
        'start',
        '--optimized',
        // Plain HTTP, on loopback only: nothing outside this machine can reach it, and the tokens
        // and secrets it carries never leave the machine. Anything else must use HTTPS.
        '--http-enabled=true',
        '--http-host=127.0.0.1',
        `--http-port=${ports.keycloak}`,
        // One fixed issuer, however the server is addressed (localhost or 127.0.0.1): the hub
        // compares the token's `iss` with OIDC_ISSUER_URL.
        `--hostname=http://127.0.0.1:${ports.keycloak}`,
        // A single local node: no cluster discovery on the network.
        '--cache=local',
      ],
      kcSh,
      javaEnv,
    );
  },

  isCurrent: realmIsImported,

  async isReady(endpoint) {
    const issuer = endpoint.replace(/\/+$/, '');
    try {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (!response.ok) return false;
      const configuration = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      // OpenID discovery: the configuration names the very issuer it was fetched for.
      const named = typeof configuration.issuer === 'string' ? configuration.issuer : '';
      return named.replace(/\/+$/, '') === issuer && typeof configuration.jwks_uri === 'string';
    } catch {
      return false;
    }
  },
};
