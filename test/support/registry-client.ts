import { eventually, type Principal } from '@hub/testing';
import { headersOf, testOperator, testReason } from './hub-callers';

/** What the tests read of a record view (`GET /v1/nominals/:id`). */
export interface RecordView {
  id: string;
  version: number;
  status: string;
  [field: string]: unknown;
}

export interface TimelineEntry {
  eventId: string;
  eventType: string;
  summary: string;
  nominalId: string;
  nominalVersion: number;
  [field: string]: unknown;
}

/**
 * The registry's REST API as the end-to-end tests use it: by default as the hub's data governance,
 * opening records by break glass with the tests' reason (every call is audited as such).
 */
export class RegistryClient {
  constructor(
    readonly url: string,
    private readonly principal: Principal = testOperator,
    /** The break-glass reason sent with every call; null sends none. */
    private readonly reason: string | null = testReason,
  ) {}

  /** The same registry, called as someone else: without a break-glass reason unless given. */
  as(principal: Principal, reason?: string): RegistryClient {
    return new RegistryClient(this.url, principal, reason ?? null);
  }

  async get(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      ...init,
      headers: {
        ...(await headersOf(this.principal, this.reason ?? undefined)),
        ...(init.headers as Record<string, string>),
      },
    });
  }

  async post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await headersOf(this.principal, this.reason ?? undefined)),
      },
      body: JSON.stringify(body),
    });
  }

  async record(id: string): Promise<RecordView | undefined> {
    const response = await this.get(`/v1/nominals/${encodeURIComponent(id)}`, {
      redirect: 'manual',
    });
    return response.status === 200 ? ((await response.json()) as RecordView) : undefined;
  }

  /** Waits for the record to satisfy `ready` (e.g. to reach a version). */
  recordWhen(
    id: string,
    ready: (record: RecordView) => boolean,
    what: string,
  ): Promise<RecordView> {
    return eventually(`nominal ${id} ${what}`, async () => {
      const record = await this.record(id);
      return record && ready(record) ? record : undefined;
    });
  }

  async timeline(id: string, query = ''): Promise<TimelineEntry[]> {
    const response = await this.get(
      `/v1/nominals/${encodeURIComponent(id)}/timeline?pageSize=100${query}`,
    );
    if (response.status !== 200) {
      throw new Error(`timeline of ${id}: ${response.status} ${await response.text()}`);
    }
    return ((await response.json()) as { items: TimelineEntry[] }).items;
  }
}
