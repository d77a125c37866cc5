import { existsSync, readFileSync, rmSync } from 'node:fs';
import { down } from '../../tools/local-stack/stack';
import { startedByTestsFile } from './stack-state';

/** Stops only the servers the test run itself started; a stack that was already up stays up. */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(startedByTestsFile)) return;
  const started = JSON.parse(readFileSync(startedByTestsFile, 'utf8')) as string[];
  rmSync(startedByTestsFile);
  if (started.length > 0) await down(started);
}
