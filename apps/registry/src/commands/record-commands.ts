import { registryEventMetadata } from '../changes/registry-event-metadata';
import { randomUUID } from 'node:crypto';
import { ConflictException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type {
  DuplicateResolved,
  EventMetadata,
  MergeUndone,
  NominalArchiveStatusChanged,
} from '@hub/contracts';
import type { EventPublisher, PublishedEvent } from '@hub/messaging';
import type { DuplicateCandidates } from '../duplicates/duplicate-candidates';
import type { NominalStore } from '../nominals/nominal-store';
import type { NominalDocument } from '../nominals/nominal.documents';

/** Who asks for a change, and why; the request's correlation and trace go with the event. */
export interface CommandRequest {
  actingUser: string;
  reason: string;
  correlationId: string;
  traceparent: string;
}

export interface AcceptedCommand extends PublishedEvent {
  eventId: string;
  nominalId: string;
}

/**
 * Record managers' decisions, taken through the REST API and applied like any agency's fact:
 * checked against the record as it is now, published on the registry's topic, and folded into the
 * record by the registry's consumer (so the history, the changed-record topic and every replica
 * see them in order).
 */
export class RecordCommands {
  constructor(
    private readonly store: NominalStore,
    private readonly duplicates: DuplicateCandidates,
    private readonly publisher: EventPublisher,
  ) {}

  async archive(nominalId: string, request: CommandRequest): Promise<AcceptedCommand> {
    const record = await this.activeRecord(nominalId);
    if (record.status === 'ARCHIVED') {
      throw new ConflictException(`nominal ${nominalId} is already archived`);
    }
    return this.changeArchiveStatus(nominalId, 'ARCHIVED', request);
  }

  async reactivate(nominalId: string, request: CommandRequest): Promise<AcceptedCommand> {
    const record = await this.activeRecord(nominalId);
    if (record.status !== 'ARCHIVED') {
      throw new ConflictException(
        `nominal ${nominalId} is not archived, so it cannot be re-activated`,
      );
    }
    return this.changeArchiveStatus(nominalId, 'REACTIVATED', request);
  }

  /**
   * Decides a flagged pair. A merge retires `retiredId` into the other record; a link and a
   * "not a duplicate" name the newer record of the pair.
   */
  async resolveDuplicate(
    candidateId: string,
    decision: DuplicateResolved['decision'],
    survivorId: string | undefined,
    request: CommandRequest,
  ): Promise<AcceptedCommand> {
    const candidate = await this.duplicates.find(candidateId);
    if (!candidate) throw new NotFoundException(`no possible duplicate with id ${candidateId}`);
    if (candidate.status !== 'OPEN') {
      throw new ConflictException(
        `possible duplicate ${candidateId} was already decided: ${candidate.status}`,
      );
    }
    const [first, second] = candidate.nominalIds;
    let nominalId = candidate.flaggedBy;
    let otherNominalId = nominalId === first ? second : first;
    if (decision === 'MERGED') {
      if (survivorId !== first && survivorId !== second) {
        throw new ConflictException(
          `a merge must keep one of the pair's records: survivorId must be ${first} or ${second}`,
        );
      }
      otherNominalId = survivorId;
      nominalId = survivorId === first ? second : first;
    }
    await this.activeRecord(nominalId);
    await this.activeRecord(otherNominalId);
    if (!(await this.duplicates.reserveDecision(candidateId))) {
      throw new ConflictException(
        `possible duplicate ${candidateId} is being decided by another request`,
      );
    }
    const event: DuplicateResolved = {
      metadata: this.metadata(request),
      nominalId,
      otherNominalId,
      decision,
      reason: request.reason,
    };
    try {
      return await this.publish('registry.nominal.duplicate-resolved.v1', event, request);
    } catch (error) {
      await this.duplicates.cancelDecision(candidateId);
      throw error;
    }
  }

  /** Undoes the merge that retired `nominalId` into the record it now redirects to. */
  async unmerge(nominalId: string, request: CommandRequest): Promise<AcceptedCommand> {
    const record = await this.store.findNominal(nominalId);
    if (!record) throw new NotFoundException(`no nominal with id ${nominalId}`);
    if (record.status !== 'MERGED' || record.mergedInto === null) {
      throw new ConflictException(
        `nominal ${nominalId} is not merged into another record, so there is no merge to undo`,
      );
    }
    const survivor = await this.store.findNominal(record.mergedInto);
    if (survivor?.status === 'MERGED') {
      throw new ConflictException(
        `record ${record.mergedInto} was itself merged into ${survivor.mergedInto ?? 'another record'}: undo that merge first`,
      );
    }
    // A survivor written before merges were recorded has no ledger (`merges` absent).
    if (!survivor?.merges?.some((merge) => merge.nominalId === nominalId)) {
      throw new ConflictException(
        `record ${record.mergedInto} holds no record of merging ${nominalId} (merged before merges were recorded, or being undone): it cannot be undone automatically`,
      );
    }
    const event: MergeUndone = {
      metadata: this.metadata(request),
      nominalId,
      otherNominalId: record.mergedInto,
      reason: request.reason,
    };
    return this.publish('registry.nominal.merge-undone.v1', event, request);
  }

  private changeArchiveStatus(
    nominalId: string,
    action: NominalArchiveStatusChanged['action'],
    request: CommandRequest,
  ): Promise<AcceptedCommand> {
    const event: NominalArchiveStatusChanged = {
      metadata: this.metadata(request),
      nominalId,
      action,
      reason: request.reason,
    };
    return this.publish('registry.nominal.archive-status-changed.v1', event, request);
  }

  private async activeRecord(nominalId: string): Promise<NominalDocument> {
    const record = await this.store.findNominal(nominalId);
    if (!record) throw new NotFoundException(`no nominal with id ${nominalId}`);
    if (record.status === 'MERGED') {
      throw new ConflictException(
        `nominal ${nominalId} was merged into ${record.mergedInto ?? 'another record'}; act on that record`,
      );
    }
    return record;
  }

  private metadata(request: CommandRequest): EventMetadata {
    return registryEventMetadata({
      eventId: randomUUID(),
      occurredAt: new Date(),
      actingUser: request.actingUser,
      correlationId: request.correlationId,
    });
  }

  private async publish(
    topic:
      | 'registry.nominal.archive-status-changed.v1'
      | 'registry.nominal.duplicate-resolved.v1'
      | 'registry.nominal.merge-undone.v1',
    event: NominalArchiveStatusChanged | DuplicateResolved | MergeUndone,
    request: CommandRequest,
  ): Promise<AcceptedCommand> {
    try {
      const published = await this.publisher.publish(topic, event.nominalId, event, {
        'x-correlation-id': request.correlationId,
        'x-event-id': event.metadata.eventId,
        traceparent: request.traceparent,
      });
      return { ...published, eventId: event.metadata.eventId, nominalId: event.nominalId };
    } catch (error) {
      throw new ServiceUnavailableException(
        `Kafka did not acknowledge the decision (${(error as Error).message}); nothing was changed, send it again`,
      );
    }
  }
}
