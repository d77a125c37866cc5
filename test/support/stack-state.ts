import { resolve } from 'node:path';
import { stackDir } from '../../tools/local-stack/settings';

/** Which servers the current test run started, so that its teardown stops those and no others. */
export const startedByTestsFile = resolve(stackDir, 'started-by-tests.json');
