import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A fingerprint of the files an install step was made from, so that a version bump reinstalls. */
export function fingerprintOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex');
}

const markerName = '.installed-from';

export function isInstalled(dir: string, fingerprint: string): boolean {
  const marker = resolve(dir, markerName);
  return existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint;
}

export function markInstalled(dir: string, fingerprint: string): void {
  writeFileSync(resolve(dir, markerName), fingerprint);
}
