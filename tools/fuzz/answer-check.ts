import type { FuzzRequest } from './request-arbitraries';

/** What a service answered to one fuzzed request. */
export interface Answer {
  status: number;
  body: string;
  requestId: string | null;
}

function hasMessage(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message.trim() !== '';
  return (
    Array.isArray(message) &&
    message.length > 0 &&
    message.every((part) => typeof part === 'string' && part.trim() !== '')
  );
}

/**
 * What is wrong with an answer, or undefined: never a 5xx, every answer names its request, and a
 * refusal (4xx) says why in a non-empty `message`.
 */
export function problemWith(answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.body.slice(0, 500)}`;
  if (!answer.requestId) return `answered ${answer.status} without an X-Request-Id`;
  if (answer.status >= 400 && !hasMessage(answer.body)) {
    return `answered ${answer.status} without a message naming the problem: ${answer.body.slice(0, 300)}`;
  }
  return undefined;
}

/** Sends `request` to the service at `baseUrl` (keep-alive: fetch reuses its connections). */
export async function send(baseUrl: string, request: FuzzRequest): Promise<Answer> {
  const response = await fetch(`${baseUrl}${request.target}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    body: await response.text(),
    requestId: response.headers.get('x-request-id'),
  };
}
