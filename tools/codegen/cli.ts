import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedFile, renderAvroTypes } from './avro-types';

async function main(): Promise<void> {
  const target = resolve(__dirname, '..', '..', generatedFile);
  writeFileSync(target, await renderAvroTypes());
  console.log(`wrote ${generatedFile}`);
}

void main();
