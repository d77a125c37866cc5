import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatedFile } from './generated-file';

const repoRoot = resolve(__dirname, '..', '..');

// Prettier (which formats the output) is ESM inside: run the generator as a developer does.
function codegenCheck(file?: string): { status: number | null; stderr: string } {
  const args = ['tsx', 'tools/codegen/cli.ts', '--check', ...(file ? ['--types', file] : [])];
  const result = spawnSync('npx', args, { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('generated Avro types', () => {
  it('match the schemas in schemas/ (run `npm run codegen` after changing a schema)', () => {
    expect(codegenCheck()).toEqual({ status: 0, stderr: '' });
  });

  it('are reported stale when they differ from what the schemas generate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codegen-'));
    const stale = join(dir, 'avro-types.ts');
    const committed = readFileSync(resolve(repoRoot, generatedFile), 'utf8');
    writeFileSync(stale, committed.replace('eventId: string;', 'eventId: number;'));
    try {
      const { status, stderr } = codegenCheck(stale);
      expect(status).toBe(1);
      expect(stderr).toContain(`${stale} is stale`);
      expect(stderr).toContain('npm run codegen');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
