import { resolve } from 'node:path';
import { writeRealmFile } from './realm-file';

/**
 * `tsx tools/local-stack/identity/write-realm-file.ts <stackDir> <importDir>`: the Keycloak component
 * runs this as a child process, since the directory it reads is loaded through `@hub/*` paths that
 * the test run's global setup (where the stack may start) cannot resolve.
 */
const [stackDir, importDir] = process.argv.slice(2);
if (!stackDir || !importDir) {
  console.error('usage: write-realm-file.ts <stackDir> <importDir>');
  process.exit(2);
}
console.log(writeRealmFile(resolve(stackDir), resolve(importDir)));
