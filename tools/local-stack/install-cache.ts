import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheDir } from './settings';

/** A fingerprint of the files an install step was made from, so that a version bump reinstalls. */
export function fingerprintOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex');
}

const markerName = '.installed-from';

function isInstalled(dir: string, fingerprint: string): boolean {
  const marker = resolve(dir, markerName);
  return existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint;
}

function markInstalled(dir: string, fingerprint: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, markerName), fingerprint);
}

/** Where the install of `kind` made from `fingerprint` lives in the cache that all stacks share. */
export function cachedInstallDir(kind: string, fingerprint: string): string {
  return resolve(cacheDir, kind, fingerprint.slice(0, 16));
}

/**
 * Returns `cachedInstallDir(kind, fingerprint)`, first filling it with `fill` unless a complete one is
 * there. An install is made in a private folder and renamed into place when complete, and is never
 * changed after: two stacks starting at once never see half an install, and a new version (another
 * fingerprint) goes to another folder instead of under a server still running from the old one.
 */
export async function installOnce(
  kind: string,
  fingerprint: string,
  fill: (dir: string) => Promise<void>,
): Promise<string> {
  const dir = cachedInstallDir(kind, fingerprint);
  if (isInstalled(dir, fingerprint)) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    await fill(partial);
    markInstalled(partial, fingerprint);
    if (existsSync(dir) && !isInstalled(dir, fingerprint)) {
      rmSync(dir, { recursive: true, force: true }); // an unfinished leftover, not ours to keep
    }
    try {
      renameSync(partial, dir);
    } catch (error) {
      if (!isInstalled(dir, fingerprint)) throw error; // else another `up` finished the same first
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return dir;
}

function isAlive(pid: number): boolean {
  if (pid === 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock folder; 0 (taken for alive) while its holder has not written it yet. */
function lockHolder(lock: string): number {
  try {
    return Number(readFileSync(resolve(lock, 'pid'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `work` while holding the lock `name` of the shared cache, so that two stacks coming up at once
 * do not install the same thing over each other. A lock whose holder died is taken over.
 */
export async function withCacheLock<T>(
  name: string,
  onWait: () => void,
  work: () => Promise<T>,
): Promise<T> {
  const lock = resolve(cacheDir, `${name}.lock`);
  mkdirSync(cacheDir, { recursive: true });
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(resolve(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!isAlive(lockHolder(lock))) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) onWait();
      waited = true;
      await new Promise((done) => setTimeout(done, 1_000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
