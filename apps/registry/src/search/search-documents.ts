import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError, retryOnceOnDuplicateKey } from '@hub/persistence';
import type { NominalDocument } from '../nominals/nominal.documents';
import { searchCollection, searchDocumentOf, type NominalSearchDocument } from './search-document';
import { identifierValuesOf, searchKeysVersion } from './search-keys';

export interface SearchDocumentsLogger {
  info(entry: object, message: string): void;
}

interface KeysCheckpoint {
  _id: string;
  keysVersion: number;
}

const checkpointId = 'search-documents';
const rebuildPageSize = 1_000;

/** The search read model (`nominal_search`): written by the ingest, read by the search API. */
export class SearchDocuments {
  readonly documents: Collection<NominalSearchDocument>;
  private readonly checkpoints: Collection<KeysCheckpoint>;

  constructor(
    db: Db,
    private readonly nominals: Collection<NominalDocument>,
  ) {
    this.documents = db.collection<NominalSearchDocument>(searchCollection);
    this.checkpoints = db.collection<KeysCheckpoint>('registry_checkpoints');
  }

  /**
   * Writes search documents in one bulk, each only over an older version of itself: a writer that
   * lost a race (another instance, a redelivery) never puts back an older state.
   */
  write(documents: NominalSearchDocument[]): Promise<void> {
    return this.writeOver(documents, '$lt');
  }

  private async writeOver(
    documents: NominalSearchDocument[],
    older: '$lt' | '$lte',
  ): Promise<void> {
    if (documents.length === 0) return;
    try {
      await this.documents.bulkWrite(
        documents.map((document) => ({
          replaceOne: {
            filter: { _id: document._id, version: { [older]: document.version } },
            replacement: document,
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (error) {
      // The upsert of a document whose stored version is newer collides on its id: it stays.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /**
   * Re-keys records whose duplicate-matching keys (`search.identifierValues` on the record) were
   * made by an earlier version of the keys, each only at the version read: a record written
   * meanwhile was keyed the current way by its writer.
   */
  private async rekeyRecords(records: NominalDocument[]): Promise<void> {
    const stale = records
      .map((record) => ({ record, keys: identifierValuesOf(record.identifiers) }))
      .filter(
        ({ record, keys }) =>
          JSON.stringify(keys) !== JSON.stringify(record.search?.identifierValues ?? []),
      );
    if (stale.length === 0) return;
    await this.nominals.bulkWrite(
      stale.map(({ record, keys }) => ({
        updateOne: {
          filter: { _id: record._id, version: record.version },
          update: { $set: { 'search.identifierValues': keys } },
        },
      })),
      { ordered: false },
    );
  }

  /**
   * Remakes every search document when the keys are made differently than when they were written
   * (or were never written: records from before the read model), a page at a time, with progress;
   * and the records' own matching keys, made the same way.
   */
  async rebuildIfOutdated(logger: SearchDocumentsLogger): Promise<void> {
    const checkpoint = await this.checkpoints.findOne({ _id: checkpointId });
    if (checkpoint?.keysVersion === searchKeysVersion) return;
    const total = await this.nominals.estimatedDocumentCount();
    logger.info(
      { records: total, keysVersion: searchKeysVersion },
      'rebuilding the search documents',
    );
    let done = 0;
    let page: NominalSearchDocument[] = [];
    let records: NominalDocument[] = [];
    const cursor = this.nominals.find({}, { batchSize: rebuildPageSize });
    for await (const record of cursor) {
      page.push(searchDocumentOf(record));
      records.push(record);
      if (page.length >= rebuildPageSize) {
        // The same version too: its keys are made differently now. A newer one stays.
        await Promise.all([this.writeOver(page, '$lte'), this.rekeyRecords(records)]);
        records = [];
        done += page.length;
        page = [];
        logger.info({ done, of: total }, 'rebuilding the search documents');
      }
    }
    await Promise.all([this.writeOver(page, '$lte'), this.rekeyRecords(records)]);
    await retryOnceOnDuplicateKey(() =>
      this.checkpoints.updateOne(
        { _id: checkpointId },
        { $set: { keysVersion: searchKeysVersion } },
        { upsert: true },
      ),
    );
    logger.info({ records: done + page.length }, 'search documents rebuilt');
  }
}
