import type { Collection, Document, Filter, Sort, WithId } from 'mongodb';

/** One page of what `filter` finds in `sort` order, and how many it finds in all (in parallel). */
export async function pageOf<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  sort: Sort,
  page: number,
  pageSize: number,
): Promise<{ items: WithId<T>[]; total: number }> {
  const [items, total] = await Promise.all([
    collection
      .find(filter)
      .sort(sort)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .toArray(),
    collection.countDocuments(filter),
  ]);
  return { items, total };
}
