import type {
  Agency,
  CivilOrderType,
  ComplianceActionKind,
  CustodyType,
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  NominalChanged,
  PpaniRiskCategory,
} from '@hub/contracts';

/** The `to` of a period that has not ended: later than any day a figure is asked for. */
export const ongoing = '9999-12-31';
/** The `from` of a period that stands from the record's beginning. */
const beginning = '0001-01-01';

/**
 * One person's state over a period of days (`from` and `to` inclusive, UK dates), while they are
 * under MAPPA or PPANI or subject to the notification requirements. A person's periods never
 * overlap, so counting the periods covering a day counts people.
 */
export interface PeriodRow {
  _id: string;
  nominalId: string;
  /** The record version the row was derived from. */
  version: number;
  from: string;
  to: string;
  /** The managing area's jurisdiction: the annual report the person counts in. */
  jurisdiction: Jurisdiction;
  area: string;
  leadAgency: Agency;
  /** The arrangements the person is managed under; null while only subject to notification. */
  arrangements: 'MAPPA' | 'PPANI' | null;
  category: MappaCategory | null;
  level: MappaLevel | null;
  ppaniRiskCategory: PpaniRiskCategory | null;
  inCustody: boolean;
  custodyType: CustodyType | null;
  /** Subject to the sex offender notification requirements: a registered sex offender. */
  rso: boolean;
  /** Reported missing by the police and not found yet. */
  missing: boolean;
}

/** The state a dated event happened in, so that it is counted by area, level and category. */
type StateAt = Pick<
  PeriodRow,
  'jurisdiction' | 'area' | 'arrangements' | 'category' | 'level' | 'ppaniRiskCategory' | 'rso'
>;

export type DatedEventKind =
  'SUPERVISION_BREACH' | 'RECALL' | 'CUSTODY_ADMISSION' | ComplianceActionKind;

/** Something that happened to a person on one day, with the state they were in that day. */
export interface EventRow extends StateAt {
  _id: string;
  nominalId: string;
  version: number;
  kind: DatedEventKind;
  on: string;
  custodyType: CustodyType | null;
  sentencedToCustody: boolean;
}

/** A civil order, with the area that managed the person on the day it was made. */
export interface OrderRow {
  _id: string;
  nominalId: string;
  version: number;
  orderId: string;
  orderType: CivilOrderType;
  madeOn: string;
  /** The last day it had effect: its expiry or the day before its discharge; ongoing if neither. */
  to: string;
  foreignTravelRestricted: boolean;
  jurisdiction: Jurisdiction;
  area: string;
}

export interface FactRows {
  periods: PeriodRow[];
  events: EventRow[];
  orders: OrderRow[];
}

/** A value that holds from `from` to `to` (inclusive). */
interface Span<T> {
  from: string;
  to: string;
  value: T;
}

export function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

export function dayAfter(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

function valueOn<T>(spans: readonly Span<T>[], day: string): T | undefined {
  return spans.find((span) => span.from <= day && day <= span.to)?.value;
}

interface Arrangement {
  arrangements: 'MAPPA' | 'PPANI';
  category: MappaCategory | null;
  level: MappaLevel | null;
  ppaniRiskCategory: PpaniRiskCategory | null;
}

interface Managed {
  jurisdiction: Jurisdiction;
  area: string;
  leadAgency: Agency;
}

/**
 * A record published before the changed record carried its timeline (`registeredOn` is null and no
 * period is listed) has only its current category and level: they stand from the day they took
 * effect, until the person left. The registry publishes the whole timeline once it derives the
 * record again.
 */
function currentArrangementOnly(record: NominalChanged): Span<Arrangement>[] {
  const { mappa, ppani } = record;
  if (mappa) {
    return [
      {
        from: mappa.effectiveOn ?? mappa.setOn.toISOString().slice(0, 10),
        to: mappa.leftOn ?? ongoing,
        value: {
          arrangements: 'MAPPA',
          category: mappa.category,
          level: mappa.level,
          ppaniRiskCategory: null,
        },
      },
    ];
  }
  if (ppani) {
    return [
      {
        from: ppani.effectiveOn,
        to: ppani.leftOn ?? ongoing,
        value: {
          arrangements: 'PPANI',
          category: null,
          level: null,
          ppaniRiskCategory: ppani.riskCategory,
        },
      },
    ];
  }
  return [];
}

function arrangementSpans(record: NominalChanged): Span<Arrangement>[] {
  const { timeline } = record;
  if (timeline.registeredOn === null && timeline.arrangements.length === 0) {
    return currentArrangementOnly(record);
  }
  return timeline.arrangements.map((period) => ({
    from: period.from,
    to: period.to ?? ongoing,
    value: {
      arrangements: period.ppaniRiskCategory ? 'PPANI' : 'MAPPA',
      category: period.category,
      level: period.level,
      ppaniRiskCategory: period.ppaniRiskCategory,
    },
  }));
}

function managementSpans(record: NominalChanged): Span<Managed>[] {
  const periods = record.timeline.management;
  const current = record.management;
  // A record published before the timeline carried management: its area stands throughout.
  if (periods.length === 0) {
    return [
      {
        from: beginning,
        to: ongoing,
        value: {
          jurisdiction: current.jurisdiction,
          area: current.managingArea,
          leadAgency: current.leadAgency,
        },
      },
    ];
  }
  return periods.map((period) => ({
    from: period.from ?? beginning,
    to: period.to ?? ongoing,
    value: {
      jurisdiction: period.jurisdiction,
      area: period.managingArea,
      leadAgency: period.leadAgency,
    },
  }));
}

function custodySpans(record: NominalChanged): Span<CustodyType | null>[] {
  return record.timeline.custody.map((stay) => ({
    from: stay.from,
    to: stay.to ?? ongoing,
    value: stay.custodyType,
  }));
}

function notificationSpans(record: NominalChanged): Span<true>[] {
  const requirement = record.notificationRequirement;
  if (!requirement || (!requirement.subject && requirement.startsOn === null)) return [];
  const to = requirement.indefinite ? ongoing : (requirement.endsOn ?? ongoing);
  return [{ from: requirement.startsOn ?? beginning, to, value: true }];
}

/** From each report of going missing to the day before the person was found. */
function missingSpans(record: NominalChanged): Span<true>[] {
  const spans: Span<true>[] = [];
  let missingSince: string | null = null;
  for (const action of record.timeline.complianceActions) {
    if (action.kind === 'REPORTED_MISSING' && missingSince === null) missingSince = action.on;
    if (action.kind === 'FOUND' && missingSince !== null) {
      if (action.on > missingSince)
        spans.push({ from: missingSince, to: dayBefore(action.on), value: true });
      missingSince = null;
    }
  }
  if (missingSince !== null) spans.push({ from: missingSince, to: ongoing, value: true });
  return spans;
}

function boundariesOf(spanLists: readonly (readonly Span<unknown>[])[], end: string): string[] {
  const days = new Set<string>();
  for (const spans of spanLists) {
    for (const span of spans) {
      days.add(span.from);
      if (span.to !== ongoing) days.add(dayAfter(span.to));
    }
  }
  return [...days].filter((day) => day <= end).sort();
}

function sameState(a: Omit<PeriodRow, '_id' | 'from' | 'to'>, b: typeof a): boolean {
  return (Object.keys(a) as (keyof typeof a)[]).every((key) => a[key] === b[key]);
}

/**
 * The rows a record stands for in the read model: a pure function of the record's latest version,
 * so that a rebuild from the topics and the incremental path give the same rows. A merged record
 * has none (the survivor carries its history); an archived one none from the day it was archived.
 */
export function factRowsOf(record: NominalChanged): FactRows {
  if (record.status === 'MERGED') return { periods: [], events: [], orders: [] };
  const { nominalId, version } = record;
  const archivedOn = record.status === 'ARCHIVED' ? record.timeline.archivedOn : null;
  const lastDay = archivedOn ? dayBefore(archivedOn) : ongoing;
  const arrangements = arrangementSpans(record);
  const management = managementSpans(record);
  const custody = custodySpans(record);
  const notification = notificationSpans(record);
  const missing = missingSpans(record);

  const stateOn = (day: string): Omit<PeriodRow, '_id' | 'from' | 'to'> | null => {
    const arrangement = valueOn(arrangements, day);
    const rso = valueOn(notification, day) === true;
    const managed = valueOn(management, day) ?? management[0].value;
    const custodyType = valueOn(custody, day);
    return {
      nominalId,
      version,
      jurisdiction: managed.jurisdiction,
      area: managed.area,
      leadAgency: managed.leadAgency,
      arrangements: arrangement?.arrangements ?? null,
      category: arrangement?.category ?? null,
      level: arrangement?.level ?? null,
      ppaniRiskCategory: arrangement?.ppaniRiskCategory ?? null,
      inCustody: custodyType !== undefined,
      custodyType: custodyType ?? null,
      rso,
      missing: valueOn(missing, day) === true,
    };
  };

  const boundaries = boundariesOf(
    [arrangements, management, custody, notification, missing],
    lastDay,
  );
  const periods: PeriodRow[] = [];
  boundaries.forEach((from, index) => {
    const next = boundaries[index + 1];
    const to = next ? dayBefore(next) : lastDay;
    const state = stateOn(from);
    if (!state || (state.arrangements === null && !state.rso)) return;
    const previous = periods.at(-1);
    if (previous && previous.to === dayBefore(from) && sameState(previous, state)) {
      previous.to = to;
      return;
    }
    periods.push({ _id: `${nominalId}:${from}`, from, to, ...state });
  });

  const stateAt = (day: string): StateAt => {
    const state = stateOn(day);
    const managed = valueOn(management, day) ?? management[0].value;
    const inScope = state && (state.arrangements !== null || state.rso);
    return {
      jurisdiction: managed.jurisdiction,
      area: managed.area,
      arrangements: inScope ? state.arrangements : null,
      category: inScope ? state.category : null,
      level: inScope ? state.level : null,
      ppaniRiskCategory: inScope ? state.ppaniRiskCategory : null,
      rso: inScope ? state.rso : false,
    };
  };

  const events: EventRow[] = [];
  const addEvent = (
    kind: DatedEventKind,
    on: string,
    index: number,
    extra: Partial<Pick<EventRow, 'custodyType' | 'sentencedToCustody'>> = {},
  ): void => {
    if (on > lastDay) return;
    events.push({
      _id: `${nominalId}:${kind}:${on}:${index}`,
      nominalId,
      version,
      kind,
      on,
      custodyType: extra.custodyType ?? null,
      sentencedToCustody: extra.sentencedToCustody ?? false,
      ...stateAt(on),
    });
  };
  record.timeline.supervisionEvents.forEach((event, index) => {
    if (event.kind === 'BREACH') addEvent('SUPERVISION_BREACH', event.on, index);
    if (event.kind === 'RECALL') addEvent('RECALL', event.on, index);
  });
  record.timeline.custody.forEach((stay, index) =>
    addEvent('CUSTODY_ADMISSION', stay.from, index, { custodyType: stay.custodyType }),
  );
  record.timeline.complianceActions.forEach((action, index) =>
    addEvent(action.kind, action.on, index, { sentencedToCustody: action.sentencedToCustody }),
  );

  const orders: OrderRow[] = record.civilOrders
    .filter((order) => order.madeOn <= lastDay)
    .map((order) => {
      const managed = valueOn(management, order.madeOn) ?? management[0].value;
      const ends = order.dischargedOn
        ? dayBefore(order.dischargedOn)
        : (order.expiresOn ?? ongoing);
      return {
        _id: `${nominalId}:${order.orderId}`,
        nominalId,
        version,
        orderId: order.orderId,
        orderType: order.orderType,
        madeOn: order.madeOn,
        to: ends,
        foreignTravelRestricted: order.foreignTravelRestricted,
        jurisdiction: managed.jurisdiction,
        area: managed.area,
      };
    });

  return { periods, events, orders };
}
