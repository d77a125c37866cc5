import { legislationOf, receivingTermsOf } from './receiving-terms';

describe("a transfer in the receiving jurisdiction's terms", () => {
  it('keeps category and level within a jurisdiction, under its own legislation', () => {
    expect(
      receivingTermsOf(
        {
          jurisdiction: 'SCOTLAND',
          mappa: { category: 'CATEGORY_1', level: 'LEVEL_2' },
          ppani: null,
        },
        'SCOTLAND',
      ),
    ).toEqual({
      legislation: legislationOf.SCOTLAND,
      category: 'MAPPA category 1 (registered sex offenders)',
      level: 'MAPPA level 2',
      notes: [],
    });
  });

  it("maps England and Wales' category 4 to Scotland's category 3, saying the area decides", () => {
    const terms = receivingTermsOf(
      {
        jurisdiction: 'ENGLAND_AND_WALES',
        mappa: { category: 'CATEGORY_4', level: 'LEVEL_3' },
        ppani: null,
      },
      'SCOTLAND',
    );
    expect(terms.category).toBe('MAPPA category 3 (other risk of serious harm offenders)');
    expect(terms.level).toBe('MAPPA level 3');
    expect(terms.notes.join(' ')).toMatch(/Scotland has no category 4/);
  });

  it("maps Scotland's restricted patients to England and Wales' category 2", () => {
    const terms = receivingTermsOf(
      {
        jurisdiction: 'SCOTLAND',
        mappa: { category: 'RESTRICTED_PATIENTS', level: 'LEVEL_1' },
        ppani: null,
      },
      'ENGLAND_AND_WALES',
    );
    expect(terms.category).toBe('MAPPA category 2 (violent and other sexual offenders)');
    expect(terms.legislation).toMatch(/Criminal Justice Act 2003/);
  });

  it('never maps a MAPPA level to a PPANI risk category: the LAPPP sets it', () => {
    const terms = receivingTermsOf(
      {
        jurisdiction: 'ENGLAND_AND_WALES',
        mappa: { category: 'CATEGORY_1', level: 'LEVEL_3' },
        ppani: null,
      },
      'NORTHERN_IRELAND',
    );
    expect(terms.category).toBe('PPANI eligibility: notification requirements');
    expect(terms.level).toBeNull();
    expect(terms.legislation).toMatch(/Criminal Justice \(Northern Ireland\) Order 2008/);
    expect(terms.notes.join(' ')).toMatch(
      /LAPPP sets one at its first meeting \(the person was at MAPPA level 3\)/,
    );
  });

  it('maps PPANI eligibility to a MAPPA category, leaving the level to the receiving area', () => {
    const terms = receivingTermsOf(
      {
        jurisdiction: 'NORTHERN_IRELAND',
        mappa: null,
        ppani: { eligibility: 'DOMESTIC_VIOLENCE', riskCategory: 'CATEGORY_2' },
      },
      'ENGLAND_AND_WALES',
    );
    expect(terms.category).toBe('MAPPA category 2 (violent and other sexual offenders)');
    expect(terms.level).toBeNull();
  });
});
