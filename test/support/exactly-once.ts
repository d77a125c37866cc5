import type { Db } from 'mongodb';

interface HistoryEntry {
  _id: string;
  nominalId: string;
}

interface RecordEntry {
  _id: string;
  version: number;
  intelligence: { eventId: string }[];
}

/** How many of `people`'s events the registry's history holds. */
export function historyCount(db: Db, people: string[]): Promise<number> {
  return db
    .collection<HistoryEntry>('nominal_history')
    .countDocuments({ nominalId: { $in: people } });
}

/**
 * Compares what the registry holds with what was published, per nominal: the history and the record
 * must each contain every published event id exactly once, and the version must count them.
 */
export async function recordsVersusPublished(db: Db, published: Map<string, string[]>) {
  const people = [...published.keys()];
  const entries = await db
    .collection<HistoryEntry>('nominal_history')
    .find({ nominalId: { $in: people } }, { projection: { nominalId: 1 } })
    .toArray();
  const records = await db
    .collection<RecordEntry>('nominals')
    .find({ _id: { $in: people } })
    .toArray();
  const actual = records.map((record) => ({
    nominal: record._id,
    history: entries
      .filter((entry) => entry.nominalId === record._id)
      .map((entry) => entry._id)
      .sort(),
    record: record.intelligence.map((item) => item.eventId).sort(),
    version: record.version,
  }));
  const expected = records.map((record) => {
    const sent = [...(published.get(record._id) ?? [])].sort();
    return { nominal: record._id, history: sent, record: sent, version: sent.length };
  });
  return { recordCount: records.length, actual, expected };
}
