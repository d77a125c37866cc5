import type { DatedComplianceAction, DatedSupervisionEvent, RecordTimeline } from '@hub/contracts';
import type { NominalContent } from '../nominals/nominal.documents';
import { storedBeforeFactHistories } from '../nominals/record-upgrade';
import { arrangementsPeriodsOf } from './arrangements-periods';
import { londonDate } from './calendar';
import { civilOrderTypeOf } from './civil-orders';
import { custodyPeriodsOf } from './custody-periods';
import { managementPeriodsOf } from './management-periods';
import { inEffectOn } from './state-facts';

/**
 * The day the record was registered: its own registration's management fact, dated with the
 * registration's UK day (a merge brings the survivor the retired record's too, which the merge
 * ledger names). Unknown for a record written before it kept its facts.
 */
function registeredOnOf(record: NominalContent): string | null {
  const merged = new Set(record.merges.flatMap((merge) => merge.itemEventIds));
  const own = record.managementHistory.find(
    (item) =>
      item.initial === true &&
      !merged.has(item.eventId) &&
      item.producingSystem !== storedBeforeFactHistories,
  );
  return own?.effectiveOn ?? null;
}

/**
 * Breaches and recalls of the person's licence or order. A breach probation records against a civil
 * order is not supervision (supervision-status.ts), and the police record order breaches as
 * compliance actions; the same breach recorded on two merged records counts once.
 */
function supervisionEventsOf(record: NominalContent, today: string): DatedSupervisionEvent[] {
  const events: DatedSupervisionEvent[] = [];
  for (const fact of inEffectOn(record.supervisionEvents, today)) {
    if (fact.kind !== 'BREACH' && fact.kind !== 'RECALL') continue;
    if (civilOrderTypeOf(fact.orderType) !== null) continue;
    if (events.some((kept) => kept.kind === fact.kind && kept.on === fact.effectiveOn)) continue;
    events.push({ kind: fact.kind, on: fact.effectiveOn });
  }
  return events;
}

function complianceActionsOf(record: NominalContent): DatedComplianceAction[] {
  return [...record.complianceActions]
    .sort(
      (a, b) =>
        a.occurredOn.localeCompare(b.occurredOn) ||
        a.occurredAt.getTime() - b.occurredAt.getTime() ||
        a.eventId.localeCompare(b.eventId),
    )
    .map(({ kind, occurredOn, sentencedToCustody }) => ({
      kind,
      on: occurredOn,
      sentencedToCustody,
    }));
}

/**
 * The record's history as management information counts it, from every fact the record holds
 * (a merged record's included) in the order the facts took effect. The periods take the facts in
 * effect by `today`, the day the record was derived, as its current states do: a fact dated ahead
 * waits for its day, on which the registry derives and publishes the record again. Compliance
 * actions are things that happened, each kept as the police dated it.
 */
export function recordTimelineOf(record: NominalContent, today: string): RecordTimeline {
  return {
    registeredOn: registeredOnOf(record),
    arrangements: arrangementsPeriodsOf(inEffectOn(record.arrangementsHistory, today)),
    management: managementPeriodsOf(inEffectOn(record.managementHistory, today)),
    custody: custodyPeriodsOf(inEffectOn(record.custodyEvents, today)),
    supervisionEvents: supervisionEventsOf(record, today),
    complianceActions: complianceActionsOf(record),
    archivedOn:
      record.status === 'ARCHIVED' && record.archive !== null
        ? londonDate(record.archive.archivedAt)
        : null,
  };
}
