import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Type, type Schema } from 'avsc';
import { hubLogicalTypes } from './logical-types';

/** The repository's `schemas/` folder, found from wherever this code runs (sources, dist or image). */
export function schemasDir(): string {
  const configured = process.env.HUB_SCHEMAS_DIR;
  if (configured) return configured;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot find the schemas/ folder above ${__dirname}; set HUB_SCHEMAS_DIR`);
}

function avscFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return avscFilesUnder(path);
      return entry.endsWith('.avsc') ? [path] : [];
    });
}

interface NamedSchema {
  name: string;
  namespace?: string;
}

export interface SchemaFile {
  /** Full name of the record, e.g. `org.mappahub.police.IntelligenceShared`. */
  fullName: string;
  /** Path relative to `schemas/`. */
  path: string;
  schema: Schema;
}

export function readSchemaFiles(dir = schemasDir()): SchemaFile[] {
  return avscFilesUnder(dir).map((file) => {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as NamedSchema & Schema;
    const fullName = schema.namespace ? `${schema.namespace}.${schema.name}` : schema.name;
    return { fullName, path: relative(dir, file), schema };
  });
}

/**
 * Parses every schema file into avsc types that share one registry, so that a file may name a type
 * defined in another (the event metadata, for one). Files are parsed until none is left whose
 * references are still unknown.
 */
export function parseSchemaFiles(files: SchemaFile[] = readSchemaFiles()): Map<string, Type> {
  const registry: Record<string, Type> = {};
  const parsed = new Map<string, Type>();
  let pending = files;
  while (pending.length > 0) {
    const failures: { file: SchemaFile; error: Error }[] = [];
    for (const file of pending) {
      // A failed parse may leave some of its named types behind: parse into a copy of the registry.
      const attempt = { ...registry };
      try {
        parsed.set(
          file.fullName,
          Type.forSchema(file.schema, { registry: attempt, logicalTypes: hubLogicalTypes }),
        );
        Object.assign(registry, attempt);
      } catch (error) {
        failures.push({ file, error: error as Error });
      }
    }
    if (failures.length === pending.length) {
      const reasons = failures.map(({ file, error }) => `${file.path}: ${error.message}`);
      throw new Error(`invalid Avro schemas in ${schemasDir()}:\n${reasons.join('\n')}`);
    }
    pending = failures.map(({ file }) => file);
  }
  return parsed;
}

/** The self-contained schema (named types inlined) as registered in the schema registry. */
export function registrableSchema(type: Type): string {
  return JSON.stringify(type.schema({ exportAttrs: true }));
}
