import type { EventMetadata, EventOf, EventTopicName } from '@hub/contracts';
import { PermanentEventError } from '@hub/messaging';
import type { NominalContent } from '../nominals/nominal.documents';

/** The event arrived before the nominal it is about was registered: it waits (is parked) for it. */
export class NominalNotRegisteredError extends Error {
  override name = 'NominalNotRegisteredError';

  constructor(readonly nominalId: string) {
    super(`nominal ${nominalId} is not registered (yet)`);
  }
}

/** The record was merged into another one: the event belongs to that record now. */
export class NominalMergedError extends Error {
  override name = 'NominalMergedError';

  constructor(
    readonly nominalId: string,
    readonly mergedInto: string,
  ) {
    super(`nominal ${nominalId} was merged into ${mergedInto}`);
  }
}

/** A fact that cannot apply to the record as it is (a second registration, a merge into itself). */
export class InapplicableEventError extends PermanentEventError {
  override name = 'InapplicableEventError';
}

/**
 * The person was removed after a retention decision: nothing about them is applied again (a late
 * or replayed event cannot bring the record back). Dead-lettered with this reason.
 */
export class NominalRemovedError extends PermanentEventError {
  override name = 'NominalRemovedError';

  constructor(readonly nominalId: string) {
    super(
      `nominal ${nominalId} was removed from the hub after a retention decision: events about the person are not applied`,
    );
  }
}

/** How one event type changes the canonical record. Pure: the store does the writing. */
export interface Projection<E extends RecordFact> {
  /** The event type as the timeline names it (the schema's record name). */
  eventType: string;
  /**
   * The record after the event. `current` is null when the nominal has no record: only a
   * registration may create one; other projections throw NominalNotRegisteredError.
   */
  project(current: NominalContent | null, event: E): NominalContent;
  /** One line for the timeline. */
  summary(event: E): string;
}

/**
 * The topics whose events build the canonical record: all but its own outputs (records, audit,
 * reviews raised, removals) and the transfer coordinator's deadlines and victim liaison notices, which
 * change nothing in it.
 */
export type RecordEventTopic = Exclude<
  EventTopicName,
  | 'registry.nominal.changed.v1'
  | 'registry.access.audited.v1'
  | 'registry.nominal.review-raised.v1'
  | 'registry.nominal.removed.v1'
  | 'transfer.step.overdue.v1'
  | 'transfer.victim-liaison.notified.v1'
>;

/** A fact about one nominal, as every record event is. */
export type RecordFact = { metadata: EventMetadata; nominalId: string };

export type ProjectionOf<T extends RecordEventTopic> = Projection<Extract<EventOf<T>, RecordFact>>;

/**
 * The record an update applies to. The event waits if the nominal is not registered yet, and goes
 * to the surviving record if this one was merged into it.
 */
export function existing(current: NominalContent | null, nominalId: string): NominalContent {
  if (current === null) throw new NominalNotRegisteredError(nominalId);
  if (current.status === 'MERGED' && current.mergedInto !== null) {
    throw new NominalMergedError(nominalId, current.mergedInto);
  }
  return current;
}

/** The person's name as a practitioner writes it: given names, then the family name in capitals. */
export function displayName(name: { givenNames: string[]; familyName: string }): string {
  return [...name.givenNames, name.familyName.toUpperCase()].join(' ');
}
