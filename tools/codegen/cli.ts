import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderAvroTypes } from './avro-types';
import { generatedFile } from './generated-file';

/**
 * `codegen` writes the generated types; `codegen --check [file]` exits 1 if the file (by default
 * the committed one) does not match what the schemas generate.
 */
async function main(args: string[]): Promise<number> {
  const rendered = await renderAvroTypes();
  const checkAt = args.indexOf('--check');
  const target = resolve(__dirname, '..', '..', generatedFile);
  if (checkAt >= 0) {
    const checked = args[checkAt + 1] ?? target;
    if (readFileSync(checked, 'utf8') === rendered) return 0;
    console.error(`${checked} does not match schemas/: run \`npm run codegen\``);
    return 1;
  }
  writeFileSync(target, rendered);
  console.log(`wrote ${generatedFile}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
