import { registryEventMetadata } from '../changes/registry-event-metadata';
import type { Db } from 'mongodb';
import type { NominalRemoved } from '@hub/contracts';
import { namedUuid, type EventPublisher } from '@hub/messaging';
import { auditEntriesOf, type AuditTrail } from '@hub/persistence';
import {
  hubOrganisationId,
  type Caller,
  type HubRole,
  type OrganisationDirectory,
} from '@hub/security';
import type { DisclosureCases } from '../disclosure/disclosure-cases';
import { searchCollection } from '../search/search-document';
import {
  removalSteps,
  type RecordRemovalDocument,
  type RecordRemovals,
  type RemovalStep,
} from './record-removals';

/** Destroys a person's data key: what makes every encrypted copy of their data unreadable. */
export interface PersonKeyShredder {
  destroy(nominalId: string): Promise<void>;
}

export interface RemovalLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/** The request id that marks a removal's certificate in the audit chain (one per removal). */
const certificateRequestId = (nominalId: string): string => `removal-certificate:${nominalId}`;

/**
 * Carries out a recorded removal step by step (record-removals.ts says what each does), recording
 * each step once done, so that a removal interrupted anywhere (a crash, Kafka or the database
 * down) completes when run again: at start-up and on every sweep. Every step can run twice.
 */
export class RecordRemoval {
  private timer?: NodeJS.Timeout;
  private resuming?: Promise<number>;

  constructor(
    private readonly db: Db,
    private readonly removals: RecordRemovals,
    private readonly publisher: EventPublisher,
    private readonly keys: PersonKeyShredder,
    private readonly disclosureCases: Pick<DisclosureCases, 'forgetTextOf'>,
    private readonly auditTrail: AuditTrail,
    private readonly directory: OrganisationDirectory,
    private readonly logger: RemovalLogger,
    /** Fault injection for the crash test only: the process dies right after this step runs. */
    private readonly crashAfter?: RemovalStep,
  ) {}

  /** Runs the steps not done yet; returns the removal as it ends (COMPLETED unless a step threw). */
  async run(removal: RecordRemovalDocument): Promise<RecordRemovalDocument> {
    const done = new Set(removal.stepsDone);
    for (const step of removalSteps) {
      if (done.has(step)) continue;
      await this.steps[step](removal);
      if (this.crashAfter === step) process.kill(process.pid, 'SIGKILL');
      await this.removals.markDone(removal._id, step);
      done.add(step);
    }
    const completedAt = new Date();
    await this.removals.complete(removal._id, completedAt);
    this.logger.info(
      { nominalId: removal._id, alsoRemoved: removal.alsoRemoved, decisionId: removal.decisionId },
      'record removed',
    );
    return { ...removal, stepsDone: [...done], status: 'COMPLETED', completedAt };
  }

  /**
   * Runs the removal now; one that cannot complete yet (Kafka down) is left in progress for the
   * sweep, and returned as it stands. The decision is never taken back.
   */
  async attempt(removal: RecordRemovalDocument): Promise<RecordRemovalDocument> {
    try {
      return await this.run(removal);
    } catch (error) {
      this.logger.error(
        { err: error, nominalId: removal._id },
        'a removal could not complete; it is tried again at the next sweep',
      );
      return (await this.removals.of(removal._id)) ?? removal;
    }
  }

  /** Completes every removal left in progress; returns how many completed. */
  resume(): Promise<number> {
    this.resuming ??= this.resumeAll().finally(() => (this.resuming = undefined));
    return this.resuming;
  }

  private async resumeAll(): Promise<number> {
    let completed = 0;
    for (const removal of await this.removals.inProgress()) {
      if ((await this.attempt(removal)).status === 'COMPLETED') completed += 1;
    }
    return completed;
  }

  /** Resumes removals every `intervalMs` (the registry resumes them once at start-up itself). */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.resume().catch((error: unknown) =>
        this.logger.error({ err: error }, 'resuming removals failed'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.resuming?.catch(() => undefined);
  }

  private readonly steps: Record<RemovalStep, (removal: RecordRemovalDocument) => Promise<void>> = {
    record: async (removal) => {
      const ids = { $in: idsOf(removal) };
      await Promise.all([
        this.db.collection<KeyedById>('nominals').deleteMany({ _id: ids }),
        this.db.collection<KeyedById>(searchCollection).deleteMany({ _id: ids }),
        this.db.collection<KeyedById>('record_due_dates').deleteMany({ _id: ids }),
      ]);
    },
    'data-key': async (removal) => {
      for (const id of idsOf(removal)) await this.keys.destroy(id);
    },
    history: async (removal) => {
      await this.db
        .collection('nominal_history')
        .deleteMany({ nominalId: { $in: idsOf(removal) } });
    },
    'side-data': async (removal) => {
      const ids = { $in: idsOf(removal) };
      await Promise.all([
        this.db.collection('duplicate_candidates').deleteMany({ nominalIds: ids }),
        this.db.collection('parked_events').deleteMany({ nominalId: ids }),
        this.db.collection('record_reviews').deleteMany({ nominalId: ids }),
        this.disclosureCases.forgetTextOf(idsOf(removal)),
      ]);
    },
    tombstone: (removal) => this.publisher.tombstone('registry.nominal.changed.v1', idsOf(removal)),
    announcement: async (removal) => {
      const value = removedEventOf(removal);
      await this.publisher.publish('registry.nominal.removed.v1', removal._id, value, {
        'x-event-id': value.metadata.eventId,
      });
    },
    certificate: async (removal) => {
      const requestId = certificateRequestId(removal._id);
      const written = await auditEntriesOf(this.db).findOne(
        { nominalIds: removal._id, requestId },
        { projection: { _id: 1 } },
      );
      if (written) return;
      await this.auditTrail.record({
        caller: this.callerOf(removal),
        action: 'records.remove',
        nominalIds: idsOf(removal),
        reason: removal.reason,
        request: {
          requestId,
          correlationId: removal.decisionId,
          query: {
            certificate: 'record removed',
            decisionId: removal.decisionId,
            decidedAt: removal.decidedAt.toISOString(),
            steps: removalSteps.join(','),
          },
        },
        outcome: 'allowed',
      });
    },
  };

  /** The decider as the audit chain names callers (their organisation as the directory has it). */
  private callerOf(removal: RecordRemovalDocument): Caller {
    const { decidedBy } = removal;
    const organisation =
      this.directory.organisation(decidedBy.organisationId) ??
      this.directory.organisation(hubOrganisationId)!;
    return {
      subject: decidedBy.subject,
      username: decidedBy.username,
      organisation,
      roles: decidedBy.roles as HubRole[],
      clientId: decidedBy.clientId,
    };
  }
}

/** The collections a record's id keys. */
type KeyedById = { _id: string };

function idsOf(removal: RecordRemovalDocument): string[] {
  return [removal._id, ...removal.alsoRemoved];
}

function removedEventOf(removal: RecordRemovalDocument): NominalRemoved {
  const eventId = namedUuid(`nominal-removed#${removal._id}`);
  return {
    metadata: registryEventMetadata({
      eventId,
      occurredAt: new Date(),
      actingUser: removal.decidedBy.username,
      correlationId: removal.decisionId,
    }),
    nominalId: removal._id,
    alsoRemoved: removal.alsoRemoved,
    decisionId: removal.decisionId,
    decidedBy: removal.decidedBy.username,
    decidedAt: removal.decidedAt,
    reason: removal.reason,
  };
}
