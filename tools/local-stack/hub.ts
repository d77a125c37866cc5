import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { report } from './progress';
import { runStep } from './processes';
import { repoRoot } from './settings';
import type { StackEndpoints } from './stack';

/** The hub's services as run locally: one registry and one agency connector configured as the police. */
const services = [
  { name: 'registry', entry: 'dist/apps/registry/src/main.js', env: { PORT: '3000' } },
  {
    name: 'agency-connector (police)',
    entry: 'dist/apps/agency-connector/src/main.js',
    env: { PORT: '3001', AGENCY: 'POLICE' },
  },
] as const;

/** Builds the apps and runs them in the foreground until Ctrl-C; the stack keeps running after. */
export async function runHub(endpoints: StackEndpoints): Promise<number> {
  report('hub', 'building the apps');
  await runStep('hub', 'npm', ['run', '--silent', 'build'], { cwd: repoRoot });
  const children: ChildProcess[] = services.map((service) => {
    report('hub', `starting ${service.name} on http://127.0.0.1:${service.env.PORT}`);
    return spawn(process.execPath, [resolve(repoRoot, service.entry)], {
      cwd: repoRoot,
      env: { ...process.env, ...endpoints, ...service.env },
      stdio: 'inherit',
    });
  });
  const stopAll = (): void => {
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
  const codes = await Promise.all(
    children.map(
      (child) => new Promise<number>((done) => child.on('exit', (code) => done(code ?? 0))),
    ),
  );
  report('hub', 'services stopped; the stack is still running (`npm run stack:down` stops it)');
  return Math.max(...codes);
}
