import { phoneticCode } from './name-matching';
import {
  facetKey,
  facetKeysOf,
  normaliseArea,
  searchKeysOf,
  type SearchableContent,
} from './search-keys';

// Synthetic names only.
const person = (givenNames: string[], familyName: string) => ({ givenNames, familyName });

const content = (overrides: Partial<SearchableContent> = {}): SearchableContent => ({
  name: person(['Kathryn'], 'Smyth-Jones'),
  aliases: [person(['Kate'], 'Smith'), person(['Kathryn'], 'Smyth-Jones')],
  identifiers: [
    { type: 'NATIONAL_INSURANCE_NUMBER', value: 'qq 12 34 56 c', issuedBy: 'PROBATION' },
    { type: 'PRISON_NUMBER', value: 'A1234BC', issuedBy: 'PRISON' },
    { type: 'PRISON_NUMBER', value: 'a1234bc', issuedBy: 'PRISON' },
  ],
  status: 'ACTIVE',
  management: { managingArea: 'Greater  Manchester ', jurisdiction: 'ENGLAND_AND_WALES' },
  mappa: { category: 'CATEGORY_2', level: 'LEVEL_1' },
  ...overrides,
});

describe('searchKeysOf', () => {
  it('keys the name and every alias, and normalises identifiers', () => {
    const keys = searchKeysOf(content());
    expect(keys.nameKeys).toEqual(
      expect.arrayContaining([`p:${phoneticCode('Catherine')}`, `p:${phoneticCode('Smith')}`]),
    );
    expect(keys.identifierValues).toEqual(['QQ123456C', 'A1234BC']);
    expect(keys.nameKeys).toEqual(expect.arrayContaining(['d:kathryn', 'd:smith', 'b:ka']));
    expect(new Set(keys.nameKeys).size).toBe(keys.nameKeys.length);
  });
});

describe('identifier keys', () => {
  it('key a PNC id in its short and its long form alike', () => {
    const pnc = (value: string) =>
      content({ identifiers: [{ type: 'PNC_ID', value, issuedBy: 'POLICE' }] });
    expect(searchKeysOf(pnc('12/345678U')).identifierValues).toEqual(['12/0345678U']);
    expect(searchKeysOf(pnc('2012/0345678U')).identifierValues).toEqual(['12/0345678U']);
  });
});

describe('normaliseArea', () => {
  it('ignores case and spacing, nothing else', () => {
    expect(normaliseArea('  Greater   MANCHESTER ')).toBe('greater manchester');
    expect(normaliseArea('Greater')).not.toBe(normaliseArea('Greater Manchester'));
  });
});

describe('facetKeysOf', () => {
  const any = { area: null, jurisdiction: null, category: null, level: null };

  it('files a record under every combination of its area, jurisdiction, category and level', () => {
    const keys = facetKeysOf(content());
    expect(keys).toHaveLength(16);
    expect(new Set(keys).size).toBe(16);
    expect(keys).toEqual(
      expect.arrayContaining([
        facetKey(any, 'ACTIVE'),
        facetKey({ ...any, area: 'greater manchester' }, 'ACTIVE'),
        facetKey({ ...any, category: 'CATEGORY_2', level: 'LEVEL_1' }, 'ACTIVE'),
        facetKey(
          {
            area: 'greater manchester',
            jurisdiction: 'ENGLAND_AND_WALES',
            category: 'CATEGORY_2',
            level: 'LEVEL_1',
          },
          'ACTIVE',
        ),
      ]),
    );
    // Only under its own status and its own values.
    expect(keys).not.toContain(facetKey(any, 'ARCHIVED'));
    expect(keys).not.toContain(facetKey({ ...any, category: 'CATEGORY_1' }, 'ACTIVE'));
  });

  it('files a record without a MAPPA category under no category a search can ask for', () => {
    const keys = facetKeysOf(content({ mappa: null, status: 'ARCHIVED' }));
    expect(keys).toContain(facetKey({ ...any, category: '-', level: '-' }, 'ARCHIVED'));
    for (const category of ['CATEGORY_1', 'CATEGORY_2', 'CATEGORY_3', 'CATEGORY_4'] as const) {
      expect(keys).not.toContain(facetKey({ ...any, category }, 'ARCHIVED'));
    }
  });

  it('keeps the parts of a key apart whatever an area is called', () => {
    const odd = facetKey({ ...any, area: 'a","*' }, 'ACTIVE');
    expect(odd).not.toBe(facetKey({ ...any, area: 'a' }, 'ACTIVE'));
    expect(JSON.parse(odd)).toEqual(['a","*', '*', '*', '*', 'ACTIVE']);
  });
});
