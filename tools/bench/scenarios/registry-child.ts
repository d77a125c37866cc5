import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '@hub/testing';
import { BenchError } from '../options';

const repoRoot = resolve(__dirname, '..', '..', '..');

/** Compiles the apps (tsx cannot run Nest apps: esbuild emits no decorator metadata). */
export function buildRegistry(): void {
  try {
    execFileSync('npm', ['run', '--silent', 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', process.stderr, process.stderr],
    });
  } catch (error) {
    throw new BenchError(
      `npm run build failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Where buildUnencryptedRegistry puts the registry without encryption: outside dist/, which the
 * image ships, so that only the bench has it.
 */
export const unencryptedRegistryEntry = '.stack/bench-build/tools/bench/registry-baseline/main.js';

/** Compiles the bench's registry with sensitive fields in clear (tools/bench/registry-baseline). */
export function buildUnencryptedRegistry(): void {
  const project = ['-p', 'tools/bench/registry-baseline/tsconfig.json'];
  try {
    for (const tool of ['tsc', 'tsc-alias']) {
      execFileSync('npx', [tool, ...project], {
        cwd: repoRoot,
        stdio: ['ignore', process.stderr, process.stderr],
      });
    }
  } catch (error) {
    throw new BenchError(
      `building the unencrypted registry failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The compiled registry as a child process, as it is deployed. */
export class RegistryChild {
  private readonly output: string[] = [];
  private exitedWith?: string;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** Where /health and /metrics answer (they are 404 on the API port). */
    readonly managementUrl: string,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString());
      if (this.output.length > 50) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exitedWith = signal ?? `code ${code}`;
    });
  }

  /** `entry`: another compiled hub service than the registry (the transfer bench's coordinator). */
  static async start(
    env: Record<string, string>,
    entry = 'dist/apps/registry/src/main.js',
  ): Promise<RegistryChild> {
    const [port, managementPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [entry], {
      cwd: repoRoot,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        // A benchmark measures the service, not the rate limit.
        HTTP_RATE_LIMIT: '1000000',
        ...env,
        PORT: String(port),
        MANAGEMENT_PORT: String(managementPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new RegistryChild(
      child,
      `http://127.0.0.1:${port}`,
      `http://127.0.0.1:${managementPort}`,
    );
  }

  /** The end of what the process wrote (LOG_LEVEL=warn: warnings and errors). */
  outputTail(chars = 3000): string {
    return this.output.join('').slice(-chars);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Why the process is gone, if it is (with the end of its output). */
  exited(): Error | undefined {
    if (this.exitedWith === undefined) return undefined;
    return new Error(
      `the registry exited (${this.exitedWith}); its last output:\n${this.output.join('').slice(-3000)}`,
    );
  }

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

  /** SIGTERM (the graceful shutdown), SIGKILL after 30 s. */
  async stop(): Promise<void> {
    if (this.exitedWith !== undefined || this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}
