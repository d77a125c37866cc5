import { MongoBulkWriteError, MongoServerError } from 'mongodb';

/**
 * E11000: the write collided with a unique index (on MongoDB and FerretDB alike); for an unordered
 * bulk write, every write that failed did (the others were done): an earlier delivery's writes.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const writeErrors = [error.writeErrors].flat();
    return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === 11000);
  }
  return error instanceof MongoServerError && error.code === 11000;
}
