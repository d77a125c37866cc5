import type { IncomingMessage } from 'node:http';
import { childTraceContext, formatTraceparent, traceparentHeader } from '../trace-context';
import { correlationIdOf } from '../logging';

/** The correlation id and a child trace context of an HTTP request, for the events it causes. */
export function requestTrace(request: IncomingMessage): {
  correlationId: string;
  traceparent: string;
} {
  const header = request.headers[traceparentHeader];
  const trace = childTraceContext(Array.isArray(header) ? header[0] : header);
  return { correlationId: correlationIdOf(request), traceparent: formatTraceparent(trace) };
}
