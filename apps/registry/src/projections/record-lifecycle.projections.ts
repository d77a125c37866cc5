import type { DuplicateResolved } from '@hub/contracts';
import type { NominalContent } from '../nominals/nominal.documents';
import { withoutRepeats } from './identity.projections';
import { existing, InapplicableEventError, type ProjectionOf } from './projection';

export const nominalArchiveStatusChanged: ProjectionOf<'registry.nominal.archive-status-changed.v1'> =
  {
    eventType: 'NominalArchiveStatusChanged',
    project(current, event) {
      const record = existing(current, event.nominalId);
      if (event.action === 'ARCHIVED') {
        return {
          ...record,
          status: 'ARCHIVED',
          archive: {
            reason: event.reason,
            archivedAt: event.metadata.occurredAt,
            archivedBy: event.metadata.actingUser,
          },
        };
      }
      return { ...record, status: 'ACTIVE', archive: null };
    },
    summary: (event) =>
      `Record ${event.action === 'ARCHIVED' ? 'archived' : 're-activated'}` +
      (event.metadata.actingUser ? ` by ${event.metadata.actingUser}` : '') +
      `: ${event.reason}`,
  };

/** The decision as the record it names (the one retired by a merge) takes it. */
export const duplicateResolved: ProjectionOf<'registry.nominal.duplicate-resolved.v1'> = {
  eventType: 'DuplicateResolved',
  project(current, event) {
    const record = existing(current, event.nominalId);
    if (event.otherNominalId === event.nominalId) {
      throw new InapplicableEventError(`nominal ${event.nominalId} cannot be its own duplicate`);
    }
    switch (event.decision) {
      case 'MERGED':
        return { ...record, status: 'MERGED', mergedInto: event.otherNominalId };
      case 'LINKED':
        return {
          ...record,
          linkedNominals: withoutRepeats(
            record.linkedNominals,
            [event.otherNominalId],
            (a, b) => a === b,
          ),
        };
      case 'NOT_DUPLICATE':
        return record;
    }
  },
  summary(event) {
    switch (event.decision) {
      case 'MERGED':
        return `Merged into ${event.otherNominalId}: ${event.reason}`;
      case 'LINKED':
        return `Linked with ${event.otherNominalId}: ${event.reason}`;
      case 'NOT_DUPLICATE':
        return `Not a duplicate of ${event.otherNominalId}: ${event.reason}`;
    }
  },
};

/**
 * The same decision as the other record takes it: a merge's survivor gains the retired record's
 * names (as aliases) and identifiers and lists it as merged in; a link is mutual.
 */
export function duplicateCounterpart(
  survivor: NominalContent,
  retired: NominalContent,
  event: DuplicateResolved,
): NominalContent {
  switch (event.decision) {
    case 'MERGED': {
      const sameName = (a: { givenNames: string[]; familyName: string }, b: typeof a) =>
        a.familyName === b.familyName && a.givenNames.join(' ') === b.givenNames.join(' ');
      const aliases = withoutRepeats(
        survivor.aliases,
        [retired.name, ...retired.aliases],
        sameName,
      ).filter((alias) => !sameName(alias, survivor.name));
      const byEvent = <T extends { eventId: string }>(a: T, b: T) => a.eventId === b.eventId;
      return {
        ...survivor,
        aliases,
        identifiers: withoutRepeats(
          survivor.identifiers,
          retired.identifiers,
          (a, b) => a.type === b.type && a.value === b.value,
        ),
        mergedFrom: withoutRepeats(
          survivor.mergedFrom,
          [event.nominalId, ...retired.mergedFrom],
          (a, b) => a === b,
        ),
        // What partner agencies told the hub about the retired record stays in force: its items
        // join the survivor's, and its current states fill those the survivor does not have.
        addresses: withoutRepeats(
          survivor.addresses,
          retired.addresses,
          (a, b) => a.addressId === b.addressId,
        ),
        riskAssessments: withoutRepeats(survivor.riskAssessments, retired.riskAssessments, byEvent),
        riskManagementPlans: withoutRepeats(
          survivor.riskManagementPlans,
          retired.riskManagementPlans,
          byEvent,
        ),
        notifications: withoutRepeats(survivor.notifications, retired.notifications, byEvent),
        intelligence: withoutRepeats(survivor.intelligence, retired.intelligence, byEvent),
        meetings: withoutRepeats(survivor.meetings, retired.meetings, byEvent),
        supervisionEvents: withoutRepeats(
          survivor.supervisionEvents,
          retired.supervisionEvents,
          byEvent,
        ),
        mappa: survivor.mappa ?? retired.mappa,
        custody: survivor.custody ?? retired.custody,
        supervision: survivor.supervision ?? retired.supervision,
        restrictedPatient: survivor.restrictedPatient ?? retired.restrictedPatient,
      };
    }
    case 'LINKED':
      return {
        ...survivor,
        linkedNominals: withoutRepeats(
          survivor.linkedNominals,
          [event.nominalId],
          (a, b) => a === b,
        ),
      };
    case 'NOT_DUPLICATE':
      return survivor;
  }
}

export function counterpartSummary(event: DuplicateResolved): string {
  switch (event.decision) {
    case 'MERGED':
      return `Record ${event.nominalId} merged into this one: ${event.reason}`;
    case 'LINKED':
      return `Linked with ${event.nominalId}: ${event.reason}`;
    case 'NOT_DUPLICATE':
      return `Not a duplicate of ${event.nominalId}: ${event.reason}`;
  }
}
