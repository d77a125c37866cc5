import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { managementPortOffset } from '@hub/config';
import { report } from './progress';
import { runStep } from './processes';
import { repoRoot } from './settings';
import { hubServicePrincipal, kafkaEnvFor, type StackEndpoints } from './stack';

interface LocalService {
  name: string;
  entry: string;
  env: Record<string, string>;
}

/** Ports of the extra registry instances: 3010, 3020, … (the first keeps 3000). */
const registryPort = (instance: number): number => (instance === 0 ? 3000 : 3000 + 10 * instance);

/**
 * The hub's services as run locally, each connecting to Kafka as its own principal: the registry (`instances` of it, one consumer group, each
 * nominal's partition owned by one of them), the transfer coordinator, the insights service and one
 * agency connector configured as the police.
 */
function localServices(registryInstances: number): LocalService[] {
  const registries = Array.from({ length: registryInstances }, (_, instance) => ({
    name: registryInstances === 1 ? 'registry' : `registry #${instance + 1}`,
    entry: 'dist/apps/registry/src/main.js',
    env: { PORT: String(registryPort(instance)), ...kafkaEnvFor(hubServicePrincipal('registry')) },
  }));
  return [
    ...registries,
    {
      name: 'transfer-coordinator',
      entry: 'dist/apps/transfer-coordinator/src/main.js',
      env: { PORT: '3002', ...kafkaEnvFor(hubServicePrincipal('transfer-coordinator')) },
    },
    {
      name: 'insights',
      entry: 'dist/apps/insights/src/main.js',
      env: { PORT: '3003', ...kafkaEnvFor(hubServicePrincipal('insights')) },
    },
    {
      name: 'agency-connector (police)',
      entry: 'dist/apps/agency-connector/src/main.js',
      env: {
        PORT: '3001',
        AGENCY: 'POLICE',
        ...kafkaEnvFor(hubServicePrincipal('connector', 'POLICE')),
      },
    },
  ];
}

/** Builds the apps and runs them in the foreground until Ctrl-C; the stack keeps running after. */
export async function runHub(endpoints: StackEndpoints, registryInstances = 1): Promise<number> {
  report('hub', 'building the apps');
  await runStep('hub', 'npm', ['run', '--silent', 'build'], { cwd: repoRoot });
  const services = localServices(registryInstances);
  const children: ChildProcess[] = services.map((service) => {
    // Each service serves /health and /metrics on its management port (the API port + 1000).
    const management = Number(service.env.PORT) + managementPortOffset;
    report(
      'hub',
      `starting ${service.name} on http://127.0.0.1:${service.env.PORT} (health and metrics on http://127.0.0.1:${management})`,
    );
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
