import { cachedInstallDir, fingerprintOf, installOnce } from './install-cache';
import { report } from './progress';
import { isLargeDownload, runStep } from './processes';

/**
 * Runs a Maven goal on `pom` that fills a folder of the shared install cache, unless one was already
 * filled from the same POM, and returns that folder. Progress shows the large downloads; a failure
 * quotes Maven's output.
 */
export function installWithMaven(
  component: string,
  what: string,
  pom: string,
  kind: string,
  goalAndProperties: (targetDir: string) => string[],
): Promise<string> {
  return installOnce(kind, fingerprintOf([pom]), async (targetDir) => {
    report(component, `fetching ${what} from Maven Central (first run only)`);
    await runStep(component, 'mvn', ['-B', '-f', pom, ...goalAndProperties(targetDir)], {
      showLine: (line) => isLargeDownload(line) || line.includes('Unpacking'),
    });
  });
}

/** The cache folder that `installWithMaven` fills from `pom`: what the server runs from. */
export function mavenInstallDir(kind: string, pom: string): string {
  return cachedInstallDir(kind, fingerprintOf([pom]));
}
