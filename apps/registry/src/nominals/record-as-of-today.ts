import { londonDate } from '../projections/calendar';
import { withDerivedFacts } from '../projections/derived-facts';
import type { NominalContent } from './nominal.documents';
import {
  upgradedContent,
  withFieldsAddedSinceFactHistories,
  writtenBeforeFactHistories,
} from './record-upgrade';

/**
 * A stored record as readers should see it: one written before the record kept the facts behind
 * its current states is upgraded and derived for today, as its next write will store it; any
 * other is returned as stored, with the fields added since (read as their defaults).
 */
export function recordAsOfToday<T extends Partial<NominalContent> & { _id: string }>(
  record: T,
  now: Date = new Date(),
): T {
  if (!writtenBeforeFactHistories(record)) return withFieldsAddedSinceFactHistories(record);
  return {
    ...record,
    ...withDerivedFacts(upgradedContent(record, record._id), londonDate(now)),
  };
}
