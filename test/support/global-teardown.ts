import { resolveHubPathAliases } from './hub-path-aliases';
import { takeStartedByTests } from './stack-state';

/** Stops only the servers the test run itself started; a test stack that was already up stays up. */
export default async function globalTeardown(): Promise<void> {
  const started = takeStartedByTests();
  if (started.length === 0) return;
  resolveHubPathAliases();
  const { down } = await import('../../tools/local-stack/stack');
  await down(started);
}
