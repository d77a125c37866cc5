import {
  deadlineInContext,
  type DeadlineContext,
  initialDueBy,
  type NotificationFacts,
} from './notification-deadlines';

const notification = (facts: Partial<NotificationFacts>): NotificationFacts => ({
  notificationId: 'n-x',
  kind: 'OTHER',
  notifiedOn: '2024-06-01',
  changedOn: null,
  travel: null,
  ...facts,
});
const noContext: DeadlineContext = { initialDeadlines: [], notifications: [] };
const made = (
  notificationId: string,
  kind: NotificationFacts['kind'],
  notifiedOn: string,
  noFixedAbode: boolean | null = null,
) => ({ ...notification({ notificationId, kind, notifiedOn }), noFixedAbode });

describe('notification deadlines, worked out by the hub', () => {
  it.each([
    ['ADDRESS_CHANGE' as const],
    ['STAY_AWAY_FROM_HOME' as const],
    ['HOUSEHOLD_WITH_CHILD' as const],
    ['IDENTITY_DOCUMENT' as const],
    ['FINANCIAL_DETAILS' as const],
    ['RELEASE' as const],
  ])('gives a change (%s) 3 days beginning with the day of the change (s84(1))', (kind) => {
    const deadline = deadlineInContext(
      notification({ kind, changedOn: '2024-03-01' }),
      '2024-03-10',
      noContext,
    );
    expect(deadline.dueBy).toBe('2024-03-03');
    expect(deadline.rule).toMatch(/s84\(1\)/);
  });

  it('wants foreign travel notified 7 days before departure', () => {
    const deadline = deadlineInContext(
      notification({
        kind: 'FOREIGN_TRAVEL',
        travel: { departOn: '2024-06-10', returnOn: '2024-06-20' },
      }),
      null,
      noContext,
    );
    expect(deadline.dueBy).toBe('2024-06-03');
  });

  it('gives a return from travel 3 days beginning with the return', () => {
    expect(
      deadlineInContext(
        notification({ kind: 'RETURN_FROM_TRAVEL', changedOn: '2024-06-20' }),
        null,
        noContext,
      ).dueBy,
    ).toBe('2024-06-22');
  });

  it('runs the initial notification from the relevant date, or from release (s83(1), (6))', () => {
    expect(initialDueBy('2024-01-10', null).dueBy).toBe('2024-01-12');
    expect(initialDueBy('2024-01-10', '2026-02-01').dueBy).toBe('2026-02-03');
    const context: DeadlineContext = {
      initialDeadlines: [
        { arisesOn: '2026-02-01', deadline: initialDueBy('2024-01-10', '2026-02-01') },
      ],
      notifications: [],
    };
    expect(
      deadlineInContext(
        notification({ kind: 'INITIAL', notifiedOn: '2026-02-05' }),
        '2026-02-10',
        context,
      ).dueBy,
    ).toBe('2026-02-03');
  });

  it('wants the annual notification a year after the last notification, which travel does not restart (s85)', () => {
    const context: DeadlineContext = {
      initialDeadlines: [],
      notifications: [
        made('n-1', 'INITIAL', '2024-01-11'),
        made('n-2', 'FOREIGN_TRAVEL', '2024-05-01'),
        made('n-3', 'ANNUAL', '2025-01-20'),
      ],
    };
    const annual = deadlineInContext(
      notification({ notificationId: 'n-3', kind: 'ANNUAL', notifiedOn: '2025-01-20' }),
      '2025-02-01',
      context,
    );
    expect(annual.dueBy).toBe('2025-01-11');
  });

  it('wants a weekly notification 7 days after the last when the home notified was no fixed abode', () => {
    const context: DeadlineContext = {
      initialDeadlines: [],
      notifications: [
        made('n-1', 'ADDRESS_CHANGE', '2024-05-01', true),
        made('n-2', 'WEEKLY', '2024-05-09'),
      ],
    };
    expect(
      deadlineInContext(
        notification({ notificationId: 'n-2', kind: 'WEEKLY', notifiedOn: '2024-05-09' }),
        null,
        context,
      ).dueBy,
    ).toBe('2024-05-08');
  });

  it("keeps the producer's deadline only when the facts it runs from are missing", () => {
    const deadline = deadlineInContext(
      notification({ kind: 'ADDRESS_CHANGE' }),
      '2024-06-03',
      noContext,
    );
    expect(deadline).toEqual({
      dueBy: '2024-06-03',
      rule: expect.stringMatching(/producer/) as string,
    });
  });
});
