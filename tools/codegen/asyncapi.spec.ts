import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { asyncApiFile } from './generated-file';

const repoRoot = resolve(__dirname, '..', '..');

// Prettier (which formats the output) is ESM inside: run the generator as a developer does.
function codegenCheck(file?: string): { status: number | null; stderr: string } {
  const args = ['tsx', 'tools/codegen/cli.ts', '--check', ...(file ? ['--asyncapi', file] : [])];
  const result = spawnSync('npx', args, { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe(`the AsyncAPI document (${asyncApiFile})`, () => {
  it('matches the topic catalogue and schemas/ (run `npm run codegen` after changing either)', () => {
    const { status, stderr } = codegenCheck();
    expect(stderr).not.toContain(asyncApiFile);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('is reported stale when it differs from what the catalogue generates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codegen-'));
    const stale = join(dir, 'asyncapi.json');
    const committed = readFileSync(resolve(repoRoot, asyncApiFile), 'utf8');
    writeFileSync(stale, committed.replace('"partitions": 3', '"partitions": 4'));
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
