import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '@hub/testing';
import { hubServicePrincipal, kafkaEnvFor } from '../../tools/local-stack/stack';
import { buildAppsOnce } from './registry-process';

const repoRoot = resolve(__dirname, '..', '..');

/**
 * The transfer coordinator as a separate process (compiled, as it is deployed), so that a test can
 * kill it, or have it kill itself, and start it again on the same database and consumer group.
 */
export class TransferCoordinatorProcess {
  private child?: ChildProcess;
  private exits = 0;
  readonly output: string[] = [];

  private constructor(
    readonly url: string,
    /** Where /health and /metrics answer (they are 404 on the API port). */
    readonly managementUrl: string,
    private readonly env: Record<string, string>,
  ) {}

  static async create(env: Record<string, string>): Promise<TransferCoordinatorProcess> {
    buildAppsOnce();
    const port = await freePort();
    const managementPort = await freePort();
    return new TransferCoordinatorProcess(
      `http://127.0.0.1:${port}`,
      `http://127.0.0.1:${managementPort}`,
      {
        ...kafkaEnvFor(hubServicePrincipal('transfer-coordinator')),
        ...env,
        PORT: String(port),
        MANAGEMENT_PORT: String(managementPort),
      },
    );
  }

  /** Starts the process; `extra` over its environment for this start only (a fault to inject). */
  start(extra: Record<string, string> = {}): void {
    const child = spawn(process.execPath, ['dist/apps/transfer-coordinator/src/main.js'], {
      cwd: repoRoot,
      // Tests call in bursts with one token per user: the rate limit is tested on its own elsewhere.
      env: { ...process.env, LOG_LEVEL: 'warn', HTTP_RATE_LIMIT: '1000000', ...this.env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', () => this.exits++);
    this.child = child;
  }

  /** Answers once the process serves HTTP and its consumer has joined the group. */
  async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.managementUrl}/health`, {
        signal: AbortSignal.timeout(2_000),
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Whether the process has ended (killed, or killed itself). */
  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** How the last process ended: its signal (SIGKILL for a crash), else its exit code. */
  get endedBy(): string | null {
    return this.child?.signalCode ?? (this.child?.exitCode ?? null)?.toString() ?? null;
  }

  /** SIGKILL: no shutdown hook runs, nothing in flight finishes. */
  kill(): Promise<void> {
    return this.signalAndWait('SIGKILL');
  }

  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void> {
    return this.signalAndWait('SIGTERM');
  }

  /** Waits until the process has ended by itself. */
  async ended(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`the transfer coordinator still runs after ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
    });
  }

  private async signalAndWait(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await exited;
  }

  get exitCount(): number {
    return this.exits;
  }

  /** The end of what the process wrote, for a failing test's message. */
  outputTail(chars = 4_000): string {
    return this.output.join('').slice(-chars);
  }
}
