/** One message of a `text/event-stream`, as the WHATWG server-sent-events rules assemble it. */
export interface StreamMessage {
  /** `message` unless the server named it (`event:`). */
  event: string;
  data: string;
  /** The last id the stream gave, this message's or an earlier one's (what `Last-Event-ID` sends). */
  lastEventId: string | undefined;
}

/** What a stream sent: a message, or a comment (`: …`, a heartbeat say). */
export type StreamItem = { message: StreamMessage } | { comment: string };

/**
 * Reads `text/event-stream` text as it arrives, chunk by chunk (a chunk may end mid-line), by the
 * WHATWG rules: `data` lines joined with newlines, a blank line dispatches, a message without data is
 * not dispatched, an `id` is kept for the messages after it.
 */
export class EventStreamParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private hasData = false;
  lastEventId: string | undefined;

  constructor(lastEventId?: string) {
    this.lastEventId = lastEventId;
  }

  push(chunk: string): StreamItem[] {
    this.buffer += chunk;
    const items: StreamItem[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (end < 0 || (end === this.buffer.length - 1 && this.buffer[end] === '\r')) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(this.buffer.startsWith('\r\n', end) ? end + 2 : end + 1);
      const item = this.line(line);
      if (item) items.push(item);
    }
    return items;
  }

  private line(line: string): StreamItem | undefined {
    if (line === '') {
      const dispatched = this.hasData
        ? {
            message: {
              event: this.event || 'message',
              data: this.data.join('\n'),
              lastEventId: this.lastEventId,
            },
          }
        : undefined;
      this.event = '';
      this.data = [];
      this.hasData = false;
      return dispatched;
    }
    if (line.startsWith(':')) return { comment: line.slice(1).replace(/^ /, '') };
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') {
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    return undefined;
  }
}

/** The server answered the stream's request with something else than a stream. */
export class EventStreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`the stream was refused: ${status} ${body}`);
    this.name = 'EventStreamRefused';
  }
}

export interface OpenEventStreamOptions {
  headers?: Record<string, string>;
  lastEventId?: string;
  signal?: AbortSignal;
}

/**
 * Opens an event stream and yields what it sends until the server ends it (or `signal` aborts).
 * An answer that is not `200 text/event-stream` throws `EventStreamRefused` with its body.
 */
export async function* openEventStream(
  url: string,
  options: OpenEventStreamOptions = {},
): AsyncGenerator<StreamItem> {
  const response = await fetch(url, {
    headers: {
      accept: 'text/event-stream',
      ...options.headers,
      ...(options.lastEventId !== undefined && { 'last-event-id': options.lastEventId }),
    },
    ...(options.signal && { signal: options.signal }),
  });
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.startsWith('text/event-stream') || !response.body) {
    throw new EventStreamRefused(response.status, await response.text().catch(() => ''));
  }
  const parser = new EventStreamParser(options.lastEventId);
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    for (const item of parser.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
      yield item;
    }
  }
}
