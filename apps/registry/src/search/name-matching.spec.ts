import {
  jaroWinkler,
  nameSimilarity,
  normaliseNamePart,
  phoneticCode,
  phoneticCodes,
  symmetricNameSimilarity,
} from './name-matching';
import { nameMatchThreshold } from '../nominals/nominal-queries';
import { duplicateNameThreshold } from '../duplicates/duplicate-candidates';

// Synthetic names only.
const person = (givenNames: string[], familyName: string) => ({ givenNames, familyName });

describe('normaliseNamePart', () => {
  it('lower-cases, strips diacritics and apostrophes, and splits at hyphens and spaces', () => {
    expect(normaliseNamePart('JOSÉ')).toEqual(['jose']);
    expect(normaliseNamePart('Zoë')).toEqual(['zoe']);
    expect(normaliseNamePart("O'Brien")).toEqual(['obrien']);
    expect(normaliseNamePart('D’Arcy')).toEqual(['darcy']);
    expect(normaliseNamePart('Smith-Jones')).toEqual(['smith', 'jones']);
    expect(normaliseNamePart('  Anne  Marie ')).toEqual(['anne', 'marie']);
    expect(normaliseNamePart('Søren Łukasz Straße')).toEqual(['soren', 'lukasz', 'strasse']);
  });

  it('keeps a Mc/Mac prefix with the name, even written apart', () => {
    expect(normaliseNamePart('McDonald')).toEqual(['mcdonald']);
    expect(normaliseNamePart('Mac Donald')).toEqual(['macdonald']);
    expect(normaliseNamePart('Mac')).toEqual(['mac']);
  });

  it('has nothing to say about text without letters', () => {
    expect(normaliseNamePart(" - ' 42")).toEqual([]);
  });
});

describe('phoneticCode', () => {
  it.each([
    ['Smith', 'Smyth'],
    ['Mohammed', 'Muhammad'],
    ['Mohammed', 'Mohamed'],
    ['Catherine', 'Kathryn'],
    ['Stephen', 'Steven'],
    ['Jon', 'John'],
    ['Brian', 'Bryan'],
    ['McDonald', 'MacDonald'],
    ['Schmidt', 'Schmitt'],
    ['Dixon', 'Dickson'],
  ])('gives %s and %s the same code', (a, b) => {
    expect(phoneticCode(a)).toBe(phoneticCode(b));
    expect(phoneticCode(a)).not.toBe('');
  });

  it('tells different-sounding names apart', () => {
    expect(phoneticCode('Smith')).not.toBe(phoneticCode('Jones'));
    expect(phoneticCode('Catherine')).not.toBe(phoneticCode('Caroline'));
  });

  it('offers alternatives for ambiguous spellings, primary first', () => {
    expect(phoneticCodes('Anthony')).toEqual(['AN0N', 'ANTN']);
    expect(phoneticCodes('Antony')).toContain('ANTN');
    expect(phoneticCodes('Michael')).toContain(phoneticCode('Mikael'));
  });

  it('ignores case, accents and punctuation', () => {
    expect(phoneticCode("O'BRIEN")).toBe(phoneticCode('obrien'));
    expect(phoneticCode('Zoë')).toBe(phoneticCode('Zoe'));
  });
});

describe('jaroWinkler', () => {
  it('matches the published examples', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
  });

  it('is 1 for equal strings, 0 for nothing in common or an empty string', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'smith')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('kathryn', 'catherine')).toBeCloseTo(
      jaroWinkler('catherine', 'kathryn'),
      10,
    );
  });
});

describe('nameSimilarity', () => {
  const johnSmith = person(['John'], 'Smith');

  it('ignores the order of the name parts', () => {
    expect(nameSimilarity('SMITH John', johnSmith)).toBe(1);
    expect(nameSimilarity('Smith, John', johnSmith)).toBe(1);
    expect(nameSimilarity(person(['Smith'], 'John'), johnSmith)).toBe(1);
  });

  it.each([
    ['Jon Smyth', johnSmith],
    ['Jonh Smtih', johnSmith],
    ['J Smith', johnSmith],
    ['Kathryn Jones', person(['Catherine'], 'Jones')],
    ['Muhammad Khan', person(['Mohammed'], 'Khan')],
    ['Mohamed KHAN', person(['Mohammed'], 'Khan')],
    ['Steven Brown', person(['Stephen'], 'Brown')],
    ['Jose Garcia', person(['José'], 'García')],
    ['Siobhan Obrien', person(['Siobhan'], "O'Brien")],
    ['Ahmed MacDonald', person(['Ahmed'], 'Mac Donald')],
    ['John Paul Smith', johnSmith],
    ['Smith', person(['John', 'Paul'], 'Smith')],
  ])('finds "%s" similar enough to %j', (query, candidate) => {
    expect(nameSimilarity(query, candidate)).toBeGreaterThanOrEqual(nameMatchThreshold);
  });

  it.each([
    ['John Smart', johnSmith],
    ['Jane Smith', johnSmith],
    ['Peter Smith', johnSmith],
    ['Mary Jones', johnSmith],
    ['John Peter Smith', person(['John', 'Paul'], 'Smith')],
  ])('finds "%s" too different from %j', (query, candidate) => {
    expect(nameSimilarity(query, candidate)).toBeLessThan(nameMatchThreshold);
  });

  it('ranks the exact name above spelling variants and longer names', () => {
    const exact = nameSimilarity('John Smith', johnSmith);
    const misspelt = nameSimilarity('John Smith', person(['Jon'], 'Smyth'));
    const longer = nameSimilarity('John Smith', person(['John', 'Robert'], 'Smith'));
    expect(exact).toBe(1);
    expect(misspelt).toBeLessThan(exact);
    expect(longer).toBeLessThan(exact);
    expect(longer).toBeGreaterThan(misspelt);
  });

  it('stays within [0, 1] and is 0 when either side has no letters', () => {
    expect(nameSimilarity('---', johnSmith)).toBe(0);
    expect(nameSimilarity('John', person([], ''))).toBe(0);
    const many = nameSimilarity('Smith', person(['A', 'B', 'C', 'D', 'E', 'F', 'G'], 'Smith'));
    expect(many).toBeGreaterThanOrEqual(0);
    expect(many).toBeLessThanOrEqual(1);
  });
});

describe('symmetricNameSimilarity', () => {
  const johnSmith = person(['John'], 'Smith');
  const johnPaulSmith = person(['John', 'Paul'], 'Smith');

  it('scores "John Paul Smith" against "John Smith" as the other way round, above the duplicate threshold', () => {
    const forward = symmetricNameSimilarity(johnSmith, johnPaulSmith);
    const backward = symmetricNameSimilarity(johnPaulSmith, johnSmith);
    expect(forward).toBe(backward);
    expect(forward).toBeGreaterThanOrEqual(duplicateNameThreshold);
    // The search score is one-directional by design: the longer query leaves a part unmatched.
    expect(nameSimilarity(johnPaulSmith, johnSmith)).toBeLessThan(duplicateNameThreshold);
  });

  it.each([
    [johnSmith, johnPaulSmith],
    [person(['Jon'], 'Smyth'), johnPaulSmith],
    [person(['J'], 'Smith'), johnPaulSmith],
    [person(['Smith'], 'John'), johnSmith],
    [person(['Kathryn', 'Anne'], 'Jones'), person(['Catherine'], 'Jones')],
    [person(['John', 'Peter'], 'Smith'), johnPaulSmith],
    [person(['Mary'], 'Smith'), johnSmith],
    [person([], 'Smith'), johnPaulSmith],
    [person(['Anne', 'Marie'], 'Dupont'), person(['Marie', 'Anne'], 'Dupont')],
  ])('is the same for %j and %j in either order', (a, b) => {
    expect(symmetricNameSimilarity(a, b)).toBe(symmetricNameSimilarity(b, a));
  });

  it('tells different people apart whichever is first', () => {
    for (const [a, b] of [
      [person(['John', 'Peter'], 'Smith'), johnPaulSmith],
      [person(['Jane'], 'Smith'), johnSmith],
      [person(['John'], 'Smart'), johnSmith],
      // A family name alone leaves too much unknown.
      [person([], 'Smith'), johnPaulSmith],
    ]) {
      expect(symmetricNameSimilarity(a, b)).toBeLessThan(duplicateNameThreshold);
      expect(symmetricNameSimilarity(b, a)).toBeLessThan(duplicateNameThreshold);
    }
  });

  it('is 1 for the same name in any order of its parts and 0 without letters', () => {
    expect(symmetricNameSimilarity(person(['Smith'], 'John'), johnSmith)).toBe(1);
    expect(symmetricNameSimilarity(person([], '--'), johnSmith)).toBe(0);
  });
});
