import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderAsyncApi } from './asyncapi';
import { renderAvroTypes } from './avro-types';
import { asyncApiFile, generatedFile, readmeFile } from './generated-file';
import { renderReadmeTopics } from './readme-topics';

const repoRoot = resolve(__dirname, '..', '..');

interface Output {
  /** Path relative to the repository. */
  file: string;
  /** The option of `--check` that compares another file instead of the committed one. */
  option: string;
  render: () => Promise<string>;
}

const outputs: Output[] = [
  { file: generatedFile, option: '--types', render: renderAvroTypes },
  { file: asyncApiFile, option: '--asyncapi', render: renderAsyncApi },
  { file: readmeFile, option: '--readme', render: renderReadmeTopics },
];

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * `codegen` writes the generated files (the TypeScript types of `schemas/`, the AsyncAPI document of
 * the topic catalogue, the README's topic table); `codegen --check [--types file] [--asyncapi file]
 * [--readme file]` exits 1, naming each
 * stale file, if any of them (by default the committed ones) does not match what is generated.
 */
async function main(args: string[]): Promise<number> {
  if (args.includes('--check')) {
    let stale = 0;
    for (const output of outputs) {
      const at = args.indexOf(output.option);
      const checked = at >= 0 && args[at + 1] ? args[at + 1] : resolve(repoRoot, output.file);
      if (readIfThere(checked) === (await output.render())) continue;
      console.error(
        `${checked} is stale: it does not match schemas/ and the topic catalogue; run \`npm run codegen\``,
      );
      stale += 1;
    }
    return stale === 0 ? 0 : 1;
  }
  for (const output of outputs) {
    const target = resolve(repoRoot, output.file);
    const rendered = await output.render();
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rendered);
    console.log(`wrote ${output.file}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
