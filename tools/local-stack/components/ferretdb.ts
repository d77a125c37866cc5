import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { cachedInstallDir, fingerprintOf, installOnce } from '../install-cache';
import { report } from '../progress';
import { runStep, startServer } from '../processes';
import { infraDir, ports, stackDir } from '../settings';
import type { StackComponent } from './component';
import { postgres } from './postgres';

const stateDir = resolve(stackDir, 'ferretdb', 'state');
const sourceDir = resolve(infraDir, 'ferretdb');

function sourcesFingerprint(): string {
  return fingerprintOf(['go.mod', 'go.sum', 'main.go'].map((file) => resolve(sourceDir, file)));
}

/** FerretDB 2 (infra/ferretdb/main.go embeds it) on this stack's PostgreSQL with DocumentDB. */
export const ferretdb: StackComponent = {
  name: 'ferretdb',
  envVar: 'MONGO_URL',
  startsAfter: [postgres.name],
  localEndpoint: `mongodb://127.0.0.1:${ports.mongo}/`,
  port: ports.mongo,

  async install() {
    await installOnce('ferretdb', sourcesFingerprint(), async (dir) => {
      report('ferretdb', 'building FerretDB 2 from the Go module proxy (first run only)');
      await runStep('ferretdb', 'go', ['build', '-o', resolve(dir, 'ferretdb-hub'), '.'], {
        cwd: sourceDir,
        showLine: (line) => line.startsWith('go: downloading github.com/FerretDB'),
      });
    });
  },

  start() {
    mkdirSync(stateDir, { recursive: true });
    const binary = resolve(cachedInstallDir('ferretdb', sourcesFingerprint()), 'ferretdb-hub');
    return startServer(
      'ferretdb',
      binary,
      [
        '-listen',
        `127.0.0.1:${ports.mongo}`,
        '-postgresql-url',
        postgres.localEndpoint,
        '-state-dir',
        stateDir,
      ],
      stateDir,
    );
  },

  async isReady(endpoint) {
    const client = new MongoClient(endpoint, {
      serverSelectionTimeoutMS: 1_000,
      connectTimeoutMS: 1_000,
    });
    try {
      await client.connect();
      // FerretDB answers `ping` only after a round trip to PostgreSQL.
      const answer = await client.db('admin').command({ ping: 1 });
      return answer.ok === 1;
    } catch {
      return false;
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};
