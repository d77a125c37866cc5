import { randomBytes } from 'node:crypto';

/** The W3C Trace Context header that carries a trace from the HTTP request through every Kafka hop. */
export const traceparentHeader = 'traceparent';

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const allZero = /^0+$/;

export interface TraceContext {
  traceId: string;
  spanId: string;
  flags: string;
}

/** Parses a `traceparent` (version 00); undefined when absent or malformed, as the spec says to ignore it. */
export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  const match = value ? traceparentPattern.exec(value.trim().toLowerCase()) : null;
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  if (allZero.test(traceId) || allZero.test(spanId)) return undefined;
  return { traceId, spanId, flags };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}

/** The context of a new span: a child of `parent` when there is one, else the root of a new trace. */
export function childTraceContext(parent: string | undefined): TraceContext {
  const spanId = randomBytes(8).toString('hex');
  const incoming = parseTraceparent(parent);
  if (incoming) return { traceId: incoming.traceId, spanId, flags: incoming.flags };
  return { traceId: randomBytes(16).toString('hex'), spanId, flags: '01' };
}
