import { MongoServerError } from 'mongodb';
import { PermanentEventError, UndecodableMessageError, UnknownSchemaError } from '../errors';
import { backoffDelayMs } from './backoff';
import { failureActionFor } from './failure-policy';

describe('failure policy', () => {
  it('dead-letters what can never succeed', () => {
    expect(failureActionFor(new PermanentEventError('contradicts the record'))).toBe('dead-letter');
    expect(failureActionFor(new UndecodableMessageError('not Avro'))).toBe('dead-letter');
    expect(failureActionFor(new UnknownSchemaError(42))).toBe('dead-letter');
  });

  it('backs off in place while the database is unreachable or busy', () => {
    // What the driver throws when no server answers (constructed by name: its constructor wants a topology).
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27027'), {
      name: 'MongoServerSelectionError',
    });
    expect(failureActionFor(unreachable)).toBe('back-off');
    expect(failureActionFor(new MongoServerError({ message: 'WriteConflict', code: 112 }))).toBe(
      'back-off',
    );
    expect(
      failureActionFor(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
    ).toBe('back-off');
  });

  it('retries anything else through the retry topic', () => {
    expect(failureActionFor(new Error('projection briefly inconsistent'))).toBe('retry');
    expect(
      failureActionFor(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 })),
    ).toBe('retry');
  });
});

describe('back-off delays', () => {
  const policy = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

  it('double with each attempt up to the cap', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 7, 20].map((attempt) => backoffDelayMs(policy, attempt, noJitter))).toEqual(
      [1_000, 2_000, 4_000, 8_000, 60_000, 60_000],
    );
  });

  it('jitter shortens a delay by at most a fifth', () => {
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(3_200);
  });
});
