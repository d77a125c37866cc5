import type {
  Agency,
  Gender,
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  PersonName,
} from '@hub/contracts';
import { shortPncId, syntheticCroNumber, syntheticPncId } from './identifiers';
import { familyNames, femaleGivenNames, maleGivenNames, middleNames } from './names';
import { jurisdictionWeights, mappaAreas, type MappaArea } from './places';
import type { Rng } from './prng';

/**
 * A synthetic person managed under MAPPA. Everything about them is generated: names are random
 * combinations of common given and family names, identifiers are in invented ranges (see
 * identifiers.ts). No real person is described.
 */
export interface SyntheticPerson {
  nominalId: string;
  /** The base of the person's identifier serial numbers (unique within a population). */
  serial: number;
  name: PersonName;
  aliases: PersonName[];
  dateOfBirth: string;
  /** Other dates of birth the person gave (a few people), as the PNC records them. */
  aliasDatesOfBirth: string[];
  gender: Gender;
  jurisdiction: Jurisdiction;
  area: MappaArea;
  category: MappaCategory;
  level: MappaLevel;
  /**
   * Held in a secure hospital under a restriction order: Scotland's restricted patients (a group of
   * their own there), some category 2 elsewhere.
   */
  restrictedPatient: boolean;
  /** Has a custodial sentence during the history. */
  custodial: boolean;
  /** Supervised in the community under a court order (when not released on licence). */
  communityOrder: boolean;
  leadAgency: Agency;
  pncId: string;
  croNumber: string | null;
  /** For a near-duplicate made on purpose: the nominal id of the person it nearly repeats. */
  duplicateOf: string | null;
}

export interface SyntheticPersonOptions {
  /** Base of the identifier serials; drawn at random when not given. */
  serial?: number;
  /**
   * Make the person a near-duplicate of this one: a variant of the name, the same birth date (or
   * its day and month swapped), sometimes the same PNC id (sometimes in its short form).
   */
  duplicateOf?: SyntheticPerson;
  /** The day the histories end by (default: {@link defaultAsOf}). */
  asOf?: Date;
}

/** A fixed end to the synthetic histories, so that a seed gives the same data whenever it runs. */
export const defaultAsOf = new Date('2025-06-30T12:00:00Z');

/**
 * Categories and levels roughly as the MAPPA annual reports show them: about three in four
 * registered sexual offenders, a fifth violent and other sexual offenders, the rest category 3;
 * category 4 (terrorism) exists in England and Wales only. In Scotland nearly all are registered
 * sex offenders, restricted patients are a small group of their own and category 2 (violent
 * offenders) is barely used. Nineteen in twenty at level 1. Northern Ireland's people are drawn by
 * the same offender groups and published as PPANI eligibility and risk categories.
 */
const categoryWeights: Readonly<
  Record<Jurisdiction, readonly (readonly [MappaCategory, number])[]>
> = {
  ENGLAND_AND_WALES: [
    ['CATEGORY_1', 0.745],
    ['CATEGORY_2', 0.195],
    ['CATEGORY_3', 0.045],
    ['CATEGORY_4', 0.015],
  ],
  SCOTLAND: [
    ['CATEGORY_1', 0.9],
    ['RESTRICTED_PATIENTS', 0.04],
    ['CATEGORY_2', 0.01],
    ['CATEGORY_3', 0.05],
  ],
  NORTHERN_IRELAND: [
    ['CATEGORY_1', 0.75],
    ['CATEGORY_2', 0.2],
    ['CATEGORY_3', 0.05],
  ],
};

const levelWeights: readonly (readonly [MappaLevel, number])[] = [
  ['LEVEL_1', 0.95],
  ['LEVEL_2', 0.04],
  ['LEVEL_3', 0.01],
];

/** Terrorism-risk offenders are managed at the higher levels far more often. */
const category4LevelWeights: readonly (readonly [MappaLevel, number])[] = [
  ['LEVEL_1', 0.7],
  ['LEVEL_2', 0.25],
  ['LEVEL_3', 0.05],
];

const msPerDay = 86_400_000;

export function isoDay(time: number | Date): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The agency that supervises people in the community: criminal-justice social work in Scotland. */
export function supervisingAgencyOf(jurisdiction: Jurisdiction): Agency {
  return jurisdiction === 'SCOTLAND' ? 'SOCIAL_WORK' : 'PROBATION';
}

function randomName(rng: Rng, gender: Gender): PersonName {
  const female = gender === 'FEMALE' || (gender !== 'MALE' && rng.chance(0.5));
  const given = rng.pick(female ? femaleGivenNames : maleGivenNames);
  const givenNames = rng.chance(0.6) ? [given, rng.pick(middleNames)] : [given];
  return { givenNames, familyName: rng.pick(familyNames) };
}

/** A plausible typing slip: two letters swapped, one dropped or doubled, a vowel changed. */
export function misspell(rng: Rng, word: string): string {
  if (word.length < 4) return `${word}${word.slice(-1)}`;
  const at = rng.int(1, word.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      return `${word.slice(0, at)}${word[at + 1] ?? ''}${word[at] ?? ''}${word.slice(at + 2)}`;
    case 1:
      return `${word.slice(0, at)}${word.slice(at + 1)}`;
    case 2:
      return `${word.slice(0, at)}${word[at] ?? ''}${word.slice(at)}`;
    default: {
      const vowels = 'aeiou';
      const index = [...word].findIndex((c, i) => i > 0 && vowels.includes(c));
      if (index < 0) return `${word.slice(0, at)}${word.slice(at + 1)}`;
      const replacement = rng.pick([...vowels].filter((v) => v !== word[index]));
      return `${word.slice(0, index)}${replacement}${word.slice(index + 1)}`;
    }
  }
}

/** How a name is mistyped or re-ordered when the same person is registered a second time. */
export function nameVariant(rng: Rng, name: PersonName): PersonName {
  const [first, ...rest] = name.givenNames;
  switch (rng.int(0, 3)) {
    case 0:
      return { ...name, familyName: misspell(rng, name.familyName) };
    case 1:
      return first === undefined
        ? { ...name, familyName: misspell(rng, name.familyName) }
        : { ...name, givenNames: [misspell(rng, first), ...rest] };
    case 2:
      // Given and family names swapped, as when a form is filled in the wrong order.
      return first === undefined
        ? { ...name, familyName: misspell(rng, name.familyName) }
        : { givenNames: [name.familyName], familyName: first };
    default:
      // Middle name dropped, or given names in the other order.
      return rest.length > 0
        ? { ...name, givenNames: rng.chance(0.5) ? [first ?? ''] : [...rest, first ?? ''] }
        : { ...name, familyName: misspell(rng, name.familyName) };
  }
}

function leadAgencyOf(person: Omit<SyntheticPerson, 'leadAgency'>): Agency {
  if (person.restrictedPatient) return 'HEALTH';
  const supervised = person.custodial || person.communityOrder;
  if (person.category === 'CATEGORY_1' && !supervised) return 'POLICE';
  return supervisingAgencyOf(person.jurisdiction);
}

/**
 * How a near-duplicate's registration differs from the original's beyond the name, as real
 * second registrations do: a date of birth with day and month swapped (when that is a date), and
 * a shared PNC id written in its short form `YY/N…C`.
 */
function nearDuplicateVariants(
  rng: Rng,
  original: SyntheticPerson,
  dateOfBirth: string,
): { dateOfBirth: string; shortPnc: boolean } {
  const [year, month, day] = original.dateOfBirth.split('-');
  const swappable = day !== month && Number(day) <= 12;
  return {
    dateOfBirth: swappable && rng.chance(0.3) ? `${year}-${day}-${month}` : dateOfBirth,
    shortPnc: rng.chance(0.5),
  };
}

/** A synthetic person: who they are, where and how they are managed. */
export function syntheticPerson(
  rng: Rng,
  nominalId: string,
  options: SyntheticPersonOptions = {},
): SyntheticPerson {
  const asOf = options.asOf ?? defaultAsOf;
  const original = options.duplicateOf;
  const serial = options.serial ?? rng.int(0, 999_999);
  const jurisdiction = original?.jurisdiction ?? rng.weighted(jurisdictionWeights);
  const area =
    original && rng.chance(0.7)
      ? original.area
      : rng.weighted(mappaAreas[jurisdiction].map((a) => [a, a.weight] as const));
  const category = rng.weighted(categoryWeights[jurisdiction]);
  const level = rng.weighted(category === 'CATEGORY_4' ? category4LevelWeights : levelWeights);
  const gender: Gender =
    original?.gender ??
    rng.weighted<Gender>([
      ['MALE', 0.94],
      ['FEMALE', 0.05],
      ['OTHER', 0.005],
      ['NOT_KNOWN', 0.005],
    ]);

  let dateOfBirth: string;
  if (original) {
    dateOfBirth = original.dateOfBirth;
  } else {
    const age = Math.min(85, Math.max(19, Math.round(rng.normal(43, 13))));
    const born = asOf.getTime() - age * 365.25 * msPerDay - rng.int(0, 364) * msPerDay;
    dateOfBirth = isoDay(born);
  }
  const birthYear = Number(dateOfBirth.slice(0, 4));
  const firstEntryYear = Math.min(asOf.getUTCFullYear() - 1, birthYear + rng.int(16, 35));

  const name = original ? nameVariant(rng, original.name) : randomName(rng, gender);
  const aliases: PersonName[] = [];
  if (rng.chance(0.15)) aliases.push({ ...name, familyName: rng.pick(familyNames) });
  if (rng.chance(0.05)) aliases.push(nameVariant(rng, name));

  const restrictedPatient =
    category === 'RESTRICTED_PATIENTS' ||
    (category === 'CATEGORY_2' && jurisdiction !== 'SCOTLAND' && rng.chance(0.1));
  const custodialShare: Record<MappaCategory, number> = {
    CATEGORY_1: 0.4,
    CATEGORY_2: 0.55,
    CATEGORY_3: 0.3,
    CATEGORY_4: 0.7,
    RESTRICTED_PATIENTS: 0,
  };
  const custodial = !restrictedPatient && rng.chance(custodialShare[category]);
  const communityOrder = !restrictedPatient && !custodial && rng.chance(0.35);
  const sharesPnc = original !== undefined && rng.chance(0.4);
  // Drawn last, so that the draws above stay as they were for a seed.
  const nearDuplicate = original && nearDuplicateVariants(rng, original, dateOfBirth);
  if (nearDuplicate) dateOfBirth = nearDuplicate.dateOfBirth;
  const aliasDatesOfBirth = rng.chance(0.03)
    ? [isoDay(Date.parse(dateOfBirth) + rng.pick([-1, 1]) * rng.int(1, 400) * msPerDay)]
    : [];

  const person: Omit<SyntheticPerson, 'leadAgency'> = {
    nominalId,
    serial,
    name,
    aliases,
    dateOfBirth,
    aliasDatesOfBirth,
    gender,
    jurisdiction,
    area,
    category,
    level,
    restrictedPatient,
    custodial,
    communityOrder,
    pncId: sharesPnc
      ? nearDuplicate?.shortPnc
        ? shortPncId(original.pncId)
        : original.pncId
      : syntheticPncId(firstEntryYear, serial),
    croNumber: rng.chance(0.45) ? syntheticCroNumber(firstEntryYear, serial) : null,
    duplicateOf: original?.nominalId ?? null,
  };
  // Drawn after every other draw, so that a seed's people stay as they were: a few records outlive
  // their subjects' management and come to the retention review at the 100th birthday.
  if (!original && aliasDatesOfBirth.length === 0 && rng.chance(0.005)) {
    person.dateOfBirth = isoDay(asOf.getTime() - rng.int(95 * 365, 104 * 365) * msPerDay);
  }
  return { ...person, leadAgency: leadAgencyOf(person) };
}
