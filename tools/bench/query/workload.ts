import type { Db } from 'mongodb';
import { misspell, Rng } from '@hub/testing';
import type { NominalDocument } from '../../../apps/registry/src/nominals/nominal.documents';

type Sampled = Pick<
  NominalDocument,
  '_id' | 'name' | 'dateOfBirth' | 'identifiers' | 'management' | 'mappa' | 'status'
>;

/** The request paths of each endpoint: the i-th request of a run is `paths[i % paths.length]`. */
export interface Workload {
  population: { nominals: number; historyEntries: number };
  search: string[];
  record: string[];
  timeline: string[];
}

const sampleSize = 2_000;
const eventTypes = [
  'AddressRecorded',
  'RiskAssessmentRecorded',
  'MappaMeetingHeld',
  'CustodyEventRecorded',
];

/** People to ask about, spread over the collection ($sample where the server has it). */
async function samplePeople(db: Db): Promise<Sampled[]> {
  const projection = {
    _id: 1,
    name: 1,
    dateOfBirth: 1,
    identifiers: 1,
    management: 1,
    mappa: 1,
    status: 1,
  };
  return db
    .collection<NominalDocument>('nominals')
    .aggregate<Sampled>([
      { $match: { status: { $ne: 'MERGED' } } },
      { $sample: { size: sampleSize } },
      { $project: projection },
    ])
    .toArray();
}

const query = (parameters: Record<string, string>): string =>
  new URLSearchParams(parameters).toString();

/** The name as someone types it from memory: sometimes a slip in one part, sometimes reordered. */
function typedName(rng: Rng, person: Sampled): string {
  const given = person.name.givenNames[0] ?? '';
  let family = person.name.familyName;
  let first = given;
  if (rng.chance(0.7)) {
    if (rng.chance(0.5)) family = misspell(rng, family);
    else first = misspell(rng, first);
  }
  return rng.chance(0.2) ? `${family.toUpperCase()}, ${first}` : `${first} ${family}`;
}

/** A practitioner's search: by name (often with a typo), date of birth, identifier or filters. */
function searchOf(rng: Rng, person: Sampled): string {
  const area = person.management.managingArea;
  const roll = rng.float();
  if (roll < 0.35) return query({ name: typedName(rng, person) });
  if (roll < 0.45) return query({ name: typedName(rng, person), area: area.toLowerCase() });
  if (roll < 0.65) return query({ dateOfBirth: person.dateOfBirth });
  const identifier = person.identifiers[rng.int(0, person.identifiers.length - 1)];
  if (roll < 0.8 && identifier) {
    const written = rng.chance(0.5) ? identifier.value.toLowerCase() : identifier.value;
    return query({ identifier: written });
  }
  const filters: Record<string, string> = { area };
  if (person.mappa && rng.chance(0.5)) filters.category = person.mappa.category;
  if (person.mappa && rng.chance(0.3)) filters.level = person.mappa.level;
  if (rng.chance(0.3)) filters.page = String(rng.int(2, 4));
  return query(filters);
}

function timelineOf(rng: Rng, person: Sampled): string {
  const path = `/v1/nominals/${encodeURIComponent(person._id)}/timeline`;
  const roll = rng.float();
  if (roll < 0.6) return path;
  if (roll < 0.8) return `${path}?${query({ eventType: rng.pick(eventTypes) })}`;
  return `${path}?${query({ from: `${rng.int(2005, 2022)}-01-01`, order: 'asc' })}`;
}

/** Requests built from the people in the database, the same for the same population and seed. */
export async function buildWorkload(db: Db, seed = 1): Promise<Workload> {
  const [nominals, historyEntries, people] = await Promise.all([
    db.collection('nominals').countDocuments({}),
    db.collection('nominal_history').estimatedDocumentCount(),
    samplePeople(db),
  ]);
  const rng = new Rng(seed);
  return {
    population: { nominals, historyEntries },
    search: people.map((person) => `/v1/nominals?${searchOf(rng, person)}`),
    record: people.map((person) => `/v1/nominals/${encodeURIComponent(person._id)}`),
    timeline: people.map((person) => timelineOf(rng, person)),
  };
}
