import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Schema } from 'avsc';
import { format, resolveConfig } from 'prettier';
import {
  backwardIncompatibilities,
  readReleasedSchemas,
  releasedSchemasFile,
  releasedType,
  type ReleasedSchemas,
} from '../../libs/contracts/src/avro/compatibility';
import { parseSchemaFiles, registrableSchema } from '../../libs/contracts/src/avro/schema-files';
import {
  topicCatalogue,
  valueSubjectOf,
  type TopicName,
} from '../../libs/contracts/src/topic-catalogue';

const repoRoot = resolve(__dirname, '..', '..');

/**
 * `schemas:release` appends to `schemas/released.json` the current schema of every catalogue topic
 * whose schema differs from its last released version — unless it cannot read the data of every
 * version released before (BACKWARD_TRANSITIVE, as the schema registry is configured), in which
 * case nothing is written and every problem is printed.
 */
async function main(): Promise<number> {
  const file = releasedSchemasFile();
  const released = readReleasedSchemas(file);
  const current = parseSchemaFiles();
  const next: ReleasedSchemas = { ...released };
  const releasing: string[] = [];
  const refusals: string[] = [];
  const missing: string[] = [];

  for (const topic of Object.keys(topicCatalogue) as TopicName[]) {
    const { valueSchema } = topicCatalogue[topic];
    if (valueSchema === null) continue;
    const subject = valueSubjectOf(topic);
    const type = current.get(valueSchema);
    if (!type) {
      missing.push(`${subject}: ${valueSchema} is not in schemas/`);
      continue;
    }
    const schema = JSON.parse(registrableSchema(type)) as Schema;
    const versions = released[subject] ?? [];
    const last = versions[versions.length - 1];
    if (last !== undefined && JSON.stringify(last) === JSON.stringify(schema)) continue;
    const problems = versions.flatMap((version, index) =>
      backwardIncompatibilities(type, releasedType(version)).map(
        (problem) => `${subject} (released version ${index + 1}): ${problem}`,
      ),
    );
    if (problems.length > 0) {
      refusals.push(...problems);
      continue;
    }
    next[subject] = [...versions, schema];
    releasing.push(`${subject}: version ${versions.length + 1}`);
  }

  for (const line of missing) console.error(`not released: ${line}`);
  if (refusals.length > 0) {
    console.error(
      'Nothing released: the current schemas cannot read data written with released versions:\n' +
        refusals.map((problem) => `  ${problem}`).join('\n'),
    );
    return 1;
  }
  if (releasing.length === 0) {
    console.log('every schema is released already');
    return missing.length > 0 ? 1 : 0;
  }
  const sorted = Object.fromEntries(
    Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const options = await resolveConfig(file);
  writeFileSync(file, await format(JSON.stringify(sorted), { ...options, filepath: file }));
  console.log(`released in ${relative(repoRoot, file)}:\n  ${releasing.join('\n  ')}`);
  return missing.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
