import Module from 'node:module';
import { resolve } from 'node:path';
import { compilerOptions } from '../../tsconfig.json';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };

let installed = false;

/**
 * Jest applies tsconfig's `@hub/*` paths (moduleNameMapper) inside test files only; its global setup
 * and teardown load modules with Node's own resolution. The local stack provisions Kafka with the
 * hub's libraries (topic catalogue, ACL derivation), so setup resolves the same paths as tsconfig.
 */
export function resolveHubPathAliases(): void {
  if (installed) return;
  installed = true;
  const aliases = Object.entries(compilerOptions.paths).map(
    ([alias, [target]]) => [alias, resolve(__dirname, '..', '..', target ?? '')] as const,
  );
  const original = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
    const alias = aliases.find(([name]) => name === request);
    return original.call(this, alias ? alias[1] : request, ...rest);
  };
}
