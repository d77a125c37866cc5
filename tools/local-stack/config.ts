import { join, resolve } from 'node:path';

/**
 * The local stack's settings as pure functions of an environment, so that a caller can derive another
 * stack's settings (the test run's) before anything reads `process.env` (settings.ts does at import).
 */

export type Env = Readonly<Record<string, string | undefined>>;

export const repoRoot = resolve(__dirname, '..', '..');

/** The variable that moves each loopback port, and its default (away from the servers' own defaults). */
export const portVariables = {
  kafka: 'HUB_STACK_KAFKA_PORT',
  kafkaController: 'HUB_STACK_KAFKA_CONTROLLER_PORT',
  schemaRegistry: 'HUB_STACK_SCHEMA_REGISTRY_PORT',
  mongo: 'HUB_STACK_MONGO_PORT',
  postgres: 'HUB_STACK_POSTGRES_PORT',
  keycloak: 'HUB_STACK_KEYCLOAK_PORT',
} as const;

export type PortName = keyof typeof portVariables;

export const defaultPorts: Readonly<Record<PortName, number>> = {
  kafka: 29092,
  kafkaController: 29093,
  schemaRegistry: 28081,
  mongo: 27027,
  postgres: 27432,
  keycloak: 28180,
};

/** How far the test run's stack moves every port from the default stack's, unless told otherwise. */
export const defaultTestPortOffset = 100;

export interface StackSettings {
  /** This stack's data, logs, pid files and `endpoints.env`. */
  stackDir: string;
  /** Installs shared by every stack of the checkout (Kafka jars, Apicurio, the FerretDB binary). */
  cacheDir: string;
  /** Where the vendored PostgreSQL extension archives are (see ../shared/vendor/README.md). */
  vendorDir: string;
  logDir: string;
  pidDir: string;
  ports: Readonly<Record<PortName, number>>;
  /** How long `up` waits for a freshly started server to answer before giving up. */
  startTimeoutMs: number;
}

function integerIn(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${name}=${value} is not an integer from ${min} to ${max}`);
  }
  return number;
}

function portsOf(env: Env): Record<PortName, number> {
  const ports = { ...defaultPorts };
  for (const name of Object.keys(portVariables) as PortName[]) {
    const value = env[portVariables[name]]?.trim();
    if (value) ports[name] = integerIn(portVariables[name], value, 1, 65_535);
  }
  const taken = new Map<number, PortName>();
  for (const [name, port] of Object.entries(ports) as [PortName, number][]) {
    const other = taken.get(port);
    if (other) {
      throw new Error(`${portVariables[name]} and ${portVariables[other]} are both ${port}`);
    }
    taken.set(port, name);
  }
  return ports;
}

export function stackSettings(env: Env, root = repoRoot): StackSettings {
  const stackDir = resolve(root, env.HUB_STACK_DIR?.trim() || '.stack');
  return {
    stackDir,
    cacheDir: resolve(root, env.HUB_STACK_CACHE_DIR?.trim() || join('.stack', 'cache')),
    vendorDir: resolve(root, env.HUB_VENDOR_DIR?.trim() || resolve(root, '..', 'shared', 'vendor')),
    logDir: resolve(stackDir, 'logs'),
    pidDir: resolve(stackDir, 'pids'),
    ports: portsOf(env),
    startTimeoutMs: integerIn(
      'HUB_STACK_START_TIMEOUT_MS',
      env.HUB_STACK_START_TIMEOUT_MS?.trim() || '180000',
      1,
      86_400_000,
    ),
  };
}

/**
 * The variables that give a test run a stack of its own: another folder (`HUB_TEST_STACK_DIR`, default
 * `.stack/test-run`) and every port moved by `HUB_TEST_STACK_PORT_OFFSET` (default 100) from the
 * default stack's, so that tests never write where `npm run hub` reads. The shared install cache stays.
 */
export function testStackEnv(env: Env, root = repoRoot): Record<string, string> {
  const { ports } = stackSettings(env, root);
  const offset = integerIn(
    'HUB_TEST_STACK_PORT_OFFSET',
    env.HUB_TEST_STACK_PORT_OFFSET?.trim() || String(defaultTestPortOffset),
    1,
    30_000,
  );
  const result: Record<string, string> = {
    HUB_STACK_DIR: resolve(root, env.HUB_TEST_STACK_DIR?.trim() || join('.stack', 'test-run')),
  };
  for (const name of Object.keys(portVariables) as PortName[]) {
    const port = ports[name] + offset;
    if (port > 65_535) {
      throw new Error(
        `HUB_TEST_STACK_PORT_OFFSET=${offset} moves ${portVariables[name]} past 65535`,
      );
    }
    result[portVariables[name]] = String(port);
  }
  return result;
}
