import { resolve } from 'node:path';
import { repoRoot, stackSettings } from './config';

/**
 * This process's stack, from its environment as it was when this module was first imported (the test
 * run's global setup sets `HUB_STACK_DIR` and the ports before importing the stack; see config.ts).
 */
const settings = stackSettings(process.env);

export { repoRoot };
/** Where this stack keeps its data, logs and pid files (git-ignored). */
export const stackDir = settings.stackDir;
export const cacheDir = settings.cacheDir;
export const vendorDir = settings.vendorDir;
export const infraDir = resolve(repoRoot, 'infra');
export const logDir = settings.logDir;
export const pidDir = settings.pidDir;

/** Loopback ports of the servers the stack starts; chosen away from the defaults to avoid clashes. */
export const ports = settings.ports;

/** How long `up` waits for a freshly started server to answer before giving up. */
export const startTimeoutMs = settings.startTimeoutMs;
