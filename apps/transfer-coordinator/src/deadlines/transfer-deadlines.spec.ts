import {
  defaultDeadlinesFile,
  DeadlinesConfigError,
  TransferDeadlines,
} from './transfer-deadlines';
import { addWorkingDays } from './working-days';

describe('the transfer deadlines', () => {
  const deadlines = TransferDeadlines.load(defaultDeadlinesFile());

  it('resolves every step for all nine pairs of jurisdictions', () => {
    expect(deadlines.pairs).toHaveLength(9);
    for (const pair of deadlines.pairs) expect(Object.keys(pair.steps)).toHaveLength(7);
  });

  it('gives cross-border pairs their longer limits and a pair its own override', () => {
    expect(deadlines.limitOf('ENGLAND_AND_WALES', 'ENGLAND_AND_WALES', 'CONSULTATION')).toEqual({
      due: 10,
      strategic: 20,
    });
    expect(deadlines.limitOf('ENGLAND_AND_WALES', 'SCOTLAND', 'CONSULTATION')).toEqual({
      due: 15,
      strategic: 25,
    });
    expect(deadlines.limitOf('SCOTLAND', 'NORTHERN_IRELAND', 'CONSULTATION')).toEqual({
      due: 20,
      strategic: 30,
    });
    expect(deadlines.limitOf('SCOTLAND', 'ENGLAND_AND_WALES', 'MOVE')).toEqual({
      due: 5,
      strategic: 10,
    });
  });

  it('refuses a file whose strategic escalation does not come after the due time, naming it', () => {
    const broken = {
      version: 'x',
      defaults: {
        ACKNOWLEDGEMENT: { due: 5, strategic: 5 },
        CONSULTATION: { due: 1, strategic: 2 },
        DISPUTE_RESOLUTION: { due: 1, strategic: 2 },
        MOVE: { due: 1, strategic: 2 },
        COMPLETION: { due: 1, strategic: 2 },
        RETURN: { due: 1, strategic: 2 },
        VICTIM_LIAISON_ACKNOWLEDGEMENT: { due: 1, strategic: 2 },
      },
      crossBorder: {},
      pairs: { 'SCOTLAND->WALES': {} },
    };
    expect(() => TransferDeadlines.from(broken, 'test.json')).toThrow(DeadlinesConfigError);
    expect(() => TransferDeadlines.from(broken, 'test.json')).toThrow(
      /defaults\.ACKNOWLEDGEMENT: the strategic escalation must come after the step is due/,
    );
    expect(() => TransferDeadlines.from(broken, 'test.json')).toThrow(/pairs/);
  });

  it('counts working days, skipping weekends, from a weekend as from the Monday', () => {
    // Thursday 3 December 2026, 10:00 + 2 working days = Monday 7 December, 10:00.
    expect(addWorkingDays(new Date('2026-12-03T10:00:00Z'), 2).toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
    // Saturday: counted from Monday 00:00; + 1 = Tuesday 00:00.
    expect(addWorkingDays(new Date('2026-12-05T15:00:00Z'), 1).toISOString()).toBe(
      '2026-12-08T00:00:00.000Z',
    );
    expect(addWorkingDays(new Date('2026-12-07T09:00:00Z'), 0).toISOString()).toBe(
      '2026-12-07T09:00:00.000Z',
    );
  });
});
