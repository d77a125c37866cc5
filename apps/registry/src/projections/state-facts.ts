import type { EventMetadata } from '@hub/contracts';
import type { RecordConflict } from '@hub/contracts';
import type { StateFact } from '../nominals/nominal.documents';
import { londonDate } from './calendar';
import { provenance } from './record-items';

/** The provenance of a state fact, with the day it took effect (the event's, else its UK day). */
export function stateFact(metadata: EventMetadata, effectiveOn: string | null): StateFact {
  return {
    ...provenance(metadata),
    producingSystem: metadata.producingSystem,
    effectiveOn: effectiveOn ?? londonDate(metadata.occurredAt),
  };
}

/**
 * The order facts take effect in: by the day, then (a correction the same day) by when the
 * producer recorded it, then by event id so that every replica decides the same way.
 */
export function inEffectOrder<T extends StateFact>(facts: readonly T[]): T[] {
  return [...facts].sort(
    (a, b) =>
      a.effectiveOn.localeCompare(b.effectiveOn) ||
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      a.eventId.localeCompare(b.eventId),
  );
}

/**
 * The facts in effect on `today`: a fact dated ahead (an order ending next month, a licence
 * starting on next week's release) waits for its day, on which the record is derived again.
 */
export function inEffectOn<T extends StateFact>(facts: readonly T[], today: string): T[] {
  return inEffectOrder(facts.filter((fact) => fact.effectiveOn <= today));
}

/** The first day after `today` on which one of the facts takes effect, if any. */
export function nextEffectiveDay(facts: readonly StateFact[], today: string): string | null {
  let next: string | null = null;
  for (const { effectiveOn } of facts) {
    if (effectiveOn > today && (next === null || effectiveOn < next)) next = effectiveOn;
  }
  return next;
}

/** `items` with `item` added, unless an item of the same event is there already (a redelivery). */
export function withFact<T extends { eventId: string }>(items: T[], item: T): T[] {
  return items.some((kept) => kept.eventId === item.eventId) ? items : [...items, item];
}

/** The moment a state began, for the `since` timestamps of the published record. */
export function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * A contradiction no rule can decide: among the facts taking effect on the last day, two systems
 * said different things (one system saying two things the same day is a correction, and the later
 * wins). `say` puts what a fact says in words; facts that say the same agree.
 */
export function sameDayContradiction<T extends StateFact>(
  field: string,
  ordered: readonly T[],
  say: (fact: T) => string,
): RecordConflict | null {
  const last = ordered.at(-1);
  if (!last) return null;
  const sameDay = ordered.filter((fact) => fact.effectiveOn === last.effectiveOn);
  // What each system said last that day.
  const bySystem = new Map<string, T>();
  for (const fact of sameDay) bySystem.set(fact.producingSystem, fact);
  const said = new Set([...bySystem.values()].map(say));
  if (said.size < 2) return null;
  const facts = [...bySystem.values()];
  return {
    field,
    description:
      `on ${last.effectiveOn} ` +
      facts
        .map((fact) => `${fact.producingSystem} (${fact.recordedBy}) said ${say(fact)}`)
        .join(', ') +
      `; the record shows the last recorded, ${say(last)}, until a person records the right one`,
    eventIds: facts.map((fact) => fact.eventId),
  };
}
