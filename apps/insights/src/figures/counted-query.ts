import type { Collection, Document } from 'mongodb';

/** The counts of one aggregation by the values of its group fields, and the query as run. */
export interface Counted {
  /** Keyed by the group fields' values joined with "|" (null as "null"). */
  counts: Map<string, number>;
  /** The collection and pipeline, as a reviewer would run them again (`db.<collection>.aggregate`). */
  query: string;
}

/** What the read model's grouped fields hold. */
type GroupValue = string | number | boolean | null | undefined;

export function keyOf(values: readonly GroupValue[]): string {
  return values.map((value) => String(value ?? null)).join('|');
}

/**
 * Counts the documents matching `match` by `groupBy` fields; `distinct` counts distinct values of
 * that field instead of documents (a person with two events counts once).
 */
export async function countedBy<T extends Document>(
  collection: Collection<T>,
  match: Document,
  groupBy: readonly string[],
  distinct?: string,
): Promise<Counted> {
  const group = Object.fromEntries(groupBy.map((field) => [field, `$${field}`]));
  const pipeline: Document[] = distinct
    ? [
        { $match: match },
        { $group: { _id: { ...group, [distinct]: `$${distinct}` } } },
        {
          $group: {
            _id: Object.fromEntries(groupBy.map((field) => [field, `$_id.${field}`])),
            count: { $sum: 1 },
          },
        },
      ]
    : [{ $match: match }, { $group: { _id: group, count: { $sum: 1 } } }];
  const rows = await collection
    .aggregate<{ _id: Record<string, GroupValue>; count: number }>(pipeline)
    .toArray();
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(groupBy.map((field) => row._id[field]));
    counts.set(key, (counts.get(key) ?? 0) + row.count);
  }
  return {
    counts,
    query: `db.${collection.collectionName}.aggregate(${JSON.stringify(pipeline, null, 2)})`,
  };
}

/** The periods covering `day`: each person at most once. */
export function coveringDay(day: string): Document {
  return { from: { $lte: day }, to: { $gte: day } };
}

/** Dated rows (`field`) within the period, first and last day included. */
export function within(field: string, period: { from: string; to: string }): Document {
  return { [field]: { $gte: period.from, $lte: period.to } };
}
