import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '@hub/testing';
import { hubServicePrincipal, kafkaEnvFor } from '../../tools/local-stack/stack';

const repoRoot = resolve(__dirname, '..', '..');

let built = false;

/** Compiles the apps once per test run (tsx cannot run Nest apps: esbuild emits no decorator metadata). */
export function buildAppsOnce(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  built = true;
}

/**
 * The registry as a separate process (compiled, as it is deployed), so that a test can kill it with
 * SIGKILL and start it again on the same database and consumer group.
 */
export class RegistryProcess {
  private child?: ChildProcess;
  private exits = 0;
  readonly output: string[] = [];

  private constructor(
    readonly url: string,
    /** Where /health and /metrics answer (they are 404 on the API port). */
    readonly managementUrl: string,
    private readonly env: Record<string, string>,
  ) {}

  static async create(env: Record<string, string>): Promise<RegistryProcess> {
    buildAppsOnce();
    const port = await freePort();
    const managementPort = await freePort();
    return new RegistryProcess(`http://127.0.0.1:${port}`, `http://127.0.0.1:${managementPort}`, {
      ...kafkaEnvFor(hubServicePrincipal('registry')),
      ...env,
      PORT: String(port),
      MANAGEMENT_PORT: String(managementPort),
    });
  }

  start(): void {
    const child = spawn(process.execPath, ['dist/apps/registry/src/main.js'], {
      cwd: repoRoot,
      // Under load, a test's polling would meet the rate limit (tested on its own elsewhere).
      env: { ...process.env, LOG_LEVEL: 'warn', HTTP_RATE_LIMIT: '1000000', ...this.env },
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

  /** SIGKILL: no shutdown hook runs, nothing in flight is committed. */
  kill(): Promise<void> {
    return this.signalAndWait('SIGKILL');
  }

  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void> {
    return this.signalAndWait('SIGTERM');
  }

  private async signalAndWait(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    // A process that ended by a signal has no exit code, only a signal code.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await exited;
  }

  get exitCount(): number {
    return this.exits;
  }
}
