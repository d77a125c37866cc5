import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { StackError } from '../errors';
import { installWithMaven, mavenInstallDir } from '../maven-install';
import { startServer } from '../processes';
import { infraDir, ports, stackDir } from '../settings';
import type { StackComponent } from './component';

const home = resolve(stackDir, 'apicurio');
const storageDir = resolve(home, 'h2');
const pom = resolve(infraDir, 'apicurio', 'pom.xml');

/** The Confluent-compatible API of Apicurio Registry, the only API of it that the hub uses. */
const ccompatPath = '/apis/ccompat/v7';

function runnerJar(): string {
  const distDir = mavenInstallDir('apicurio', pom);
  const jar = readdirSync(distDir).find((file) => file.endsWith('-runner.jar'));
  if (!jar)
    throw new StackError('schema-registry', `no *-runner.jar in ${distDir}; delete it and retry`);
  return resolve(distDir, jar);
}

export const schemaRegistry: StackComponent = {
  name: 'schema-registry',
  envVar: 'SCHEMA_REGISTRY_URL',
  localEndpoint: `http://127.0.0.1:${ports.schemaRegistry}${ccompatPath}`,
  port: ports.schemaRegistry,

  async install() {
    await installWithMaven('schema-registry', 'Apicurio Registry', pom, 'apicurio', (distDir) => [
      'dependency:unpack',
      `-Dapicurio.outputDirectory=${distDir}`,
    ]);
  },

  start() {
    mkdirSync(storageDir, { recursive: true });
    return startServer(
      'schema-registry',
      'java',
      [
        '-Xms64m',
        '-Xmx384m',
        '-Dquarkus.http.host=127.0.0.1',
        `-Dquarkus.http.port=${ports.schemaRegistry}`,
        // File-backed H2 so that schema ids survive a restart: messages already in Kafka carry them.
        `-Dapicurio.datasource.url=jdbc:h2:file:${storageDir}/registry`,
        // A schema that differs only in formatting keeps its id.
        '-Dapicurio.ccompat.use-canonical-hash=true',
        '-Dapicurio.ccompat.legacy-id-mode.enabled=false',
        '-jar',
        runnerJar(),
      ],
      storageDir,
    );
  },

  async isReady(endpoint) {
    try {
      const response = await fetch(`${endpoint}/subjects`, { signal: AbortSignal.timeout(2_000) });
      return response.ok && Array.isArray(await response.json());
    } catch {
      return false;
    }
  },
};
