import { setTimeout as sleep } from 'node:timers/promises';
import type { Agency, TransferState } from '@hub/contracts';
import type { IdentityTokens } from '@hub/testing';
import { organisationDirectory, type Organisation } from '@hub/security';

/**
 * Drives the transfer coordinator's REST API as the people who take each step would (the seed, the
 * transfer bench and the fault tests): `<organisation id>.<role>` users of the local stack's
 * identity provider, so that every call goes through need-to-know as a real one does.
 */

/** What the callers read of a transfer view. */
export interface TransferView {
  transferId: string;
  nominalId: string;
  version: number;
  state: TransferState;
  kind: 'PERMANENT' | 'TEMPORARY';
  sendingArea: string;
  receivingArea: string;
  meetingRequired: boolean;
  overdue: boolean;
  victimLiaison: { notificationId: string; organisations: string[]; acknowledgedAt: unknown }[];
  history: { step: string; state: TransferState }[];
  [field: string]: unknown;
}

/** An answer of the API other than the one expected; `status` says which. */
export class TransferApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: ${status} ${JSON.stringify(body)}`);
    this.name = 'TransferApiError';
  }
}

export interface TransferRequestBody {
  nominalId: string;
  kind: 'PERMANENT' | 'TEMPORARY';
  reason: string;
  receivingArea: string;
  expectedMoveOn: string;
  expectedReturnOn?: string | null;
}

/** The organisations whose people take the steps of one transfer, and the users that act. */
export interface TransferSides {
  /** The managing organisation's record manager: requests, withdraws, records a return. */
  sender: string;
  /** The receiving organisation's record manager: acknowledges, consults, accepts, completes. */
  receiver: string;
  /** The receiving area's MAPPA co-ordinator: records the move, cancels. */
  receivingCoordinator: string;
  /** Who the receiving area names to accept: its lead agency and organisation. */
  receivingLeadAgency: Agency;
  receivingOrganisation: string;
}

/** Agencies whose people manage records (the local stack gives them record managers). */
const recordManagingAgencies: readonly Agency[] = ['POLICE', 'PROBATION', 'SOCIAL_WORK'];

function firstServing(area: string, agency: Agency): Organisation | undefined {
  return organisationDirectory().servingArea(area, agency)[0];
}

/**
 * Who acts on a transfer of a person managed by `leadAgency` in `sendingArea` to `receivingArea`;
 * undefined when the directory has no organisation with record managers on a side (the receiving
 * area keeps the lead agency if it has one, else a police force takes the person on).
 */
export function sidesOf(
  sendingArea: string,
  leadAgency: Agency,
  receivingArea: string,
): TransferSides | undefined {
  if (!recordManagingAgencies.includes(leadAgency)) return undefined;
  const sending = firstServing(sendingArea, leadAgency);
  const receivingAgency = firstServing(receivingArea, leadAgency) ? leadAgency : 'POLICE';
  const receiving = firstServing(receivingArea, receivingAgency);
  if (!sending || !receiving) return undefined;
  return {
    sender: `${sending.id}.record-manager`,
    receiver: `${receiving.id}.record-manager`,
    receivingCoordinator: `${receiving.id}.mappa-coordinator`,
    receivingLeadAgency: receivingAgency,
    receivingOrganisation: receiving.id,
  };
}

export class TransferDriver {
  constructor(
    readonly url: string,
    private readonly tokens: IdentityTokens,
  ) {}

  /** One call as `user`; the parsed body and status, whatever the status. */
  async call(
    user: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.tokens.userToken(user)}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's page): kept as text for the error message.
    }
    return { status: response.status, body: parsed };
  }

  private async expect(
    status: number,
    what: string,
    answer: Promise<{ status: number; body: unknown }>,
  ): Promise<TransferView> {
    const { status: got, body } = await answer;
    if (got !== status) throw new TransferApiError(got, body, what);
    return body as TransferView;
  }

  /**
   * Requests a transfer as `user`. The coordinator learns people from the registry's changed-record
   * topic, so a person the registry has just applied may be unknown to it for a moment: a 404 is
   * asked again until `knownWithinMs` has passed.
   */
  async request(
    user: string,
    body: TransferRequestBody,
    knownWithinMs = 30_000,
  ): Promise<TransferView> {
    const deadline = Date.now() + knownWithinMs;
    for (;;) {
      const answer = await this.call(user, 'POST', '/v1/transfers', body);
      if (answer.status === 201) return answer.body as TransferView;
      if (answer.status !== 404 || Date.now() >= deadline) {
        throw new TransferApiError(
          answer.status,
          answer.body,
          `request of a transfer of ${body.nominalId}`,
        );
      }
      await sleep(250);
    }
  }

  step(user: string, transferId: string, command: string, body: unknown = {}) {
    return this.expect(
      200,
      `${command} of transfer ${transferId}`,
      this.call(user, 'POST', `/v1/transfers/${encodeURIComponent(transferId)}/${command}`, body),
    );
  }

  read(user: string, transferId: string): Promise<TransferView> {
    return this.expect(
      200,
      `transfer ${transferId}`,
      this.call(user, 'GET', `/v1/transfers/${encodeURIComponent(transferId)}`),
    );
  }

  /** ACKNOWLEDGED → CONSULTATION with every consultation the acceptance needs recorded. */
  async consult(sides: TransferSides, transfer: TransferView): Promise<TransferView> {
    let current = await this.step(sides.receiver, transfer.transferId, 'start-consultation');
    const consultations = [
      { with: 'RECEIVING_POLICE', outcome: 'No objection; local intelligence shared (synthetic).' },
      {
        with: 'RECEIVING_LEAD_AGENCY',
        outcome: 'Capacity to manage confirmed (synthetic).',
      },
      ...(transfer.meetingRequired
        ? [
            {
              with: 'MAPPA_MEETING',
              outcome: 'Risk management plan agreed at the receiving MAPPA meeting (synthetic).',
              heldOn: new Date().toISOString().slice(0, 10),
            },
          ]
        : []),
    ];
    for (const consultation of consultations) {
      current = await this.step(
        sides.receiver,
        transfer.transferId,
        'record-consultation',
        consultation,
      );
    }
    return current;
  }

  /** The receiving area's acceptance, naming its lead agency, organisation and record manager. */
  accept(sides: TransferSides, transferId: string): Promise<TransferView> {
    return this.step(sides.receiver, transferId, 'accept', {
      leadAgency: sides.receivingLeadAgency,
      organisation: sides.receivingOrganisation,
      recordManager: {
        name: 'Receiving Record Manager (synthetic)',
        agency: sides.receivingLeadAgency,
        role: 'Offender manager',
      },
    });
  }

  /** From a fresh request to INTERIM_CO_MANAGEMENT, by the usual road. */
  async toCoManagement(sides: TransferSides, transfer: TransferView): Promise<TransferView> {
    await this.step(sides.receiver, transfer.transferId, 'acknowledge');
    await this.consult(sides, transfer);
    await this.accept(sides, transfer.transferId);
    return this.step(sides.receivingCoordinator, transfer.transferId, 'begin-co-management');
  }
}
