import { childTraceContext, formatTraceparent, parseTraceparent } from './trace-context';

const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C trace context', () => {
  it('continues the caller’s trace with a new span', () => {
    const child = childTraceContext(incoming);
    expect(child.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe('00f067aa0ba902b7');
    expect(parseTraceparent(formatTraceparent(child))).toEqual(child);
  });

  it('starts a new trace when the header is missing or malformed', () => {
    for (const header of [
      undefined,
      'garbage',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    ]) {
      const child = childTraceContext(header);
      expect(child.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(child.traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    }
  });
});
