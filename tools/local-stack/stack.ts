import { createConnection } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StackComponent } from './components/component';
import { ferretdb } from './components/ferretdb';
import { kafka } from './components/kafka';
import { keycloak } from './components/keycloak';
import { caCertFile } from './components/kafka-secrets';
import { ensureLocalMasterKeyFile, masterKeyFile } from './master-key-file';

export { hubServicePrincipal, kafkaEnvFor, provisioningPrincipal } from './components/kafka';
import { postgres } from './components/postgres';
import { schemaRegistry } from './components/schema-registry';
import { StackError } from './errors';
import { report } from './progress';
import { runningPid, stopServer, waitUntilReady } from './processes';
import { stackDir, startTimeoutMs } from './settings';

/** In start order: a component comes after those it `startsAfter`; `down` goes in reverse. */
export const components: readonly StackComponent[] = [
  kafka,
  schemaRegistry,
  postgres,
  ferretdb,
  keycloak,
];

/** Where each server answers, and the master key file services encrypt with. */
export type StackEndpoints = Record<StackComponent['envVar'] | 'HUB_MASTER_KEY_FILE', string>;

export interface UpResult {
  endpoints: StackEndpoints;
  /** Names of the servers this call started (and which a matching `down` may stop). */
  started: string[];
}

function externalEndpoint(component: StackComponent): string | undefined {
  const value = process.env[component.envVar]?.trim();
  return value ? value : undefined;
}

function portIsTaken(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function bringUp(component: StackComponent): Promise<boolean> {
  const external = externalEndpoint(component);
  if (external && component.internal) return false; // what it backs is given: not needed
  if (external) {
    if (!(await component.isReady(external))) {
      throw new StackError(
        component.name,
        `${component.envVar}=${external} was given but does not answer; start it or unset ${component.envVar}`,
      );
    }
    report(component.name, `using ${external} from ${component.envVar}`);
    return false;
  }
  if (runningPid(component.name) !== undefined) {
    await waitUntilReady(
      component.name,
      () => component.isReady(component.localEndpoint),
      startTimeoutMs,
    );
    if (!component.isCurrent || (await component.isCurrent())) {
      await component.provision?.();
      report(component.name, `already running at ${component.localEndpoint}`);
      return false;
    }
    // What it was started with has changed since (e.g. the realm after a directory change).
    report(component.name, 'running with an outdated configuration: restarting it');
    await stopServer(component.name);
  }
  if (await portIsTaken(component.port)) {
    throw new StackError(
      component.name,
      `port ${component.port} is taken by a process this stack did not start; stop it, or point ` +
        `${component.envVar} at it to use it instead`,
    );
  }
  const pid = await component.start();
  report(component.name, `started (pid ${pid}), waiting for it to answer`);
  try {
    await waitUntilReady(
      component.name,
      () => component.isReady(component.localEndpoint),
      startTimeoutMs,
    );
    await component.afterReady?.();
    await component.provision?.();
  } catch (error) {
    await stopServer(component.name); // leave nothing half-started behind
    throw error;
  }
  report(component.name, `ready at ${component.localEndpoint}`);
  return true;
}

async function installAll(wanted: StackComponent[]): Promise<void> {
  // Maven runs are kept sequential (they share ~/.m2); the Go build and PostgreSQL's packages and
  // extensions go alongside them.
  const maven = wanted.filter((c) => c === kafka || c === schemaRegistry || c === keycloak);
  const others = wanted.filter((c) => !maven.includes(c));
  await Promise.all([
    maven.reduce((previous, c) => previous.then(() => c.install()), Promise.resolve()),
    ...others.map((c) => c.install()),
  ]);
}

export function endpointsOf(): StackEndpoints {
  const entries = components
    .filter((c) => !c.internal)
    .map((c) => [c.envVar, externalEndpoint(c) ?? c.localEndpoint]);
  return {
    ...Object.fromEntries(entries),
    HUB_MASTER_KEY_FILE: masterKeyFile(),
  } as StackEndpoints;
}

/** Brings every component up at once, each after those it `startsAfter` answer. */
function bringUpAll(): Promise<PromiseSettledResult<boolean>[]> {
  const answering = new Map<string, Promise<boolean>>();
  for (const component of components) {
    const before = (component.startsAfter ?? []).map((name) => {
      const earlier = answering.get(name);
      if (!earlier) throw new Error(`${component.name} starts after ${name}, listed after it`);
      return earlier;
    });
    answering.set(
      component.name,
      Promise.all(before).then(() => bringUp(component)),
    );
  }
  return Promise.allSettled([...answering.values()]);
}

/** Idempotent: installs what is missing, starts what is not running, waits until all answer. */
export async function up(): Promise<UpResult> {
  const local = components.filter((c) => !externalEndpoint(c) && runningPid(c.name) === undefined);
  await installAll(local);
  const outcomes = await bringUpAll();
  const started = components.filter((_, i) => {
    const outcome = outcomes[i];
    return outcome?.status === 'fulfilled' && outcome.value;
  });
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) {
    // Leave nothing half-started behind a failed `up`.
    await down(started.map((c) => c.name));
    throw failure.reason;
  }
  ensureLocalMasterKeyFile();
  const endpoints = endpointsOf();
  mkdirSync(stackDir, { recursive: true });
  // The CA is public; each service's SCRAM user and password are its own (see kafkaEnvFor).
  const published = externalEndpoint(kafka)
    ? endpoints
    : { ...endpoints, KAFKA_CA_FILE: caCertFile };
  writeFileSync(
    resolve(stackDir, 'endpoints.env'),
    Object.entries(published)
      .map(([name, value]) => `export ${name}=${value}`)
      .join('\n') + '\n',
  );
  return { endpoints, started: started.map((c) => c.name) };
}

/** Stops the servers this stack started (all of them, or only those named). */
export async function down(only?: string[]): Promise<string[]> {
  const stopped: string[] = [];
  for (const component of [...components].reverse()) {
    if (only && !only.includes(component.name)) continue;
    if (await stopServer(component.name)) {
      report(component.name, 'stopped');
      stopped.push(component.name);
    }
  }
  return stopped;
}

export interface ComponentStatus {
  name: string;
  /** null for a server only the stack itself uses (PostgreSQL). */
  envVar: string | null;
  endpoint: string;
  managedBy: 'environment' | 'local stack';
  pid: number | null;
  answering: boolean;
}

export async function status(): Promise<ComponentStatus[]> {
  return Promise.all(
    components
      .filter((c) => !(c.internal && externalEndpoint(c)))
      .map(async (c) => {
        const external = externalEndpoint(c);
        const endpoint = external ?? c.localEndpoint;
        return {
          name: c.name,
          envVar: c.internal ? null : c.envVar,
          endpoint,
          managedBy: external ? 'environment' : 'local stack',
          pid: external ? null : (runningPid(c.name) ?? null),
          answering: await c.isReady(endpoint),
        } satisfies ComponentStatus;
      }),
  );
}
