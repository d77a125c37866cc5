import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedFile, renderAvroTypes } from './avro-types';

describe('generated Avro types', () => {
  it('match the schemas in schemas/ (run `npm run codegen` after changing a schema)', async () => {
    const committed = readFileSync(resolve(__dirname, '..', '..', generatedFile), 'utf8');
    expect(committed).toBe(await renderAvroTypes());
  });
});
