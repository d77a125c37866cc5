import type {
  Agency,
  ComplianceActionKind,
  EventMetadata,
  EventOf,
  MappaLevel,
  PpaniRiskCategory,
} from '@hub/contracts';
import { syntheticPrisonNumber } from './identifiers';
import type { Rng } from './prng';
import type { SyntheticEvent, SyntheticTopic } from './synthetic-history';
import type { SyntheticPerson } from './synthetic-person';

/** What the later years need of the writer of a person's history (its clock and its events). */
export interface LaterYearsWriter {
  readonly person: SyntheticPerson;
  readonly events: readonly SyntheticEvent[];
  readonly today: string;
  dayAfter(days: number): string;
  within(minDays: number, maxDays: number): boolean;
  metadata(topic: SyntheticTopic, agency: Agency): EventMetadata;
  emit<T extends SyntheticTopic>(topic: T, value: EventOf<T>): void;
}

/** Where the person's story left them. */
export interface StoryEnd {
  /** Subject to the notification requirements (a registered sex offender). */
  registered: boolean;
  inCustody: boolean;
  /** Has a home the police know of (compliance actions are about people in the community). */
  housed: boolean;
  /** The civil order the person is under, if any. */
  civilOrderId: string | null;
  prisons: readonly string[];
}

/**
 * Chances for the later years, per person (of those they can happen to). Roughly the shares the
 * MAPPA annual reports give: a few in a hundred registered offenders go missing in a year, more are
 * cautioned or convicted for failing to notify, order breaches lead to custody more often than not.
 */
export const laterYearsRates = {
  levelChange: 0.08,
  levelChangeReversed: 0.5,
  reviewKeepingLevel: 0.03,
  reportedMissing: 0.06,
  foundAgain: 0.9,
  notificationBreach: 0.08,
  notificationBreachCautioned: 0.35,
  notificationBreachCustody: 0.25,
  orderBreach: 0.15,
  orderBreachCustody: 0.45,
} as const;

const higherOrLower: Readonly<Record<MappaLevel, readonly MappaLevel[]>> = {
  LEVEL_1: ['LEVEL_2', 'LEVEL_2', 'LEVEL_2', 'LEVEL_3'],
  LEVEL_2: ['LEVEL_1', 'LEVEL_1', 'LEVEL_3'],
  LEVEL_3: ['LEVEL_2'],
};

const ppaniOf: Readonly<Record<MappaLevel, PpaniRiskCategory>> = {
  LEVEL_1: 'CATEGORY_1',
  LEVEL_2: 'CATEGORY_2',
  LEVEL_3: 'CATEGORY_3',
};

/**
 * The person's arrangements decided again at `level`: the last decision's terms, another level (or
 * PPANI risk category), effective today.
 */
function decideLevel(w: LaterYearsWriter, level: MappaLevel, reason: string): void {
  const decisions = w.events.filter(
    ({ topic }) =>
      topic === 'mappa.category-level.set.v1' || topic === 'mappa.ppani-risk-category.set.v1',
  );
  const last = decisions.at(-1);
  if (last?.topic === 'mappa.category-level.set.v1') {
    const topic = 'mappa.category-level.set.v1';
    w.emit(topic, {
      ...last.value,
      metadata: w.metadata(topic, w.person.leadAgency),
      level,
      reason: `${reason} (synthetic)`,
      reviewOn: w.dayAfter(level === 'LEVEL_1' ? 365 : 112),
      effectiveOn: w.today,
    });
  } else if (last?.topic === 'mappa.ppani-risk-category.set.v1') {
    const topic = 'mappa.ppani-risk-category.set.v1';
    w.emit(topic, {
      ...last.value,
      metadata: w.metadata(topic, w.person.leadAgency),
      riskCategory: ppaniOf[level],
      reason: `${reason} (synthetic)`,
      reviewOn: w.dayAfter(level === 'LEVEL_1' ? 365 : 112),
      effectiveOn: w.today,
    });
  }
}

/** Reviews of the level: some people move up (or down) a level for a while, most are kept. */
function levelReviews(w: LaterYearsWriter, rng: Rng): void {
  const { person } = w;
  const left = w.events.some(({ topic }) => topic === 'mappa.arrangements.left.v1');
  if (left) return;
  if (rng.chance(laterYearsRates.reviewKeepingLevel) && w.within(300, 400)) {
    decideLevel(w, person.level, 'Annual review: level kept');
  }
  if (rng.chance(laterYearsRates.levelChange) && w.within(60, 700)) {
    decideLevel(w, rng.pick(higherOrLower[person.level]), 'Risk reviewed: level changed');
    if (rng.chance(laterYearsRates.levelChangeReversed) && w.within(60, 400)) {
      decideLevel(w, person.level, 'Risk reviewed: back to the former level');
    }
  }
}

class ComplianceActions {
  private count = 0;

  constructor(
    private readonly w: LaterYearsWriter,
    private readonly end: StoryEnd,
  ) {}

  record(
    kind: ComplianceActionKind,
    extra: { orderId?: string; sentencedToCustody?: boolean; details: string },
  ): void {
    const { w } = this;
    this.count += 1;
    const topic = 'police.compliance-action.recorded.v1';
    w.emit(topic, {
      metadata: w.metadata(topic, 'POLICE'),
      nominalId: w.person.nominalId,
      actionId: `CA-SYN-${w.person.serial}-${this.count}`,
      kind,
      occurredOn: w.today,
      orderId: extra.orderId ?? null,
      sentencedToCustody: extra.sentencedToCustody ?? false,
      details: extra.details,
    });
  }

  /** A sentence for a breach: the prison admits the person, and releases them if time allows. */
  sentenced(rng: Rng): void {
    const { w } = this;
    const establishment = rng.pick(this.end.prisons);
    const custody = (kind: 'ADMITTED' | 'RELEASED'): void => {
      const topic = 'prison.custody-event.recorded.v1';
      w.emit(topic, {
        metadata: w.metadata(topic, 'PRISON'),
        nominalId: w.person.nominalId,
        kind,
        establishment,
        previousEstablishment: null,
        releaseDate: kind === 'RELEASED' ? w.today : null,
        releaseType: kind === 'RELEASED' ? 'SENTENCE_EXPIRY' : null,
        prisonNumber: syntheticPrisonNumber(w.person.serial),
        effectiveOn: w.today,
        custodyType: kind === 'ADMITTED' ? 'SENTENCED' : null,
        licenceExpiryOn: null,
        sentenceExpiryOn: null,
      });
    };
    if (!w.within(0.01, 1)) return;
    custody('ADMITTED');
    if (w.within(60, 360)) custody('RELEASED');
  }
}

/**
 * What the police record about a registered offender's compliance: some go missing and are found,
 * some are cautioned or convicted for failing to notify, some under an order breach it; a
 * conviction sends some to prison, after which nothing more happens in their history.
 */
function complianceActions(w: LaterYearsWriter, rng: Rng, end: StoryEnd): void {
  if (!end.registered || end.inCustody || !end.housed) return;
  const actions = new ComplianceActions(w, end);
  const rates = laterYearsRates;
  if (rng.chance(rates.reportedMissing) && w.within(30, 600)) {
    actions.record('REPORTED_MISSING', { details: 'Not at the notified address (synthetic).' });
    if (rng.chance(rates.foundAgain) && w.within(1, 60)) {
      actions.record('FOUND', { details: 'Located and home address confirmed (synthetic).' });
    } else {
      return;
    }
  }
  if (rng.chance(rates.notificationBreach) && w.within(30, 600)) {
    if (rng.chance(rates.notificationBreachCautioned)) {
      actions.record('NOTIFICATION_BREACH_CAUTIONED', {
        details: 'Failed to notify a change of address in time (synthetic).',
      });
    } else {
      const custody = rng.chance(rates.notificationBreachCustody);
      actions.record('NOTIFICATION_BREACH_CONVICTED', {
        sentencedToCustody: custody,
        details: 'Convicted under s91 for failing to notify (synthetic).',
      });
      if (custody) return actions.sentenced(rng);
    }
  }
  if (end.civilOrderId !== null && rng.chance(rates.orderBreach) && w.within(30, 600)) {
    const custody = rng.chance(rates.orderBreachCustody);
    actions.record('ORDER_BREACH_CONVICTED', {
      orderId: end.civilOrderId,
      sentencedToCustody: custody,
      details: 'Convicted of breaching a prohibition of the order (synthetic).',
    });
    if (custody) actions.sentenced(rng);
  }
}

/**
 * The years after the person's story: reviews of their level, and the police's compliance
 * actions. Drawn from `rng`, a generator of their own, so that the story before stays as it was.
 */
export function laterYears(w: LaterYearsWriter, rng: Rng, end: StoryEnd): void {
  levelReviews(w, rng);
  complianceActions(w, rng, end);
}
