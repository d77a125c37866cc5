import { mkdirSync, rmSync } from 'node:fs';
import { fingerprintOf, isInstalled, markInstalled } from './install-cache';
import { report } from './progress';
import { isLargeDownload, runStep } from './processes';

/**
 * Runs a Maven goal on `pom` that fills `targetDir`, unless `targetDir` was already filled from the
 * same POM. Progress shows the large downloads; a failure quotes Maven's output.
 */
export async function installWithMaven(
  component: string,
  what: string,
  pom: string,
  targetDir: string,
  goalAndProperties: string[],
): Promise<void> {
  const fingerprint = fingerprintOf([pom]);
  if (isInstalled(targetDir, fingerprint)) return;
  report(component, `fetching ${what} from Maven Central (first run only)`);
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(targetDir, { recursive: true });
  await runStep(component, 'mvn', ['-B', '-f', pom, ...goalAndProperties], {
    showLine: (line) => isLargeDownload(line) || line.includes('Unpacking'),
  });
  markInstalled(targetDir, fingerprint);
}
