import { problemWith } from './answer-check';

describe('problemWith', () => {
  const id = 'a-request-id';

  it('accepts a success and a refusal that names its problem', () => {
    expect(problemWith({ status: 200, body: '[]', requestId: id })).toBeUndefined();
    expect(
      problemWith({ status: 400, body: '{"message":["limit: too big"]}', requestId: id }),
    ).toBeUndefined();
  });

  it('refuses any 5xx, a 4xx without a message, and an answer without a request id', () => {
    expect(problemWith({ status: 503, body: '{"message":"down"}', requestId: id })).toMatch(
      /^answered 503/,
    );
    for (const body of ['', 'Bad Request', '{}', '{"message":""}', '{"message":[]}', 'null']) {
      expect(problemWith({ status: 404, body, requestId: id })).toMatch(/without a message/);
    }
    expect(problemWith({ status: 200, body: '{}', requestId: null })).toMatch(/X-Request-Id/);
  });
});
