import { DailyCounts } from './daily-counts';

describe('daily counts', () => {
  const daily = new DailyCounts([
    { key: 'CATEGORY_1|LEVEL_1', from: '2025-01-01', to: '2025-03-31' },
    { key: 'CATEGORY_1|LEVEL_1', from: '2025-03-01', to: '9999-12-31' },
    { key: 'CATEGORY_1|LEVEL_2', from: '2025-04-01', to: '2025-04-01' },
  ]);

  it('counts the periods covering a day, first and last days included', () => {
    expect(daily.on('2024-12-31')).toEqual(new Map());
    expect(daily.on('2025-01-01')).toEqual(new Map([['CATEGORY_1|LEVEL_1', 1]]));
    expect(daily.on('2025-03-31')).toEqual(new Map([['CATEGORY_1|LEVEL_1', 2]]));
    expect(daily.on('2025-04-01')).toEqual(
      new Map([
        ['CATEGORY_1|LEVEL_1', 1],
        ['CATEGORY_1|LEVEL_2', 1],
      ]),
    );
    expect(daily.on('2025-04-02')).toEqual(new Map([['CATEGORY_1|LEVEL_1', 1]]));
    expect(daily.on('2090-01-01')).toEqual(new Map([['CATEGORY_1|LEVEL_1', 1]]));
  });
});
