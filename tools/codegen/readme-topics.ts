import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { AgencySymbols } from '../../libs/contracts/src/generated/avro-types';
import { topicCatalogue, type TopicDefinition } from '../../libs/contracts/src/topic-catalogue';
import { readmeFile } from './generated-file';
import { accessEnd, accessStart, accessTable } from './readme-access';

const start = '<!-- topics:start (generated from the topic catalogue by `npm run codegen`) -->';
const end = '<!-- topics:end -->';

const days = (ms: number): string => (ms < 0 ? 'kept' : `${Math.round(ms / 86_400_000)} days`);
const partners = AgencySymbols.filter((agency) => agency !== 'HUB');
const agencies = (list: readonly string[]): string => {
  if (AgencySymbols.every((agency) => list.includes(agency))) return 'every agency';
  if (partners.every((agency) => list.includes(agency))) return 'every partner agency';
  return list.join(', ');
};

function row(topic: string, definition: TopicDefinition): string {
  const value = definition.valueSchema
    ? `\`${definition.valueSchema}\``
    : 'original bytes; reason in `hub.*` headers';
  return `| \`${topic}\` | ${definition.owner} | ${agencies(definition.publishers)} | ${value} | ${agencies(definition.readers)} | ${definition.cleanupPolicy} / ${days(definition.retentionMs)} | ${definition.description} |`;
}

/** `readme` with the text between the markers `from` and `to` replaced by `content`. */
function withSection(readme: string, from: string, to: string, content: string): string {
  const at = readme.indexOf(from);
  const until = readme.indexOf(to);
  if (at < 0 || until < at) throw new Error(`${readmeFile} lacks the markers ${from} … ${to}`);
  return `${readme.slice(0, at)}${from}\n\n${content}\n\n${readme.slice(until)}`;
}

/**
 * The README with its generated tables: the topics from the catalogue, who may do what from the
 * need-to-know rules (the README stays the one file).
 */
export async function renderReadmeTopics(): Promise<string> {
  const path = resolve(__dirname, '..', '..', readmeFile);
  const readme = readFileSync(path, 'utf8');
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${readmeFile} lacks the markers ${start} … ${end}`);
  const table = [
    '| topic | owner | publishers | value | readers | cleanup / retention | what it carries |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(topicCatalogue).map(([topic, definition]) => row(topic, definition)),
  ].join('\n');
  const rendered = withSection(
    `${readme.slice(0, from)}${start}\n\n${table}\n\n${readme.slice(to)}`,
    accessStart,
    accessEnd,
    accessTable(),
  );
  const options = await resolveConfig(path);
  return format(rendered, { ...options, filepath: path });
}
