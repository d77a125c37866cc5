// PLACEHOLDER written by the ingest engineer so the registry compiles; the queries helper owns this
// file and replaces it with the full declarative list.
import type { Db } from 'mongodb';

export async function ensureDatabaseIndexes(db: Db): Promise<void> {
  await db.collection('nominals').createIndexes([
    { key: { dateOfBirth: 1 } },
    { key: { 'search.identifierValues': 1 } },
    { key: { pendingPublication: 1 } },
  ]);
  await db.collection('parked_events').createIndexes([
    { key: { nominalId: 1, parkedAt: 1 } },
    { key: { expiresAt: 1 } },
  ]);
  await db.collection('nominal_history').createIndexes([{ key: { nominalId: 1, occurredAt: 1 } }]);
  await db.collection('duplicate_candidates').createIndexes([{ key: { status: 1, flaggedAt: 1 } }]);
}
