import type { AgencyIdentifier } from '@hub/contracts';
import { syntheticPopulationPerson } from '@hub/testing';
import { birthDatesToFind, dayMonthSwapped, matchBirthDates } from './birth-dates';
import { duplicateEvidence, reasonsOf, type ComparedRecord } from './duplicate-evidence';

// Synthetic people and identifiers only.
const person = (givenNames: string[], familyName: string) => ({ givenNames, familyName });
const record = (_id: string, overrides: Partial<ComparedRecord> = {}): ComparedRecord => ({
  _id,
  name: person(['John'], 'Smith'),
  aliases: [],
  dateOfBirth: '1980-03-04',
  aliasDatesOfBirth: [],
  identifiers: [],
  ...overrides,
});
const id = (type: AgencyIdentifier['type'], value: string): AgencyIdentifier => ({
  type,
  value,
  issuedBy: 'POLICE',
});

describe('dates of birth', () => {
  it('swap day and month only into another valid date', () => {
    expect(dayMonthSwapped('1980-03-04')).toBe('1980-04-03');
    expect(dayMonthSwapped('1980-04-04')).toBeNull();
    expect(dayMonthSwapped('1980-03-13')).toBeNull();
    expect(dayMonthSwapped('1981-02-01')).toBe('1981-01-02');
  });

  it('match exactly, as an alias date of birth, or swapped, in either order', () => {
    const a = { dateOfBirth: '1980-03-04', aliasDatesOfBirth: [] };
    expect(matchBirthDates(a, { dateOfBirth: '1980-03-04' }).match).toBe('EXACT');
    expect(matchBirthDates(a, { dateOfBirth: '1980-04-03' }).match).toBe('DAY_MONTH_SWAPPED');
    expect(matchBirthDates({ dateOfBirth: '1980-04-03' }, a).match).toBe('DAY_MONTH_SWAPPED');
    const aliased = { dateOfBirth: '1979-01-01', aliasDatesOfBirth: ['1980-03-04'] };
    expect(matchBirthDates(a, aliased)).toMatchObject({
      match: 'ALIAS_DATE_OF_BIRTH',
      first: { date: '1980-03-04', alias: false },
      second: { date: '1980-03-04', alias: true },
    });
    expect(matchBirthDates(aliased, a).match).toBe('ALIAS_DATE_OF_BIRTH');
    expect(matchBirthDates(a, { dateOfBirth: '1980-03-05' }).match).toBe('DIFFERENT');
  });

  it('are looked up by the date, its swap and the alias dates', () => {
    expect(
      birthDatesToFind({ dateOfBirth: '1980-03-04', aliasDatesOfBirth: ['1979-01-01'] }),
    ).toEqual(['1980-03-04', '1980-04-03', '1979-01-01']);
  });
});

describe('duplicateEvidence', () => {
  it('flags "John Smith" and "John Paul Smith" of one date of birth whichever came first', () => {
    const john = record('NOM-1');
    const johnPaul = record('NOM-2', { name: person(['John', 'Paul'], 'Smith') });
    for (const [first, second] of [
      [john, johnPaul],
      [johnPaul, john],
    ]) {
      const evidence = duplicateEvidence(first, second);
      expect(evidence.grounds).toEqual(['NAME_AND_DATE_OF_BIRTH']);
      expect(evidence.dateOfBirth.match).toBe('EXACT');
    }
    expect(duplicateEvidence(john, johnPaul).name.similarity).toBe(
      duplicateEvidence(johnPaul, john).name.similarity,
    );
  });

  it('flags a similar name with day and month swapped, and says so', () => {
    const evidence = duplicateEvidence(
      record('NOM-1'),
      record('NOM-2', { dateOfBirth: '1980-04-03' }),
    );
    expect(evidence.grounds).toEqual(['NAME_AND_DATE_OF_BIRTH']);
    expect(reasonsOf(evidence)).toEqual([
      'dates of birth with day and month swapped and a similar name (1.00)',
    ]);
  });

  it('flags a similar name matching an alias name and an alias date of birth, and shows which', () => {
    const evidence = duplicateEvidence(
      record('NOM-1', {
        name: person(['Jo'], 'Example'),
        aliases: [person(['John'], 'Smith')],
        dateOfBirth: '1975-06-07',
        aliasDatesOfBirth: ['1980-03-04'],
      }),
      record('NOM-2'),
    );
    expect(evidence.grounds).toEqual(['NAME_AND_DATE_OF_BIRTH']);
    expect(evidence.name).toMatchObject({
      similarity: 1,
      first: { kind: 'ALIAS', name: person(['John'], 'Smith') },
      second: { kind: 'NAME' },
    });
    expect(evidence.dateOfBirth.match).toBe('ALIAS_DATE_OF_BIRTH');
  });

  it('flags a valid PNC id held in its short and its long form', () => {
    const evidence = duplicateEvidence(
      record('NOM-1', { name: person(['Alex'], 'One'), identifiers: [id('PNC_ID', '12/345678U')] }),
      record('NOM-2', {
        name: person(['Sam'], 'Two'),
        dateOfBirth: '1990-01-01',
        identifiers: [id('PNC_ID', '2012/0345678U')],
      }),
    );
    expect(evidence.grounds).toEqual(['SHARED_NATIONAL_IDENTIFIER']);
    expect(evidence.identifiers).toEqual([
      {
        type: 'PNC_ID',
        agreement: 'SAME',
        evidence: 'STRONG',
        firstValues: ['12/345678U'],
        secondValues: ['2012/0345678U'],
      },
    ]);
  });

  it('does not flag on a PNC id with a wrong check character alone, and says why', () => {
    const pnc = [id('PNC_ID', '12/345678A')];
    const evidence = duplicateEvidence(
      record('NOM-1', { name: person(['Alex'], 'One'), identifiers: pnc }),
      record('NOM-2', {
        name: person(['Sam'], 'Two'),
        dateOfBirth: '1990-01-01',
        identifiers: pnc,
      }),
    );
    expect(evidence.grounds).toEqual([]);
    expect(evidence.identifiers[0]).toMatchObject({
      agreement: 'SAME',
      evidence: 'INVALID_CHECK_CHARACTER',
    });
    expect(reasonsOf(evidence)).toEqual([
      'shares PNC_ID 12/345678A, not strong evidence: invalid check character',
    ]);
  });

  it('takes a shared local reference as support for a similar name only', () => {
    const local = [id('HEALTH_CASE_REFERENCE', 'FMH-SYN-000001')];
    const alone = duplicateEvidence(
      record('NOM-1', { name: person(['Alex'], 'One'), identifiers: local }),
      record('NOM-2', {
        name: person(['Sam'], 'Two'),
        dateOfBirth: '1990-01-01',
        identifiers: local,
      }),
    );
    expect(alone.grounds).toEqual([]);
    expect(alone.identifiers[0]).toMatchObject({ agreement: 'SAME', evidence: 'WEAK' });
    const withName = duplicateEvidence(
      record('NOM-1', { identifiers: local }),
      record('NOM-2', { dateOfBirth: '1990-01-01', identifiers: local }),
    );
    expect(withName.grounds).toEqual(['NAME_AND_LOCAL_IDENTIFIER']);
  });

  it('shows a national identifier the two hold differently as different', () => {
    const evidence = duplicateEvidence(
      record('NOM-1', { identifiers: [id('NHS_NUMBER', '943 476 5919')] }),
      record('NOM-2', { identifiers: [id('NHS_NUMBER', '999 000 0019')] }),
    );
    expect(evidence.identifiers[0]).toMatchObject({ agreement: 'DIFFERENT' });
  });
});

describe('the synthetic near-duplicates', () => {
  const people = Array.from({ length: 400 }, (_, index) =>
    syntheticPopulationPerson({ seed: 7, duplicateRate: 0.5 }, index),
  );
  const byId = new Map(people.map((p) => [p.nominalId, p]));
  const asRecord = (p: (typeof people)[number]): ComparedRecord => ({
    _id: p.nominalId,
    name: p.name,
    aliases: p.aliases,
    dateOfBirth: p.dateOfBirth,
    aliasDatesOfBirth: p.aliasDatesOfBirth,
    identifiers: [{ type: 'PNC_ID', value: p.pncId, issuedBy: 'POLICE' }],
  });
  const pairs = people
    .filter((p) => p.duplicateOf !== null)
    .map((p) => duplicateEvidence(asRecord(byId.get(p.duplicateOf!)!), asRecord(p)));

  it('include swapped dates of birth and short PNC forms, and are flagged', () => {
    expect(pairs.filter((e) => e.dateOfBirth.match === 'DAY_MONTH_SWAPPED').length).toBeGreaterThan(
      0,
    );
    const shortAndLong = pairs.filter(
      (e) =>
        e.identifiers[0]?.agreement === 'SAME' &&
        e.identifiers[0].firstValues[0] !== e.identifiers[0].secondValues[0],
    );
    expect(shortAndLong.length).toBeGreaterThan(0);
    expect(shortAndLong.every((e) => e.identifiers[0]?.evidence === 'STRONG')).toBe(true);
    const flagged = pairs.filter((e) => e.grounds.length > 0).length;
    expect(flagged / pairs.length).toBeGreaterThan(0.9);
  });

  it('give a few people alias dates of birth', () => {
    expect(people.some((p) => p.aliasDatesOfBirth.length > 0)).toBe(true);
  });
});
