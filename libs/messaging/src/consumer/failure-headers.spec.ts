import { failureHeader, failureHeaders, failureOriginOf, headerText } from './failure-headers';

const position = { topic: 'police.intelligence.shared.v1', partition: 2, offset: '41' };
const firstFailure = new Date('2026-11-28T10:00:00Z');
const secondFailure = new Date('2026-11-28T10:00:02Z');

describe('failure headers', () => {
  it('record the origin, the group, the error and the first attempt of a fresh event', () => {
    const origin = failureOriginOf({ traceparent: 'kept' }, position, firstFailure);
    const headers = failureHeaders(
      { traceparent: 'kept' },
      origin,
      'registry',
      new Error('boom'),
      firstFailure,
    );
    expect(headers).toEqual({
      traceparent: 'kept',
      [failureHeader.sourceTopic]: position.topic,
      [failureHeader.sourcePartition]: '2',
      [failureHeader.sourceOffset]: '41',
      [failureHeader.consumerGroup]: 'registry',
      [failureHeader.errorClass]: 'Error',
      [failureHeader.errorMessage]: 'boom',
      [failureHeader.attempts]: '1',
      [failureHeader.firstFailedAt]: firstFailure.toISOString(),
      [failureHeader.lastFailedAt]: firstFailure.toISOString(),
    });
  });

  it('keep the original position and first failure time across retries, counting attempts', () => {
    const retried = failureHeaders(
      {},
      failureOriginOf(undefined, position, firstFailure),
      'registry',
      new Error('boom'),
      firstFailure,
      { [failureHeader.notBefore]: secondFailure.toISOString() },
    );
    const retryPosition = { topic: 'registry.event.retry-scheduled.v1', partition: 0, offset: '7' };
    const origin = failureOriginOf(retried, retryPosition, secondFailure);
    expect(origin).toEqual({ ...position, attempts: 1, firstFailedAt: firstFailure.toISOString() });

    const again = failureHeaders(
      retried,
      origin,
      'registry',
      new Error('boom again'),
      secondFailure,
    );
    expect(headerText(again, failureHeader.attempts)).toBe('2');
    expect(headerText(again, failureHeader.sourceOffset)).toBe('41');
    expect(headerText(again, failureHeader.lastFailedAt)).toBe(secondFailure.toISOString());
    expect(headerText(again, failureHeader.notBefore)).toBeUndefined();
  });
});
