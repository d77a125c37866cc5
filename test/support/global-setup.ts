import { writeFileSync } from 'node:fs';
import { up } from '../../tools/local-stack/stack';
import { startedByTestsFile } from './stack-state';

/** Brings the real stack up for the end-to-end tests and hands its endpoints to the test workers. */
export default async function globalSetup(): Promise<void> {
  const { endpoints, started } = await up();
  Object.assign(process.env, endpoints);
  writeFileSync(startedByTestsFile, JSON.stringify(started));
}
