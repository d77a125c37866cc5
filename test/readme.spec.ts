import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { topicCatalogue } from '@hub/contracts';

const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README', () => {
  it.each(Object.keys(topicCatalogue))('documents the topic %s', (topic) => {
    expect(readme).toContain(`\`${topic}\``);
  });

  it('gives commands that exist', () => {
    const commands = [...readme.matchAll(/npm run ([a-z0-9:-]+)/g)].map((match) => match[1]);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of new Set(commands))
      expect(Object.keys(packageJson.scripts)).toContain(command);
  });

  it('gives the test command that CI runs', () => {
    const ci = readFileSync(resolve(__dirname, '..', '.ci', 'run'), 'utf8');
    expect(readme).toContain('npm ci && npm test');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
