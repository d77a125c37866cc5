import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { connectorConfigSchema } from '../apps/agency-connector/src/connector.config';
import { registryConfigSchema } from '../apps/registry/src/registry.config';
import { kafkaConnectionConfig, loadConfig } from '@hub/config';
import { organisationDirectory } from '@hub/security';

// docker-compose.yml cannot run on machines without a Docker engine; this keeps it honest by reading.
const repoRoot = resolve(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  entrypoint?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

const compose = parse(readFileSync(resolve(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

const principalOf = (service: string, actsFor?: string): string | null | undefined =>
  organisationDirectory()
    .kafkaSystems()
    .find(([, system]) => system.hubService === service && system.actsFor === actsFor)?.[1]
    .kafkaPrincipal;

const apps = [
  { service: 'registry', configSchema: registryConfigSchema, principal: principalOf('registry') },
  {
    service: 'agency-connector-police',
    configSchema: connectorConfigSchema,
    principal: principalOf('connector', 'POLICE'),
  },
  {
    service: 'kafka-provisioning',
    configSchema: kafkaConnectionConfig,
    principal: principalOf('provisioning'),
  },
] as const;

/** Services that run once and end: dependants wait for them to complete, not to be healthy. */
const oneShots = ['kafka-secrets', 'kafka-provisioning'];

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
        if (oneShots.includes(dependency)) {
          expect(condition).toBe('service_completed_successfully');
        } else {
          expect(condition).toBe('service_healthy');
          expect(services[dependency]?.healthcheck).toBeDefined();
        }
      }
    }
  });

  it.each(apps)(
    'configures $service with settings its config accepts',
    ({ service, configSchema }) => {
      const definition = services[service];
      expect(definition?.build).toBe('.');
      expect(existsSync(resolve(repoRoot, 'Dockerfile'))).toBe(true);
      expect(() => loadConfig(configSchema, definition?.environment ?? {})).not.toThrow();
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

  it.each(apps)(
    'connects $service to Kafka over SASL_SSL as its own principal ($principal)',
    ({ service, principal }) => {
      const environment = services[service]?.environment ?? {};
      expect(principal).toBeTruthy();
      expect(environment.KAFKA_SASL_USERNAME).toBe(principal);
      expect(environment.KAFKA_SASL_PASSWORD_FILE).toBe(`/secrets/passwords/${principal}`);
      expect(environment.KAFKA_CA_FILE).toBe('/secrets/ca.crt');
      expect(services[service]?.volumes).toContain('kafka-secrets:/secrets:ro');
    },
  );

  it('runs Kafka with the secured start script, after its secrets exist', () => {
    const kafka = services.kafka;
    expect(kafka?.entrypoint?.at(-1)).toBe('/hub/start-kafka.sh');
    expect(services['kafka-secrets']?.entrypoint?.at(-1)).toBe('/hub/make-secrets.sh');
    for (const script of ['start-kafka.sh', 'make-secrets.sh']) {
      expect(existsSync(resolve(repoRoot, 'infra', 'kafka', 'compose', script))).toBe(true);
    }
    const start = readFileSync(resolve(repoRoot, 'infra/kafka/compose/start-kafka.sh'), 'utf8');
    for (const line of [
      'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL',
      'sasl.enabled.mechanisms=SCRAM-SHA-512',
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'allow.everyone.if.no.acl.found=false',
    ]) {
      expect(start).toContain(line);
    }
  });
});
