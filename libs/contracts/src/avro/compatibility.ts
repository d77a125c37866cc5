import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, types, type Schema } from 'avsc';
import { hubLogicalTypes } from './logical-types';
import { schemasDir } from './schema-files';

/** Primitive types that data written as the key may be read as (Avro schema resolution). */
const promotions: Record<string, readonly string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

function isUnion(type: Type): type is types.UnwrappedUnionType | types.WrappedUnionType {
  return type instanceof types.UnwrappedUnionType || type instanceof types.WrappedUnionType;
}

/** Schema resolution ignores logical types: it compares what they are written as. */
function underlying(type: Type): Type {
  return type instanceof types.LogicalType ? type.underlyingType : type;
}

/** How a problem names a type: `string`, `org.mappahub.common.Agency`, `array<string>`, `union [null, int]`. */
function describe(type: Type): string {
  if (type instanceof types.LogicalType) {
    return `${describe(type.underlyingType)} (${type.typeName.replace(/^logical:/, '')})`;
  }
  if (isUnion(type)) return `union [${type.types.map(describe).join(', ')}]`;
  if (type instanceof types.ArrayType) return `array<${describe(type.itemsType)}>`;
  if (type instanceof types.MapType) return `map<${describe(type.valuesType as Type)}>`;
  return type.name ?? type.typeName;
}

function where(path: string): string {
  return path ? `field ${path}` : 'the record';
}

function namesMatch(reader: Type, writer: Type): boolean {
  return reader.name === writer.name || (reader.aliases ?? []).includes(writer.name ?? '');
}

interface Field {
  name: string;
  type: Type;
  aliases: string[];
  defaultValue(): unknown;
}

class Checker {
  readonly problems: string[] = [];

  /** Record pairs being compared further up, so that a recursive schema ends. */
  constructor(private readonly visiting = new Set<string>()) {}

  /** Whether `writer` resolves to `reader` at all, without recording why not. */
  private resolves(reader: Type, writer: Type): boolean {
    const trial = new Checker(new Set(this.visiting));
    trial.check(reader, writer, '');
    return trial.problems.length === 0;
  }

  /**
   * A written type that none of `candidates` reads: if one of them is the same kind of type (the
   * same record, say), its own problems say more than `otherwise` does.
   */
  private explain(candidates: Type[], writer: Type, path: string, otherwise: string): void {
    const w = underlying(writer);
    const sameKind = candidates.find((candidate) => {
      const c = underlying(candidate);
      return c.typeName === w.typeName && (c.name === undefined || namesMatch(c, w));
    });
    if (sameKind && !isUnion(underlying(sameKind))) this.check(sameKind, writer, path);
    else this.problems.push(`${where(path)}: ${otherwise}`);
  }

  check(readerType: Type, writerType: Type, path: string): void {
    const reader = underlying(readerType);
    const writer = underlying(writerType);
    if (isUnion(writer)) {
      // Every value the old union could hold must be readable with the new schema.
      const candidates = isUnion(reader) ? reader.types : [reader];
      for (const branch of writer.types) {
        if (candidates.some((candidate) => this.resolves(candidate, branch))) continue;
        this.explain(
          candidates,
          branch,
          path,
          isUnion(reader)
            ? `union branch ${describe(branch)} was removed (now ${describe(readerType)})`
            : `type changed from ${describe(writerType)} to ${describe(readerType)}`,
        );
      }
      return;
    }
    if (isUnion(reader)) {
      if (!reader.types.some((candidate) => this.resolves(candidate, writer))) {
        this.explain(
          reader.types,
          writer,
          path,
          `type changed from ${describe(writerType)} to ${describe(readerType)}`,
        );
      }
      return;
    }
    if (reader instanceof types.RecordType && writer instanceof types.RecordType) {
      this.checkRecord(reader, writer, path);
    } else if (reader instanceof types.EnumType && writer instanceof types.EnumType) {
      this.checkName(reader, writer, path);
      const defaultSymbol = (reader as unknown as { default?: string }).default;
      if (defaultSymbol !== undefined) return;
      for (const symbol of writer.symbols) {
        if (!reader.symbols.includes(symbol)) {
          this.problems.push(`${where(path)}: enum symbol ${symbol} was removed`);
        }
      }
    } else if (reader instanceof types.FixedType && writer instanceof types.FixedType) {
      this.checkName(reader, writer, path);
      if (reader.size !== writer.size) {
        this.problems.push(
          `${where(path)}: fixed size changed from ${writer.size} to ${reader.size}`,
        );
      }
    } else if (reader instanceof types.ArrayType && writer instanceof types.ArrayType) {
      this.check(reader.itemsType, writer.itemsType, `${path}[]`);
    } else if (reader instanceof types.MapType && writer instanceof types.MapType) {
      this.check(reader.valuesType as Type, writer.valuesType as Type, `${path}{}`);
    } else if (
      reader.typeName !== writer.typeName &&
      !(promotions[writer.typeName] ?? []).includes(reader.typeName)
    ) {
      this.problems.push(
        `${where(path)}: type changed from ${describe(writerType)} to ${describe(readerType)}`,
      );
    }
  }

  private checkName(reader: Type, writer: Type, path: string): void {
    if (!namesMatch(reader, writer)) {
      this.problems.push(
        `${where(path)}: ${reader.typeName} name changed from ${writer.name} to ${reader.name} ` +
          `(add the old name to its aliases if it is the same type)`,
      );
    }
  }

  private checkRecord(reader: types.RecordType, writer: types.RecordType, path: string): void {
    this.checkName(reader, writer, path);
    const key = `${reader.name}<-${writer.name}`;
    if (this.visiting.has(key)) return;
    this.visiting.add(key);
    try {
      this.checkFields(reader, writer, path);
    } finally {
      this.visiting.delete(key);
    }
  }

  private checkFields(reader: types.RecordType, writer: types.RecordType, path: string): void {
    const writerFields = writer.fields as unknown as Field[];
    for (const field of reader.fields as unknown as Field[]) {
      const fieldPath = path ? `${path}.${field.name}` : field.name;
      const names = [field.name, ...(field.aliases ?? [])];
      const written = writerFields.find((candidate) => names.includes(candidate.name));
      if (written) {
        this.check(field.type, written.type, fieldPath);
      } else if (field.defaultValue() === undefined) {
        this.problems.push(`field ${fieldPath}: new field has no default`);
      }
    }
    // Fields the old schema had and the new one lacks are skipped when reading: no problem.
  }
}

/**
 * Whether data written with `writer` (a released schema) can be read with `reader` (the current
 * schema) under Avro schema resolution: the problems, each naming the field path, or none. Logical
 * types are compared by what they are written as; avsc's own resolver (with the hub's logical types)
 * has the last word.
 */
export function backwardIncompatibilities(reader: Type, writer: Type): string[] {
  const checker = new Checker();
  checker.check(reader, writer, '');
  if (checker.problems.length > 0) return checker.problems;
  try {
    reader.createResolver(writer);
  } catch (error) {
    return [
      `avsc cannot read data of the released schema with the current one: ${(error as Error).message}`,
    ];
  }
  return [];
}

/** A schema-registry subject's released schemas, oldest first, as registered. */
export type ReleasedSchemas = Record<string, Schema[]>;

/** The baseline of released schemas that every schema change must stay compatible with. */
export function releasedSchemasFile(): string {
  return join(schemasDir(), 'released.json');
}

export function readReleasedSchemas(file = releasedSchemasFile()): ReleasedSchemas {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as ReleasedSchemas;
}

/** A released (self-contained) schema as avsc reads it, with the hub's logical types. */
export function releasedType(schema: Schema): Type {
  return Type.forSchema(schema, { logicalTypes: hubLogicalTypes });
}
