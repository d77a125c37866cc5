import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
} from '@nestjs/common';
import {
  accessRules,
  areaKey,
  decide,
  decideOnTransfer,
  type Action,
  type Caller,
  type OrganisationDirectory,
  type TransferFacts,
} from '@hub/security';
import type { TransferState } from '@hub/contracts';
import type { TransferDeadlines } from '../deadlines/transfer-deadlines';
import type { Clock } from '../infrastructure/tokens';
import type { TransferOutbox } from '../outbox/transfer-outbox';
import {
  recordFactsOfSubject,
  subjectFactsOf,
  type SubjectRecords,
} from '../subjects/subject-records';
import type { Transfer } from '../workflow/transfer';
import {
  IllegalTransitionError,
  nextCommands,
  transitions,
  type TransferCommand,
} from '../workflow/transfer-state-machine';
import {
  acknowledgeVictimLiaison,
  applyCommand,
  requestTransfer,
  TransferInputError,
  TransferPreconditionError,
  type CommandInput,
  type TransferRequest,
  type WorkflowContext,
} from '../workflow/transfer-workflow';
import { transferIdAt } from './transfer-ids';
import {
  ConcurrentTransferChangeError,
  OpenTransferExistsError,
  type TransferStore,
} from './transfer-store';

export interface ListFilters {
  states?: TransferState[];
  area?: string;
  nominalId?: string;
  overdue?: boolean;
  escalated?: boolean;
  after?: string;
  limit: number;
}

/** The facts need-to-know places a caller by, on one transfer. */
export function transferFactsOf(transfer: Transfer): TransferFacts {
  return {
    sendingArea: transfer.sendingArea,
    receivingArea: transfer.receivingArea,
    notifiedOrganisations: transfer.victimLiaison.flatMap((notice) => notice.organisations),
  };
}

/** The workflow's errors as the HTTP answers a caller can act on. */
function asHttpError(error: unknown): never {
  if (error instanceof IllegalTransitionError) {
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: error.message,
      state: error.state,
      allowedNextSteps: error.allowed,
    });
  }
  if (error instanceof ConcurrentTransferChangeError) {
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: error.message,
      state: error.current?.state ?? null,
      version: error.current?.version ?? null,
    });
  }
  if (error instanceof OpenTransferExistsError || error instanceof TransferPreconditionError) {
    throw new ConflictException(error.message);
  }
  if (error instanceof TransferInputError) throw new BadRequestException(error.message);
  throw error;
}

/**
 * The transfer coordinator's use cases: each checks need-to-know, runs the workflow, stores the
 * result over the version it read (one of two concurrent steps wins) and publishes its events.
 */
export class TransferService {
  constructor(
    private readonly store: TransferStore,
    private readonly subjects: SubjectRecords,
    private readonly outbox: TransferOutbox,
    private readonly deadlines: TransferDeadlines,
    private readonly directory: OrganisationDirectory,
    private readonly clock: Clock,
    /** Fault injection for the crash tests: die right after storing this transfer's completion. */
    private readonly crashAfterCompleting?: string,
  ) {}

  private context(caller: Caller, correlationId: string): WorkflowContext {
    return {
      now: this.clock(),
      actor: {
        user: caller.username,
        organisation: caller.organisation.id,
        agency: caller.organisation.agencyType,
      },
      deadlines: this.deadlines,
      directory: this.directory,
      correlationId,
    };
  }

  private authorise(caller: Caller, action: Action, transfer: Transfer): void {
    const decision = decideOnTransfer(caller, action, transferFactsOf(transfer));
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
  }

  private async existing(transferId: string): Promise<Transfer> {
    const transfer = await this.store.get(transferId);
    if (!transfer) throw new NotFoundException(`no transfer with id ${transferId}`);
    return transfer;
  }

  private publish(transfer: Transfer): Promise<void> {
    return this.outbox.publishOrLeave(transfer);
  }

  async request(
    caller: Caller,
    request: Omit<TransferRequest, 'transferId'>,
    correlationId: string,
  ): Promise<Transfer> {
    const subject = await this.subjects.get(request.nominalId);
    if (!subject) {
      throw new NotFoundException(
        `the hub has no record of nominal ${request.nominalId} (the coordinator learns records from the registry's changed-record topic)`,
      );
    }
    if (subject.status !== 'ACTIVE') {
      throw new ConflictException(
        subject.status === 'MERGED'
          ? `nominal ${request.nominalId} was merged into ${subject.mergedInto}: transfer that record`
          : `nominal ${request.nominalId} is archived: re-activate the record before transferring it`,
      );
    }
    const decision = decide(caller, 'transfers.request', recordFactsOfSubject(subject));
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    try {
      const transfer = requestTransfer(
        { ...request, transferId: transferIdAt(this.clock()) },
        subjectFactsOf(subject),
        this.context(caller, correlationId),
      );
      await this.store.insert(transfer);
      await this.publish(transfer);
      return transfer;
    } catch (error) {
      return asHttpError(error);
    }
  }

  async act(
    caller: Caller,
    transferId: string,
    command: TransferCommand,
    input: CommandInput,
    correlationId: string,
    expectedVersion?: number,
  ): Promise<Transfer> {
    const transfer = await this.existing(transferId);
    this.authorise(caller, transitions[command].action, transfer);
    try {
      if (expectedVersion !== undefined && expectedVersion !== transfer.version) {
        throw new ConcurrentTransferChangeError(transferId, transfer);
      }
      const next = applyCommand(transfer, command, input, this.context(caller, correlationId));
      await this.store.replace(transfer, next);
      if (command === 'complete' && this.crashAfterCompleting === transferId) {
        process.kill(process.pid, 'SIGKILL');
      }
      await this.publish(next);
      return next;
    } catch (error) {
      return asHttpError(error);
    }
  }

  async acknowledgeVictimLiaison(
    caller: Caller,
    transferId: string,
    notificationId: string,
    correlationId: string,
  ): Promise<Transfer> {
    const transfer = await this.existing(transferId);
    this.authorise(caller, 'transfers.victim-liaison.acknowledge', transfer);
    const notice = transfer.victimLiaison.find((n) => n.notificationId === notificationId);
    if (notice && !notice.organisations.includes(caller.organisation.id)) {
      throw new ForbiddenException(
        `notification ${notificationId} went to the victim liaison units of ${notice.area} (${notice.organisations.join(', ')}), not to ${caller.organisation.name}`,
      );
    }
    try {
      const next = acknowledgeVictimLiaison(
        transfer,
        notificationId,
        this.context(caller, correlationId),
      );
      await this.store.replace(transfer, next);
      await this.publish(next);
      return next;
    } catch (error) {
      return asHttpError(error);
    }
  }

  async read(caller: Caller, transferId: string): Promise<Transfer> {
    const transfer = await this.existing(transferId);
    this.authorise(caller, 'transfers.read', transfer);
    return transfer;
  }

  /** The transfers the caller may see: their organisation's areas' (all, for national roles). */
  async list(caller: Caller, filters: ListFilters): Promise<Transfer[]> {
    const decision = decide(caller, 'transfers.read');
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    const national = caller.roles.some((role) =>
      accessRules['transfers.read'].national?.includes(role),
    );
    if (filters.area && !this.directory.jurisdictionOfArea(filters.area)) {
      throw new BadRequestException(
        `"${filters.area}" is not a MAPPA or PPANI area of the directory`,
      );
    }
    return this.store.list({
      areaKeys: national ? undefined : caller.organisation.mappaAreas.map(areaKey),
      areaKey: filters.area ? areaKey(filters.area) : undefined,
      states: filters.states,
      nominalId: filters.nominalId,
      overdueAt: filters.overdue ? this.clock() : undefined,
      escalated: filters.escalated,
      after: filters.after,
      limit: filters.limit,
    });
  }

  /** What the caller could do next on `transfer`, as the state machine allows. */
  nextSteps(transfer: Transfer): TransferCommand[] {
    return nextCommands(transfer.state, transfer.kind);
  }
}
