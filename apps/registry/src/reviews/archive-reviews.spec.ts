import type { NominalDocument } from '../nominals/nominal.documents';
import type { EligibilityStatus } from '../projections/mappa-eligibility';
import { archiveReviewDue, archiveReviewMoot, archiveReviewOf } from './archive-reviews';

const ended: EligibilityStatus = {
  endsOn: '2026-03-31',
  indefinite: false,
  ended: true,
  grounds: [
    {
      ground: 'SENTENCE_OR_LICENCE',
      endsOn: '2026-03-31',
      basis: 'licence expires on 2026-03-31',
      source: 'CJA 2003',
    },
  ],
};
const indefinite: EligibilityStatus = { endsOn: null, indefinite: true, ended: false, grounds: [] };

const record = (
  eligibility: EligibilityStatus | null,
  status: NominalDocument['status'] = 'ACTIVE',
) =>
  ({
    _id: 'NOM-1',
    status,
    eligibility,
    management: {
      leadAgency: 'PROBATION',
      managingArea: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
      recordManager: null,
      coManagers: [],
    },
  }) as unknown as NominalDocument;

describe('archive reviews', () => {
  it('is due the day after eligibility ends, for the managing organisation, saying why', () => {
    expect(archiveReviewOf(record(ended))).toEqual({
      kind: 'ARCHIVE',
      nominalId: 'NOM-1',
      dueOn: '2026-04-01',
      why: 'MAPPA eligibility ended on 2026-03-31: licence expires on 2026-03-31',
      managingArea: 'Greater Manchester',
      leadAgency: 'PROBATION',
      jurisdiction: 'ENGLAND_AND_WALES',
    });
  });

  it('is not due for a record archived already, nor while eligibility holds', () => {
    expect(archiveReviewOf(record(ended, 'ARCHIVED'))).toBeNull();
    expect(archiveReviewOf(record(indefinite))).toBeNull();
    expect(archiveReviewOf(record(null))).toBeNull();
  });

  it('is raised once per end: again only when the end moves or the record was re-activated', () => {
    expect(archiveReviewDue(record(indefinite), record(ended))).not.toBeNull();
    expect(archiveReviewDue(record(ended), record(ended))).toBeNull();
    expect(archiveReviewDue(record(ended, 'ARCHIVED'), record(ended))).not.toBeNull();
    const later = { ...ended, endsOn: '2027-03-31' };
    expect(archiveReviewDue(record(ended), record(later))?.dueOn).toBe('2027-04-01');
  });

  it('is moot once a later fact keeps the person eligible', () => {
    expect(archiveReviewMoot(record(ended), record(indefinite))).toBe(true);
    expect(archiveReviewMoot(record(ended), record(ended))).toBe(false);
    expect(archiveReviewMoot(undefined, record(indefinite))).toBe(false);
  });
});
