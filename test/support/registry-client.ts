import { eventually } from '@hub/testing';

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

/** The registry's REST API as the end-to-end tests use it. */
export class RegistryClient {
  constructor(readonly url: string) {}

  get(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }

  post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
