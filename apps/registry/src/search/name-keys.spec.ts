import type { PersonName } from '@hub/contracts';
import { misspell, nameVariant, Rng, syntheticPopulationPerson } from '@hub/testing';
import { nameMatchThreshold } from '../nominals/nominal-queries';
import { maxNameQueryParts, nameKeysOf, nameQueryKeySets, requiredParts } from './name-keys';
import { nameSimilarity } from './name-matching';

// Synthetic names only.
const person = (givenNames: string[], familyName: string): PersonName => ({
  givenNames,
  familyName,
});
const text = (name: PersonName): string => [...name.givenNames, name.familyName].join(' ');

/** Whether a record with these names passes the filter `nameFilterOf` builds from the query. */
function admits(query: string, names: PersonName[]): boolean {
  const keys = new Set(nameKeysOf(names));
  return nameQueryKeySets(query).some((alternative) =>
    alternative.every((partKeys) => partKeys.some((key) => keys.has(key))),
  );
}

describe('requiredParts', () => {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

  it.each([1, 2, 3, 4, 5, 6])(
    'is the fewest of %i query parts a name must agree with to reach the threshold',
    (n) => {
      const query = words.slice(0, n).join(' ');
      const agreeing = (k: number) => person(words.slice(0, k - 1), words[k - 1] ?? '');
      const k = requiredParts(n);
      // The other query parts are left over (0.5 each): the best a name with k agreeing parts does.
      expect(nameSimilarity(query, agreeing(k))).toBeGreaterThanOrEqual(nameMatchThreshold);
      if (k > 1) expect(nameSimilarity(query, agreeing(k - 1))).toBeLessThan(nameMatchThreshold);
    },
  );
});

describe('name keys', () => {
  it('find a name by its parts in any order, by sound, by an alias and by an initial', () => {
    const john = [person(['John', 'Robert'], 'Smith'), person(['Jack'], 'Fenwick')];
    expect(admits('Smith John', john)).toBe(true);
    expect(admits('Jon Smyth', john)).toBe(true);
    expect(admits('Snith John', john)).toBe(true);
    expect(admits('Jack Fenwick', john)).toBe(true);
    expect(admits('J Smith', john)).toBe(true);
    expect(admits('John Robert Smith', john)).toBe(true);
    expect(admits('Kathryn Jones', [person(['Catherine'], 'Jones')])).toBe(true);
    expect(admits('John Smith', [person(['J'], 'Smith')])).toBe(true);
  });

  it('leave out names that share only one part', () => {
    expect(admits('John Smith', [person(['John'], 'Fenwick')])).toBe(false);
    expect(admits('John Smith', [person(['Peter'], 'Smith')])).toBe(false);
  });

  it('find every synthetic person by their name typed with one slip, reordered or shortened', () => {
    const rng = new Rng(11);
    const missed: string[] = [];
    for (let index = 0; index < 3_000; index++) {
      const someone = syntheticPopulationPerson({ seed: 5 }, index);
      const names = [someone.name, ...someone.aliases];
      const typed = rng.chance(0.5)
        ? text(nameVariant(rng, someone.name))
        : `${misspell(rng, someone.name.givenNames[0] ?? '')} ${someone.name.familyName}`;
      const scores = names.some((name) => nameSimilarity(typed, name) >= nameMatchThreshold);
      if (scores && !admits(typed, names)) missed.push(`${typed} → ${text(someone.name)}`);
    }
    expect(missed).toEqual([]);
  });

  it(`take at most ${maxNameQueryParts} query parts`, () => {
    expect(() => nameQueryKeySets('a b c d e f g')).toThrow(RangeError);
    expect(nameQueryKeySets(" - ' ")).toEqual([]);
  });
});
