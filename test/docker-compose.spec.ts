import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { connectorConfigSchema } from '../apps/agency-connector/src/connector.config';
import { registryConfigSchema } from '../apps/registry/src/registry.config';

// docker-compose.yml cannot run on machines without a Docker engine; this keeps it honest by reading.
const repoRoot = resolve(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

const compose = parse(readFileSync(resolve(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

const apps = [
  { service: 'registry', configSchema: registryConfigSchema },
  { service: 'agency-connector-police', configSchema: connectorConfigSchema },
] as const;

describe('docker-compose.yml', () => {
  it('runs Kafka, a schema registry, MongoDB and the services', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining([
        'kafka',
        'schema-registry',
        'mongo',
        ...apps.map((app) => app.service),
      ]),
    );
  });

  it('starts dependants only after what they depend on is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in services }).toEqual({
          name,
          dependency,
          exists: true,
        });
        expect(condition).toBe('service_healthy');
        expect(services[dependency]?.healthcheck).toBeDefined();
      }
    }
  });

  it.each(apps)(
    'configures $service with settings its config schema accepts',
    ({ service, configSchema }) => {
      const definition = services[service];
      expect(definition?.build).toBe('.');
      expect(existsSync(resolve(repoRoot, 'Dockerfile'))).toBe(true);
      const parsed = configSchema.safeParse(definition?.environment ?? {});
      expect(parsed.error?.issues ?? []).toEqual([]);
      for (const [name, value] of Object.entries(definition?.environment ?? {})) {
        if (!/_URL$|BROKERS$/.test(name)) continue;
        const host = /^(?:[a-z+]+:\/\/)?([^:/]+)/.exec(value)?.[1];
        expect({ name, host, isService: host !== undefined && host in services }).toEqual({
          name,
          host,
          isService: true,
        });
      }
    },
  );

  it.each(apps)('runs an entry point of $service that the build produces', ({ service }) => {
    const entry = services[service]?.command?.at(-1) ?? '';
    expect(entry).toMatch(/^dist\/.*\.js$/);
    const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    expect(existsSync(resolve(repoRoot, source))).toBe(true);
  });
});
