import type { Collection, Db } from 'mongodb';
import { pageOf } from '@hub/persistence';

/**
 * The steps of a removal, in the order they run. Each can be run again (a removal interrupted
 * anywhere resumes at its first step not recorded as done):
 * - `data-key`: the person's data key is destroyed first: from then on every encrypted copy of
 *   their sensitive content, anywhere (backups included), is unreadable, however the rest goes;
 * - `record`: the records (the person's and those merged into it), search keys and due days;
 * - `history`: the timeline;
 * - `side-data`: duplicate candidates, parked events, reviews;
 * - `tombstone`: a tombstone for each key on the changed-record topic (compaction deletes the rest);
 * - `announcement`: `registry.nominal.removed.v1`, for every agency's consumer to delete its copy;
 * - `certificate`: the removal certificate in the audit chain.
 */
export const removalSteps = [
  'data-key',
  'record',
  'history',
  'side-data',
  'tombstone',
  'announcement',
  'certificate',
] as const;

export type RemovalStep = (typeof removalSteps)[number];

/** Who decided, as the audit chain names a caller (no personal data of the person removed). */
export interface RemovalDecider {
  subject: string;
  username: string;
  organisationId: string;
  roles: string[];
  clientId: string;
}

/**
 * A removal, in `record_removals`: kept for good as the certificate's source and as the mark that
 * makes the registry refuse every later event about the person. No personal data: ids, the
 * decision and its reason.
 */
export interface RecordRemovalDocument {
  /** The person's nominal id. */
  _id: string;
  /** Records merged into this one, removed with it. */
  alsoRemoved: string[];
  /** The retention review whose decision ordered it. */
  decisionId: string;
  decidedBy: RemovalDecider;
  decidedAt: Date;
  reason: string;
  status: 'IN_PROGRESS' | 'COMPLETED';
  stepsDone: RemovalStep[];
  completedAt: Date | null;
}

/** The removal certificate, as the API shows it. */
export type RemovalCertificate = Omit<RecordRemovalDocument, '_id'> & { nominalId: string };

export function certificateOf({ _id, ...removal }: RecordRemovalDocument): RemovalCertificate {
  return { nominalId: _id, ...removal };
}

/** The removals, and which nominal ids they made gone. */
export class RecordRemovals {
  readonly collection: Collection<RecordRemovalDocument>;

  constructor(db: Db) {
    this.collection = db.collection<RecordRemovalDocument>('record_removals');
  }

  /** Records the decision; an existing removal of the person is returned as it is. */
  async begin(
    removal: Omit<RecordRemovalDocument, 'status' | 'stepsDone' | 'completedAt'>,
  ): Promise<RecordRemovalDocument> {
    await this.collection.updateOne(
      { _id: removal._id },
      { $setOnInsert: { ...removal, status: 'IN_PROGRESS', stepsDone: [], completedAt: null } },
      { upsert: true },
    );
    return (await this.collection.findOne({ _id: removal._id }))!;
  }

  async markDone(nominalId: string, step: RemovalStep): Promise<void> {
    await this.collection.updateOne({ _id: nominalId }, { $addToSet: { stepsDone: step } });
  }

  async complete(nominalId: string, at: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: nominalId },
      { $set: { status: 'COMPLETED', completedAt: at } },
    );
  }

  async list(
    status: RecordRemovalDocument['status'] | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: RecordRemovalDocument[]; total: number }> {
    const filter = status ? { status } : {};
    return pageOf(this.collection, filter, { decidedAt: -1, _id: 1 }, page, pageSize);
  }

  inProgress(): Promise<RecordRemovalDocument[]> {
    return this.collection.find({ status: 'IN_PROGRESS' }).toArray();
  }

  /** The removal that made `nominalId` gone (its own, or that of the record it was merged into). */
  of(nominalId: string): Promise<RecordRemovalDocument | null> {
    return this.collection.findOne({ $or: [{ _id: nominalId }, { alsoRemoved: nominalId }] });
  }

  /** Which of `ids` were removed (one query; callers ask only about ids they found no record for). */
  async removedAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const removals = await this.collection
      .find(
        { $or: [{ _id: { $in: [...ids] } }, { alsoRemoved: { $in: [...ids] } }] },
        { projection: { _id: 1, alsoRemoved: 1 } },
      )
      .toArray();
    const asked = new Set(ids);
    return new Set(
      removals
        .flatMap((removal) => [removal._id, ...removal.alsoRemoved])
        .filter((id) => asked.has(id)),
    );
  }
}
