import { resolve } from 'node:path';

/** Where the local stack keeps downloads, builds, data, logs and pid files (git-ignored). */
export const repoRoot = resolve(__dirname, '..', '..');
export const stackDir = process.env.HUB_STACK_DIR ?? resolve(repoRoot, '.stack');
export const infraDir = resolve(repoRoot, 'infra');
export const logDir = resolve(stackDir, 'logs');
export const pidDir = resolve(stackDir, 'pids');

/** Loopback ports of the servers the stack starts; chosen away from the defaults to avoid clashes. */
export const ports = {
  kafka: Number(process.env.HUB_STACK_KAFKA_PORT ?? 29092),
  kafkaController: Number(process.env.HUB_STACK_KAFKA_CONTROLLER_PORT ?? 29093),
  schemaRegistry: Number(process.env.HUB_STACK_SCHEMA_REGISTRY_PORT ?? 28081),
  mongo: Number(process.env.HUB_STACK_MONGO_PORT ?? 27027),
} as const;

/** How long `up` waits for a freshly started server to answer before giving up. */
export const startTimeoutMs = Number(process.env.HUB_STACK_START_TIMEOUT_MS ?? 180_000);
