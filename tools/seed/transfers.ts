import type { Db } from 'mongodb';
import {
  TransferStateSymbols,
  type Agency,
  type Jurisdiction,
  type TransferState,
} from '@hub/contracts';
import { organisationDirectory } from '@hub/security';
import {
  sidesOf,
  TransferApiError,
  type TransferDriver,
  type TransferSides,
  type TransferView,
} from '../transfers/transfer-driver';

/**
 * The seed's transfers: people of the seed moved between areas through the transfer coordinator's
 * API, as the people of both areas would, so that every state of the workflow has examples.
 */

interface Plan {
  target: TransferState;
  temporary?: boolean;
  /**
   * Made overdue by its dates, not by a clock: an accepted move expected weeks ago is due from that
   * day, a temporary stay whose return day has passed is due from its return day. Other steps are
   * due some working days after they begin, so only time makes those overdue.
   */
  overdue?: boolean;
}

/** One round of plans: every state, an overdue accepted move, a temporary stay overdue to return. */
const plans: readonly Plan[] = [
  { target: 'REQUESTED' },
  { target: 'ACKNOWLEDGED' },
  { target: 'CONSULTATION' },
  { target: 'ACCEPTED', overdue: true },
  { target: 'ACCEPTED' },
  { target: 'DISPUTED' },
  { target: 'INTERIM_CO_MANAGEMENT' },
  { target: 'INTERIM_CO_MANAGEMENT', temporary: true, overdue: true },
  { target: 'COMPLETED' },
  { target: 'RETURNED', temporary: true },
  { target: 'CANCELLED' },
  { target: 'WITHDRAWN' },
];

interface Candidate {
  nominalId: string;
  managingArea: string;
  leadAgency: Agency;
  jurisdiction: Jurisdiction;
  hasVictimContact: boolean;
}

interface NominalDocument {
  _id: string;
  status: string;
  management: {
    managingArea: string;
    leadAgency: Agency;
    jurisdiction: Jurisdiction;
    victimContact?: unknown;
  };
}

const shortName: Record<Jurisdiction, string> = {
  ENGLAND_AND_WALES: 'E&W',
  SCOTLAND: 'Scotland',
  NORTHERN_IRELAND: 'NI',
};

const jurisdictions: readonly Jurisdiction[] = [
  'ENGLAND_AND_WALES',
  'SCOTLAND',
  'NORTHERN_IRELAND',
];

const dayOffset = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Areas of `jurisdiction` other than `except`, in the directory's order. */
function areasOf(jurisdiction: Jurisdiction, except: string): string[] {
  return organisationDirectory()
    .data.mappaAreas.filter((area) => area.jurisdiction === jurisdiction && area.name !== except)
    .map((area) => area.name);
}

/**
 * The receiving area of the `index`th transfer: one in three stays in the jurisdiction, the others
 * cross a border (E&W→Scotland, Scotland→NI, NI→E&W, and the other way round), so every
 * cross-border pair gets examples.
 */
function receivingAreaFor(candidate: Candidate, index: number): string | undefined {
  const from = jurisdictions.indexOf(candidate.jurisdiction);
  const to = jurisdictions[(from + (index % 3)) % jurisdictions.length];
  const areas = areasOf(to, candidate.managingArea);
  return areas[Math.floor(index / 3) % Math.max(1, areas.length)];
}

async function candidatesOf(db: Db, nominalIds: readonly string[]): Promise<Candidate[]> {
  const found = await db
    .collection<NominalDocument>('nominals')
    .find(
      { _id: { $in: [...nominalIds] }, status: 'ACTIVE' },
      { projection: { _id: 1, status: 1, management: 1 } },
    )
    .toArray();
  const byId = new Map(found.map((record) => [record._id, record]));
  // The seed's order, so that the same seed picks the same people.
  return nominalIds.flatMap((id) => {
    const record = byId.get(id);
    if (!record?.management) return [];
    return [
      {
        nominalId: id,
        managingArea: record.management.managingArea,
        leadAgency: record.management.leadAgency,
        jurisdiction: record.management.jurisdiction,
        hasVictimContact: Boolean(record.management.victimContact),
      },
    ];
  });
}

/** Takes a requested transfer to the plan's state; returns it as it stands at the end. */
async function drive(
  driver: TransferDriver,
  sides: TransferSides,
  plan: Plan,
  requested: TransferView,
): Promise<TransferView> {
  const id = requested.transferId;
  switch (plan.target) {
    case 'REQUESTED':
      return requested;
    case 'WITHDRAWN':
      return driver.step(sides.sender, id, 'withdraw', {
        note: 'The person is to stay in the area after all (synthetic).',
      });
    case 'ACKNOWLEDGED':
      return driver.step(sides.receiver, id, 'acknowledge');
    case 'CANCELLED':
      await driver.step(sides.receiver, id, 'acknowledge');
      return driver.step(sides.receivingCoordinator, id, 'cancel', {
        note: 'The accommodation offered fell through (synthetic).',
      });
    case 'DISPUTED':
      await driver.step(sides.receiver, id, 'acknowledge');
      return driver.step(sides.receiver, id, 'dispute', {
        reason:
          'The proposed address is close to a victim of the index offence; an alternative is needed (synthetic).',
      });
    case 'CONSULTATION':
      await driver.step(sides.receiver, id, 'acknowledge');
      return driver.step(sides.receiver, id, 'start-consultation');
    case 'ACCEPTED':
      await driver.step(sides.receiver, id, 'acknowledge');
      await driver.consult(sides, requested);
      return driver.accept(sides, id);
    case 'INTERIM_CO_MANAGEMENT':
      return driver.toCoManagement(sides, requested);
    case 'COMPLETED':
      await driver.toCoManagement(sides, requested);
      return driver.step(sides.receiver, id, 'complete');
    case 'RETURNED':
      await driver.toCoManagement(sides, requested);
      return driver.step(sides.sender, id, 'return');
  }
}

export interface TransferSeedResult {
  byState: Map<TransferState, number>;
  overdue: number;
  crossBorder: number;
  /** Cross-border transfers by pair of jurisdictions, `from→to`. */
  pairs: Map<string, number>;
  temporary: number;
  withVictimLiaison: number;
  victimLiaisonAcknowledged: number;
  /** People who had a transfer under way already (a seed run before): left alone. */
  skippedOpen: number;
  failures: string[];
}

export interface TransferSeedOptions {
  db: Db;
  driver: TransferDriver;
  /** The seed's people, in its order. */
  nominalIds: readonly string[];
  count: number;
  concurrency: number;
  /** How long the coordinator may take to learn of a person from the registry. */
  knownWithinMs: number;
}

/** Creates up to `count` transfers through the coordinator's API, the plans in turn. */
export async function seedTransfers(options: TransferSeedOptions): Promise<TransferSeedResult> {
  const { driver, count } = options;
  const result: TransferSeedResult = {
    byState: new Map(),
    overdue: 0,
    crossBorder: 0,
    pairs: new Map(),
    temporary: 0,
    withVictimLiaison: 0,
    victimLiaisonAcknowledged: 0,
    skippedOpen: 0,
    failures: [],
  };
  const candidates = await candidatesOf(options.db, options.nominalIds);
  // People with victims in a contact scheme first for every other plan, so that some transfers
  // notify victim liaison units whenever the seed has such people.
  const withVictims = candidates.filter((candidate) => candidate.hasVictimContact);
  const others = candidates.filter((candidate) => !candidate.hasVictimContact);
  let planIndex = 0;
  let created = 0;

  const nextCandidate = (): Candidate | undefined =>
    (planIndex % 2 === 0 ? withVictims.shift() : undefined) ??
    others.shift() ??
    withVictims.shift();

  const one = async (): Promise<void> => {
    for (;;) {
      if (created >= count) return;
      const candidate = nextCandidate();
      if (!candidate) return;
      const index = planIndex++;
      const plan = plans[index % plans.length];
      const receivingArea = receivingAreaFor(candidate, index);
      const sides =
        receivingArea && sidesOf(candidate.managingArea, candidate.leadAgency, receivingArea);
      if (!receivingArea || !sides) continue;
      created += 1;
      const overdueMove = plan.overdue === true;
      try {
        const requested = await driver.request(
          sides.sender,
          {
            nominalId: candidate.nominalId,
            kind: plan.temporary ? 'TEMPORARY' : 'PERMANENT',
            reason: plan.temporary
              ? 'Temporary stay with family while a hostel place is found (synthetic).'
              : 'Moving to live with a partner in the receiving area (synthetic).',
            receivingArea,
            expectedMoveOn: overdueMove ? dayOffset(-40) : dayOffset(14),
            ...(plan.temporary && {
              expectedReturnOn: overdueMove ? dayOffset(-10) : dayOffset(60),
            }),
          },
          options.knownWithinMs,
        );
        const final = await drive(driver, sides, plan, requested);
        const notice = final.victimLiaison[0];
        if (notice && index % 4 === 0 && notice.organisations[0]) {
          await driver.step(
            `${notice.organisations[0]}.practitioner`,
            final.transferId,
            `victim-liaison/${notice.notificationId}/acknowledge`,
          );
          result.victimLiaisonAcknowledged += 1;
        }
        result.byState.set(final.state, (result.byState.get(final.state) ?? 0) + 1);
        if (final.overdue) result.overdue += 1;
        if (final.sendingJurisdiction !== final.receivingJurisdiction) {
          result.crossBorder += 1;
          const pair = `${shortName[final.sendingJurisdiction as Jurisdiction]}→${shortName[final.receivingJurisdiction as Jurisdiction]}`;
          result.pairs.set(pair, (result.pairs.get(pair) ?? 0) + 1);
        }
        if (final.kind === 'TEMPORARY') result.temporary += 1;
        if (final.victimLiaison.length > 0) result.withVictimLiaison += 1;
      } catch (error) {
        created -= 1;
        if (error instanceof TransferApiError && error.status === 409 && isOpenTransfer(error)) {
          result.skippedOpen += 1;
          continue;
        }
        result.failures.push(
          `${candidate.nominalId} (${plan.target}): ${error instanceof Error ? error.message : String(error)}`,
        );
        // A coordinator that refuses everything would otherwise be asked for every person.
        if (result.failures.length >= 5) return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, one));
  return result;
}

function isOpenTransfer(error: TransferApiError): boolean {
  return /already has a transfer|under way|open transfer/i.test(JSON.stringify(error.body));
}

const states: readonly TransferState[] = TransferStateSymbols;

/** The summary's lines: transfers by state, then what some of them are. */
export function transferSummary(result: TransferSeedResult): string[] {
  const total = [...result.byState.values()].reduce((sum, n) => sum + n, 0);
  return [
    `Transfers created through the transfer coordinator: ${total}`,
    ...states.map(
      (state) => `  ${state.padEnd(22)}${String(result.byState.get(state) ?? 0).padStart(6)}`,
    ),
    `  overdue now: ${result.overdue} (accepted moves expected weeks ago, temporary stays past their return day; ` +
      'other steps become overdue only as working days pass)',
    `  cross-border: ${result.crossBorder} (${[...result.pairs].map(([pair, n]) => `${pair} ${n}`).join(', ') || 'none'}), temporary: ${result.temporary}, ` +
      `with victim liaison notifications: ${result.withVictimLiaison} (${result.victimLiaisonAcknowledged} acknowledged)`,
    ...(result.skippedOpen > 0
      ? [
          `  ${result.skippedOpen} people skipped: a transfer of theirs is under way (an earlier run)`,
        ]
      : []),
    ...(result.failures.length > 0
      ? ['  FAILED:', ...result.failures.map((failure) => `    ${failure}`)]
      : []),
  ];
}
