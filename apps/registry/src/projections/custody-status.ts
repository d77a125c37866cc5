import type { CustodyStatus } from '@hub/contracts';
import type { CustodyEventItem, NominalContent } from '../nominals/nominal.documents';
import type { Derivation } from './derived-facts';
import {
  inEffectOn,
  inEffectOrder,
  nextEffectiveDay,
  sameDayContradiction,
  startOfDay,
} from './state-facts';

/** The custody state after one more custody fact, in effect order. */
export function custodyAfter(
  previous: CustodyStatus | null,
  fact: CustodyEventItem,
): CustodyStatus {
  const since = startOfDay(fact.effectiveOn);
  const base: CustodyStatus = previous ?? {
    state: 'IN_CUSTODY',
    establishment: fact.establishment,
    releaseDate: null,
    since,
    custodyType: null,
    licenceExpiryOn: null,
    sentenceExpiryOn: null,
  };
  const dates = {
    licenceExpiryOn: fact.licenceExpiryOn ?? base.licenceExpiryOn,
    sentenceExpiryOn: fact.sentenceExpiryOn ?? base.sentenceExpiryOn,
  };
  switch (fact.kind) {
    case 'ADMITTED':
      return {
        state: 'IN_CUSTODY',
        establishment: fact.establishment,
        releaseDate: null,
        since,
        custodyType: fact.custodyType,
        // A new admission is a new sentence or remand: the old sentence's dates do not carry over.
        licenceExpiryOn: fact.licenceExpiryOn,
        sentenceExpiryOn: fact.sentenceExpiryOn,
      };
    case 'SENTENCED':
      return { ...base, ...dates, custodyType: fact.custodyType ?? 'SENTENCED' };
    case 'RELEASE_DATE_SET':
      return { ...base, ...dates, releaseDate: fact.releaseDate };
    case 'RELEASED':
      return {
        ...base,
        ...dates,
        state: 'RELEASED',
        establishment: fact.establishment,
        releaseDate: fact.releaseDate ?? fact.effectiveOn,
        since,
        custodyType: null,
      };
    case 'ESTABLISHMENT_TRANSFERRED':
      return {
        ...base,
        ...dates,
        state: 'IN_CUSTODY',
        establishment: fact.establishment,
        since: base.state === 'IN_CUSTODY' ? base.since : since,
      };
    case 'TEMPORARY_RELEASE_STARTED':
      return { ...base, ...dates, state: 'ON_TEMPORARY_RELEASE', since };
    case 'UNLAWFULLY_AT_LARGE':
      return { ...base, ...dates, state: 'UNLAWFULLY_AT_LARGE', since };
    case 'TEMPORARY_RELEASE_ENDED':
    case 'RETURNED_TO_CUSTODY':
      return { ...base, ...dates, state: 'IN_CUSTODY', establishment: fact.establishment, since };
  }
}

/** The custody the facts come to, decided by the day each took effect. */
export function custodyOf(facts: readonly CustodyEventItem[]): CustodyStatus | null {
  return inEffectOrder(facts).reduce<CustodyStatus | null>(custodyAfter, null);
}

const said = (fact: CustodyEventItem): string =>
  `${fact.kind.replaceAll('_', ' ').toLowerCase()} (${fact.establishment})`;

export const custodyDerivation: Derivation = {
  derive: (content: NominalContent, today) => ({
    ...content,
    custody: custodyOf(inEffectOn(content.custodyEvents, today)),
  }),
  changesOn: (content, today) => nextEffectiveDay(content.custodyEvents, today),
  conflicts: (content, today) => {
    const ordered = inEffectOn(content.custodyEvents, today);
    const conflict = sameDayContradiction('custody', ordered, said);
    return conflict ? [conflict] : [];
  },
};
