import { mixSeed, Rng } from './prng';
import { serialOf } from './identifiers';
import { syntheticNominal, type SyntheticNominal } from './synthetic-history';
import { defaultAsOf, syntheticPerson, type SyntheticPerson } from './synthetic-person';

export interface SyntheticPopulationOptions {
  seed: number;
  /** The day histories end by (default {@link defaultAsOf}, fixed so that a seed always gives the same data). */
  asOf?: Date;
  /** Share of people registered a second time as a near-duplicate of an earlier one (default 1%). */
  duplicateRate?: number;
}

/** The hub id of the `index`th synthetic person of a seed: plainly synthetic, and unique per seed. */
export function seededNominalId(seed: number, index: number): string {
  return `NOM-SYN-${(seed >>> 0).toString(36).toUpperCase()}-${String(index).padStart(6, '0')}`;
}

/**
 * The `index`th person of a seeded population. Each person draws from generators seeded by
 * (seed, index) alone, so any member can be made without the ones before it, and a near-duplicate
 * re-makes the person it copies.
 */
export function syntheticPopulationPerson(
  options: SyntheticPopulationOptions,
  index: number,
): SyntheticPerson {
  const { seed } = options;
  const rng = new Rng(mixSeed(seed, index, 1));
  const duplicateRate = options.duplicateRate ?? 0.01;
  const duplicateOf =
    index > 0 && rng.chance(duplicateRate)
      ? syntheticPopulationPerson(options, rng.int(0, index - 1))
      : undefined;
  return syntheticPerson(rng, seededNominalId(seed, index), {
    serial: serialOf(seed, index, 1_000_000),
    duplicateOf,
    asOf: options.asOf ?? defaultAsOf,
  });
}

/** The `index`th person of a seeded population and their history. */
export function syntheticPopulationMember(
  options: SyntheticPopulationOptions,
  index: number,
): SyntheticNominal {
  const person = syntheticPopulationPerson(options, index);
  const rng = new Rng(mixSeed(options.seed, index, 2));
  return syntheticNominal(rng, person.nominalId, { person, asOf: options.asOf ?? defaultAsOf });
}

/** `count` synthetic people and their histories, the same for the same seed. */
export function* syntheticPopulation(
  options: SyntheticPopulationOptions & { count: number },
): Generator<SyntheticNominal> {
  for (let index = 0; index < options.count; index += 1) {
    yield syntheticPopulationMember(options, index);
  }
}
