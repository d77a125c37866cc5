import type {
  CivilOrderEventKind,
  CivilOrderType,
  Jurisdiction,
  NotificationDisposal,
  NotificationRequirementBasis,
  NotificationReviewOutcome,
  RsoNotificationKind,
} from '@hub/contracts';
import type { Provenance } from './nominal.documents';

/** The notification period the hub works out for one requirement (Sexual Offences Act 2003 s82). */
export interface NotificationPeriod {
  indefinite: boolean;
  /** A fixed period in months, halved for an under-18 (so possibly a half month); null when indefinite. */
  months: number | null;
  /** Under 18 on the relevant date: a fixed period is halved (s82(2)). */
  underEighteen: boolean;
  startsOn: string;
  /** The last day subject; null when indefinite (until discharged on review). */
  endsOn: string | null;
  /** For an indefinite requirement, the first day an application for review may be made (s91B). */
  reviewableFrom: string | null;
  /** The row of the s82 table (or the review) that decided it, for a reader to check. */
  rule: string;
}

/** The facts that make a person subject to the notification requirements, and what the hub derives. */
export interface NotificationRequirementItem extends Provenance {
  requirementId: string;
  basis: NotificationRequirementBasis;
  relevantDate: string;
  disposal: NotificationDisposal;
  termMonths: number | null;
  underEighteenOnRelevantDate: boolean | null;
  jurisdiction: Jurisdiction;
  releasedOn: string | null;
  details: string | null;
  /** When the facts above were published: a re-sent requirement replaces them only if newer. */
  factsAsOf: Date;
  /** Every review determination, oldest first. */
  reviews: { determinedOn: string; outcome: NotificationReviewOutcome; eventId: string }[];
  /** Derived; null when the facts do not decide it (imprisonment without its term). */
  period: NotificationPeriod | null;
}

/** Whether the person is subject to the notification requirements, over every requirement and order. */
export interface NotificationStatus {
  /** Subject on the day the record was last derived. */
  subject: boolean;
  startsOn: string | null;
  indefinite: boolean;
  /** The last day subject; null when indefinite or undecided. */
  endsOn: string | null;
  reviewableFrom: string | null;
  /** Civil orders in force that keep or make the person subject while they have effect (s103G). */
  civilOrderIds: string[];
}

/** A notification owed and not made, as far as the hub knows. */
export interface OverdueNotification {
  kind: RsoNotificationKind;
  dueBy: string;
  rule: string;
}

/** One making, variation, renewal or discharge of a civil order. */
export interface CivilOrderChange {
  kind: CivilOrderEventKind;
  effectiveOn: string;
  eventId: string;
  /** What the change said of foreign travel; absent on changes recorded before it was said. */
  foreignTravelRestricted?: boolean;
}

/** A civil order about sexual harm, as it stands after its last change. */
export interface CivilOrderItem extends Provenance {
  orderId: string;
  orderType: CivilOrderType;
  jurisdiction: Jurisdiction;
  madeOn: string;
  servedOn: string | null;
  /** The last day it has effect; null until further order. */
  expiresOn: string | null;
  prohibitions: string[];
  court: string | null;
  details: string | null;
  /** The effective day of the change the terms above come from: an older change does not replace them. */
  termsAsOf: string;
  dischargedOn: string | null;
  /**
   * The order prohibits or restricts travel outside the UK, as its latest making, variation or
   * renewal said. Absent on orders recorded before the police said (read as false).
   */
  foreignTravelRestricted?: boolean;
  /** Every change, in the order they took effect. */
  changes: CivilOrderChange[];
  /** Derived: has effect on the day the record was last derived. */
  inForce: boolean;
}
