import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from './errors';
import { report } from './progress';
import { logDir, pidDir } from './settings';

export function logFileOf(name: string): string {
  return resolve(logDir, `${name}.log`);
}

function pidFileOf(name: string): string {
  return resolve(pidDir, `${name}.pid`);
}

/** The last lines of a server's log, quoted in errors so that a failed start explains itself. */
export function logTail(name: string, lines = 25): string {
  const file = logFileOf(name);
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Maven prints every file it fetches; only those of a megabyte or more are worth a progress line. */
export function isLargeDownload(line: string): boolean {
  return /Downloaded from .*\([\d.]+ MB at/.test(line);
}

/** An OS user to run a process as (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  user?: RunAs;
  /** Output lines worth showing as progress (downloads, compile steps); the rest is kept for errors. */
  showLine?: (line: string) => boolean;
}

/** Runs an install or build step to completion, streaming its progress, failing with its output. */
export async function runStep(
  component: string,
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<void> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options.user,
  });
  const kept: string[] = [];
  const onChunk = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      kept.push(line);
      if (kept.length > 60) kept.shift();
      if (options.showLine?.(line)) report(component, line.trim());
    }
  };
  child.stdout.on('data', onChunk);
  child.stderr.on('data', onChunk);
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  if (code !== 0) {
    throw new StackError(
      component,
      `\`${command} ${args.join(' ')}\` exited with ${code}:\n${kept.join('\n')}`,
    );
  }
}

interface PidRecord {
  pid: number;
  marker: string;
  /** The signal that stops the server cleanly (SIGTERM unless the server wants another). */
  stopSignal?: NodeJS.Signals;
}

function readPidRecord(name: string): PidRecord | undefined {
  const file = pidFileOf(name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/**
 * The pid of the server this stack started under `name`, if it still runs. The marker (a path only
 * our command line contains) guards against a recycled pid now belonging to another program.
 */
export function runningPid(name: string): number | undefined {
  const record = readPidRecord(name);
  if (!record) return undefined;
  const commandLine = commandLineOf(record.pid);
  return commandLine?.includes(record.marker) ? record.pid : undefined;
}

interface ServerOptions {
  /** Run as this user instead of ours. */
  user?: RunAs;
  cwd?: string;
  /** How `stopServer` asks it to stop (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
}

/** Starts a long-running server detached from this process, its output appended to its log. */
export function startServer(
  name: string,
  command: string,
  args: string[],
  marker: string,
  env: NodeJS.ProcessEnv = {},
  options: ServerOptions = {},
): number {
  mkdirSync(logDir, { recursive: true });
  mkdirSync(pidDir, { recursive: true });
  const log = openSync(logFileOf(name), 'a');
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...env },
    cwd: options.cwd,
    ...options.user,
  });
  closeSync(log);
  if (child.pid === undefined) throw new StackError(name, `could not start \`${command}\``);
  child.unref();
  const record: PidRecord = { pid: child.pid, marker, stopSignal: options.stopSignal };
  writeFileSync(pidFileOf(name), JSON.stringify(record));
  return child.pid;
}

function isGone(pid: number): boolean {
  // A zombie (exited, not yet reaped by whoever inherited it) has an empty command line.
  return !commandLineOf(pid);
}

/** Stops a server this stack started: its stop signal, then SIGKILL if it outlives the grace period. */
export async function stopServer(name: string, graceMs = 20_000): Promise<boolean> {
  const pid = runningPid(name);
  const signal = readPidRecord(name)?.stopSignal ?? 'SIGTERM';
  rmSync(pidFileOf(name), { force: true });
  if (pid === undefined) return false;
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (isGone(pid)) return true;
    await sleep(200);
  }
  report(name, `did not stop within ${graceMs / 1000}s of ${signal}; sending SIGKILL`);
  process.kill(pid, 'SIGKILL');
  return true;
}

/** Polls `isReady` until it answers, the server dies, or the time runs out. */
export async function waitUntilReady(
  name: string,
  isReady: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isReady()) return;
    if (runningPid(name) === undefined) {
      throw new StackError(name, `exited during start-up. Last log lines:\n${logTail(name)}`);
    }
    await sleep(500);
  }
  throw new StackError(
    name,
    `did not answer within ${timeoutMs / 1000}s. Last log lines:\n${logTail(name)}`,
  );
}
