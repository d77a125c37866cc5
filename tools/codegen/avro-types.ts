import { types, type Type } from 'avsc';
import { format, resolveConfig } from 'prettier';
import { parseSchemaFiles, readSchemaFiles } from '../../libs/contracts/src/avro/schema-files';
import { generatedFile } from './generated-file';

function shortName(type: Type): string {
  const name = type.name ?? '';
  return name.slice(name.lastIndexOf('.') + 1);
}

function docComment(doc: string | undefined, indent: string): string {
  return doc ? `${indent}/** ${doc} */\n` : '';
}

/**
 * Renders, formatted as the repository is, the TypeScript declarations of every record and enum in `schemas/`, as avsc reads and
 * writes them (unions unwrapped, timestamp-millis as Date, date as a 'YYYY-MM-DD' string).
 */
export async function renderAvroTypes(): Promise<string> {
  const source = renderUnformatted();
  const options = await resolveConfig(generatedFile);
  return format(source, { ...options, filepath: generatedFile });
}

function renderUnformatted(): string {
  const files = readSchemaFiles();
  const parsed = parseSchemaFiles(files);
  const declarations = new Map<string, string>();
  const fullNames = new Map<string, string>();

  const claim = (type: Type): string => {
    const name = shortName(type);
    const owner = fullNames.get(name);
    if (owner && owner !== type.name) {
      throw new Error(`two schemas declare a type named ${name}: ${owner} and ${type.name}`);
    }
    fullNames.set(name, type.name ?? name);
    return name;
  };

  const tsType = (type: Type): string => {
    if (type instanceof types.RecordType) {
      const name = claim(type);
      if (!declarations.has(name)) {
        declarations.set(name, ''); // reserve before recursing
        const fields = type.fields
          .map((field) => {
            const doc = (field as unknown as { doc?: string }).doc;
            return `${docComment(doc, '  ')}  ${field.name}: ${tsType(field.type)};`;
          })
          .join('\n');
        declarations.set(
          name,
          `${docComment(type.doc, '')}export interface ${name} {\n${fields}\n}`,
        );
      }
      return name;
    }
    if (type instanceof types.EnumType) {
      const name = claim(type);
      const symbols = type.symbols.map((symbol) => `'${symbol}'`).join(' | ');
      const list = type.symbols.map((symbol) => `'${symbol}'`).join(', ');
      declarations.set(
        name,
        `${docComment(type.doc, '')}export type ${name} = ${symbols};\n` +
          `export const ${name}Symbols = [${list}] as const satisfies readonly ${name}[];`,
      );
      return name;
    }
    if (type instanceof types.UnwrappedUnionType) {
      return type.types.map(tsType).join(' | ');
    }
    if (type instanceof types.ArrayType) {
      const item = tsType(type.itemsType);
      return item.includes(' ') ? `Array<${item}>` : `${item}[]`;
    }
    if (type instanceof types.MapType) {
      return `Record<string, ${tsType(type.valuesType as Type)}>`;
    }
    switch (type.typeName) {
      case 'logical:timestamp-millis':
        return 'Date';
      case 'logical:uuid':
      case 'logical:date':
      case 'string':
        return 'string';
      case 'int':
      case 'long':
      case 'float':
      case 'double':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'bytes':
      case 'fixed':
        return 'Buffer';
      default:
        throw new Error(`no TypeScript mapping for Avro type ${type.typeName}`);
    }
  };

  const roots = files.map((file) => ({
    fullName: file.fullName,
    name: tsType(parsed.get(file.fullName)!),
  }));
  const schemaMap = roots.map((root) => `  '${root.fullName}': ${root.name};`).join('\n');
  return [
    '// Generated from schemas/ by `npm run codegen`; do not edit. A unit test fails when it is stale.',
    '',
    ...[...declarations.values()].flatMap((declaration) => [declaration, '']),
    '/** Every schema file in `schemas/`, by the full name of its record. */',
    `export interface HubSchemas {\n${schemaMap}\n}`,
    '',
    'export type HubSchemaName = keyof HubSchemas;',
    '',
  ].join('\n');
}
