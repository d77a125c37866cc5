import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { asyncApiFile, generatedFile, readmeFile } from './generated-file';

const repoRoot = resolve(__dirname, '..', '..');

// Prettier (which formats the output) is ESM inside: run the generator as a developer does.
function codegenCheck(option?: string, file?: string): { status: number | null; stderr: string } {
  const args = [
    'tsx',
    'tools/codegen/cli.ts',
    '--check',
    ...(option && file ? [option, file] : []),
  ];
  const result = spawnSync('npx', args, { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

/** Each generated file, its `--check` option, and a change that makes a copy of it stale. */
const outputs = [
  {
    file: generatedFile,
    option: '--types',
    spoil: (text: string) => text.replace('eventId: string;', 'eventId: number;'),
  },
  {
    file: asyncApiFile,
    option: '--asyncapi',
    spoil: (text: string) => text.replace('"partitions": 3', '"partitions": 4'),
  },
  {
    file: readmeFile,
    option: '--readme',
    spoil: (text: string) =>
      text.replace('`mappa.nominal.registered.v1`', '`mappa.nominal.gone.v1`'),
  },
];

describe('generated files (run `npm run codegen` after changing schemas/ or the catalogue)', () => {
  it('all match what schemas/ and the topic catalogue generate', () => {
    expect(codegenCheck()).toEqual({ status: 0, stderr: '' });
  });

  it.each(outputs)('$file is reported stale when it differs', ({ file, option, spoil }) => {
    const dir = mkdtempSync(join(tmpdir(), 'codegen-'));
    const stale = join(dir, basename(file));
    const committed = readFileSync(resolve(repoRoot, file), 'utf8');
    const spoiled = spoil(committed);
    expect(spoiled).not.toBe(committed);
    writeFileSync(stale, spoiled);
    try {
      const { status, stderr } = codegenCheck(option, stale);
      expect(status).toBe(1);
      expect(stderr).toContain(`${stale} is stale`);
      expect(stderr).toContain('npm run codegen');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
