import {
  parseSearchQuery,
  parseTimelineQuery,
  type Parsed,
  type Violation,
} from './nominal-query-params';

function violations<T>(parsed: Parsed<T>): Violation[] {
  if (parsed.ok) throw new Error(`expected violations, got ${JSON.stringify(parsed.value)}`);
  return parsed.violations;
}

function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected a value, got ${JSON.stringify(parsed.violations)}`);
  return parsed.value;
}

const fields = (parsed: Parsed<unknown>) => violations(parsed).map((violation) => violation.field);

describe('parseSearchQuery', () => {
  it('reads every criterion, normalising what people type', () => {
    const { criteria, page } = value(
      parseSearchQuery({
        name: '  SMITH John ',
        dateOfBirth: '1980-04-23',
        identifier: 'qq 12 34 56 c',
        area: 'Greater Manchester',
        jurisdiction: 'england_and_wales',
        category: '2',
        level: 'level_3',
        status: 'active, archived',
        page: '3',
        pageSize: '50',
      }),
    );
    expect(criteria).toEqual({
      name: 'SMITH John',
      dateOfBirth: '1980-04-23',
      identifier: 'QQ123456C',
      area: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
      category: 'CATEGORY_2',
      level: 'LEVEL_3',
      status: ['ACTIVE', 'ARCHIVED'],
    });
    expect(page).toEqual({ page: 3, pageSize: 50 });
  });

  it('pages 20 at a time from page 1 by default', () => {
    expect(value(parseSearchQuery({ status: 'MERGED' })).page).toEqual({ page: 1, pageSize: 20 });
  });

  it('requires at least one criterion', () => {
    const problems = violations(parseSearchQuery({ page: '2' }));
    expect(problems).toEqual([
      { field: 'criteria', problem: expect.stringContaining('name, dateOfBirth') as unknown },
    ]);
  });

  it('names an unknown parameter, listing the known ones', () => {
    const problems = violations(parseSearchQuery({ nmae: 'Smith', dateOfBirth: '1980-04-23' }));
    expect(problems).toEqual([
      { field: 'nmae', problem: expect.stringContaining('name, dateOfBirth') as unknown },
    ]);
  });

  it.each([
    [{ pageSize: '101' }, 'pageSize'],
    [{ pageSize: '0' }, 'pageSize'],
    [{ page: '0' }, 'page'],
    [{ page: '1.5' }, 'page'],
    [{ page: 'two' }, 'page'],
    [{ dateOfBirth: '1980-02-30' }, 'dateOfBirth'],
    [{ dateOfBirth: '23/04/1980' }, 'dateOfBirth'],
    [{ jurisdiction: 'WALES' }, 'jurisdiction'],
    [{ category: '5' }, 'category'],
    [{ level: 'HIGH' }, 'level'],
    [{ status: 'ACTIVE,DELETED' }, 'status'],
    [{ status: ' , ' }, 'status'],
    [{ name: ' -- ' }, 'name'],
    [{ identifier: '   ' }, 'identifier'],
    [{ area: '' }, 'area'],
  ])('rejects %j naming %s', (query, field) => {
    expect(fields(parseSearchQuery({ name: 'Smith', ...query }))).toEqual([field]);
  });

  it('reports every bad parameter at once, and a repeated one', () => {
    expect(
      fields(parseSearchQuery({ name: ['Smith', 'Jones'], pageSize: '500', level: '9' })).sort(),
    ).toEqual(['level', 'name', 'pageSize']);
  });
});

describe('parseTimelineQuery', () => {
  it('defaults to newest first, unfiltered, page 1 of 20', () => {
    expect(value(parseTimelineQuery({}))).toEqual({
      filters: { order: 'desc' },
      page: { page: 1, pageSize: 20 },
    });
  });

  it('reads lists, agencies in any case, and whole days inclusive', () => {
    const { filters } = value(
      parseTimelineQuery({
        eventType: 'AddressRecorded, IntelligenceShared',
        agency: 'police,Prison',
        from: '2024-01-01',
        to: '2024-01-31',
        order: 'ASC',
      }),
    );
    expect(filters).toEqual({
      eventTypes: ['AddressRecorded', 'IntelligenceShared'],
      agencies: ['POLICE', 'PRISON'],
      from: new Date('2024-01-01T00:00:00Z'),
      until: new Date('2024-02-01T00:00:00Z'),
      order: 'asc',
    });
  });

  it('takes instants with a time zone, `to` inclusive', () => {
    const { filters } = value(
      parseTimelineQuery({ from: '2024-01-01T09:00:00+01:00', to: '2024-01-01T10:00:00.000Z' }),
    );
    expect(filters.from).toEqual(new Date('2024-01-01T08:00:00Z'));
    expect(filters.until).toEqual(new Date('2024-01-01T10:00:00.001Z'));
  });

  it.each([
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2024-01-01T09:00' }, 'from'],
    [{ to: '2024-13-01' }, 'to'],
    [{ from: '2024-02-01', to: '2024-01-31' }, 'to'],
    [{ agency: 'POLICE,MI5' }, 'agency'],
    [{ order: 'newest' }, 'order'],
    [{ eventType: 'Address Recorded' }, 'eventType'],
    [{ pageSize: '1000' }, 'pageSize'],
    [{ evenType: 'AddressRecorded' }, 'evenType'],
  ])('rejects %j naming %s', (query, field) => {
    expect(fields(parseTimelineQuery(query))).toEqual([field]);
  });
});
