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
 * Compares what the registry holds with what was published, per nominal: the history must contain
 * the registration and every published event id exactly once, the record every intelligence event
 * once, and the version must count them all.
 */
export async function recordsVersusPublished(
  db: Db,
  published: Map<string, string[]>,
  registrations: Map<string, string>,
) {
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
    const registration = registrations.get(record._id);
    const history = [...sent, ...(registration ? [registration] : [])].sort();
    return { nominal: record._id, history, record: sent, version: history.length };
  });
  return { recordCount: records.length, actual, expected };
}
