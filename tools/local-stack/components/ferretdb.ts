import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { fingerprintOf, isInstalled, markInstalled } from '../install-cache';
import { report } from '../progress';
import { runStep, startServer } from '../processes';
import { infraDir, ports, stackDir } from '../settings';
import type { StackComponent } from './component';

const home = resolve(stackDir, 'ferretdb');
const binDir = resolve(home, 'bin');
const binary = resolve(binDir, 'ferretdb-hub');
const dataDir = resolve(home, 'data');
const sourceDir = resolve(infraDir, 'ferretdb');

export const ferretdb: StackComponent = {
  name: 'ferretdb',
  envVar: 'MONGO_URL',
  localEndpoint: `mongodb://127.0.0.1:${ports.mongo}/`,
  port: ports.mongo,

  async install() {
    const sources = ['go.mod', 'go.sum', 'main.go'].map((file) => resolve(sourceDir, file));
    const fingerprint = fingerprintOf(sources);
    mkdirSync(binDir, { recursive: true });
    if (isInstalled(binDir, fingerprint)) return;
    report(
      'ferretdb',
      'building FerretDB v1 from the Go module proxy (first run: about 2 minutes)',
    );
    await runStep('ferretdb', 'go', ['build', '-o', binary, '.'], {
      cwd: sourceDir,
      showLine: (line) => line.startsWith('go: downloading github.com/FerretDB'),
    });
    markInstalled(binDir, fingerprint);
  },

  start() {
    mkdirSync(dataDir, { recursive: true });
    return startServer(
      'ferretdb',
      binary,
      ['-listen', `127.0.0.1:${ports.mongo}`, '-data-dir', dataDir],
      dataDir,
    );
  },

  async isReady(endpoint) {
    const client = new MongoClient(endpoint, {
      serverSelectionTimeoutMS: 1_000,
      connectTimeoutMS: 1_000,
    });
    try {
      await client.connect();
      const answer = await client.db('admin').command({ ping: 1 });
      return answer.ok === 1;
    } catch {
      return false;
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};
