import type { SupervisionStatus } from '@hub/contracts';
import type { NominalContent, SupervisionEventItem } from '../nominals/nominal.documents';
import { civilOrderTypeOf } from './civil-orders';
import type { Derivation } from './derived-facts';
import {
  inEffectOn,
  inEffectOrder,
  nextEffectiveDay,
  sameDayContradiction,
  startOfDay,
} from './state-facts';

/** One running order or licence, and what happened under it. */
interface Running {
  orderType: string | null;
  since: string;
  recalledOn: string | null;
  breaches: number;
}

/**
 * A licence and a community order are separate tracks: a person can be on both, an order ending
 * does not end a licence, and breaches count under the order or licence they were recorded against
 * (a new one starts from none). A civil order (SHPO, SRO...) is not supervision at all: it is kept
 * with the civil orders and never replaces a licence.
 */
export function supervisionOf(facts: readonly SupervisionEventItem[]): SupervisionStatus | null {
  let licence: Running | null = null;
  let order: Running | null = null;
  let ended: { orderType: string | null; on: string } | null = null;
  let seen = false;
  for (const fact of inEffectOrder(facts)) {
    if (civilOrderTypeOf(fact.orderType) !== null) continue;
    seen = true;
    const start = {
      orderType: fact.orderType,
      since: fact.effectiveOn,
      recalledOn: null,
      breaches: 0,
    };
    switch (fact.kind) {
      case 'LICENCE_STARTED':
        licence = start;
        break;
      case 'ORDER_STARTED':
        order = start;
        break;
      case 'LICENCE_ENDED':
        if (licence) ended = { orderType: licence.orderType, on: fact.effectiveOn };
        licence = null;
        break;
      case 'ORDER_ENDED':
        if (order) ended = { orderType: order.orderType, on: fact.effectiveOn };
        order = null;
        break;
      case 'RECALL':
        // A recall is a recall of a licence; with none known, the person is recalled all the same.
        licence = {
          ...(licence ?? { ...start, since: fact.effectiveOn }),
          recalledOn: fact.effectiveOn,
        };
        break;
      case 'BREACH': {
        const under = licence ?? order;
        if (under) under.breaches += 1;
        else order = { ...start, breaches: 1 };
        break;
      }
    }
  }
  if (!seen) return null;
  if (licence) {
    return {
      state: licence.recalledOn ? 'RECALLED' : 'ON_LICENCE',
      orderType: licence.orderType,
      since: startOfDay(licence.recalledOn ?? licence.since),
      breachCount: licence.breaches,
    };
  }
  if (order) {
    return {
      state: 'ON_ORDER',
      orderType: order.orderType,
      since: startOfDay(order.since),
      breachCount: order.breaches,
    };
  }
  return {
    state: 'ENDED',
    orderType: ended?.orderType ?? null,
    since: startOfDay(ended?.on ?? inEffectOrder(facts).at(-1)!.effectiveOn),
    breachCount: 0,
  };
}

const said = (fact: SupervisionEventItem): string =>
  `${fact.kind.replaceAll('_', ' ').toLowerCase()}${fact.orderType ? ` (${fact.orderType})` : ''}`;

export const supervisionDerivation: Derivation = {
  derive: (content: NominalContent, today) => ({
    ...content,
    supervision: supervisionOf(inEffectOn(content.supervisionEvents, today)),
  }),
  changesOn: (content, today) => nextEffectiveDay(content.supervisionEvents, today),
  conflicts: (content, today) => {
    const facts = content.supervisionEvents.filter((f) => civilOrderTypeOf(f.orderType) === null);
    const conflict = sameDayContradiction('supervision', inEffectOn(facts, today), said);
    return conflict ? [conflict] : [];
  },
};
