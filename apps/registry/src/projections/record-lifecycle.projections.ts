import type {
  AgencyIdentifier,
  DuplicateResolved,
  PersonName,
  RecordConflict,
} from '@hub/contracts';
import type { MergeLedgerEntry, NominalContent } from '../nominals/nominal.documents';
import { withoutRepeats } from './identity.projections';
import {
  existing,
  InapplicableEventError,
  NominalNotRegisteredError,
  type ProjectionOf,
} from './projection';
import { producerIdOf, withEventItems } from './record-items';

export const nominalArchiveStatusChanged: ProjectionOf<'registry.nominal.archive-status-changed.v1'> =
  {
    eventType: 'NominalArchiveStatusChanged',
    project(current, event) {
      const record = existing(current, event.nominalId);
      if (event.action === 'ARCHIVED') {
        return {
          ...record,
          status: 'ARCHIVED',
          mergeConflicts: record.mergeConflicts.filter((conflict) => conflict.field !== 'status'),
          archive: {
            reason: event.reason,
            archivedAt: event.metadata.occurredAt,
            archivedBy: event.metadata.actingUser,
          },
        };
      }
      return {
        ...record,
        status: 'ACTIVE',
        archive: null,
        mergeConflicts: record.mergeConflicts.filter((conflict) => conflict.field !== 'status'),
      };
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
 * names (as aliases), identifiers and every item agencies recorded about it, and its current states
 * are derived again from both records' facts (the newest by effective date wins, a contradiction
 * no date decides is raised as a conflict); a ledger entry keeps what came from where, so that the
 * merge can be undone. A link is mutual.
 */
export function duplicateCounterpart(
  survivor: NominalContent,
  retired: NominalContent,
  event: DuplicateResolved,
): NominalContent {
  switch (event.decision) {
    case 'MERGED':
      return mergedInto(survivor, retired, event);
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

const sameName = (a: PersonName, b: PersonName): boolean =>
  a.familyName === b.familyName && a.givenNames.join(' ') === b.givenNames.join(' ');

const sameIdentifier = (a: AgencyIdentifier, b: AgencyIdentifier): boolean =>
  a.type === b.type && a.value === b.value;

function mergedInto(
  survivor: NominalContent,
  retired: NominalContent,
  event: DuplicateResolved,
): NominalContent {
  const aliasesAdded = withoutRepeats([], [retired.name, ...retired.aliases], sameName).filter(
    (alias) =>
      !sameName(alias, survivor.name) && !survivor.aliases.some((kept) => sameName(kept, alias)),
  );
  const identifiersAdded = retired.identifiers.filter(
    (id) => !survivor.identifiers.some((kept) => sameIdentifier(kept, id)),
  );
  const itemEventIds: string[] = [];
  const withItems = withEventItems(survivor, (list, items) => {
    const held = new Set(items.map((item) => item.eventId));
    // An item a producer identifies (an address, a plan, an order) is one thing however often
    // recorded: the survivor's version of it stays.
    const idOf = producerIdOf(list);
    const heldIds = new Set(idOf ? items.map(idOf) : []);
    const added = retired[list].filter(
      (item) => !held.has(item.eventId) && !(idOf && heldIds.has(idOf(item))),
    );
    itemEventIds.push(...added.map((item) => item.eventId));
    return [...items, ...added];
  });
  const aliasDatesOfBirthAdded = [retired.dateOfBirth, ...retired.aliasDatesOfBirth].filter(
    (date, index, dates) =>
      dates.indexOf(date) === index &&
      date !== survivor.dateOfBirth &&
      !survivor.aliasDatesOfBirth.includes(date),
  );
  // A record someone still manages is active: an archived survivor absorbing one is re-activated.
  // (The retired record reads as MERGED by now; its archive tells whether it was active.)
  const reactivated = survivor.status === 'ARCHIVED' && retired.archive === null;
  const conflicts = mergeConflictsOf(survivor, retired, event, reactivated);
  const ledger: MergeLedgerEntry = {
    nominalId: event.nominalId,
    absorbed: [event.nominalId, ...retired.mergedFrom],
    eventId: event.metadata.eventId,
    mergedAt: event.metadata.occurredAt,
    aliasesAdded,
    aliasDatesOfBirthAdded,
    identifiersAdded,
    itemEventIds,
    redirectedEventIds: [],
    identityChangedSince: false,
    statusBefore: survivor.status,
    archiveBefore: survivor.archive,
  };
  return {
    ...withItems,
    aliases: [...survivor.aliases, ...aliasesAdded],
    // The retired record's dates of birth stay matching keys of the person (duplicate matching).
    aliasDatesOfBirth: [...survivor.aliasDatesOfBirth, ...aliasDatesOfBirthAdded],
    identifiers: [...survivor.identifiers, ...identifiersAdded],
    mergedFrom: withoutRepeats(survivor.mergedFrom, ledger.absorbed, (a, b) => a === b),
    status: reactivated ? 'ACTIVE' : survivor.status,
    archive: reactivated ? null : survivor.archive,
    merges: [...survivor.merges, ledger],
    mergeConflicts: [...survivor.mergeConflicts, ...conflicts],
  };
}

/**
 * What two records say differently about a person and no effective date decides (management is
 * decided by its assignments' dates, like the other current states).
 */
function mergeConflictsOf(
  survivor: NominalContent,
  retired: NominalContent,
  event: DuplicateResolved,
  reactivated: boolean,
): RecordConflict[] {
  const conflicts: RecordConflict[] = [];
  const eventIds = [event.metadata.eventId];
  const merged = `merged record ${event.nominalId}`;
  if (survivor.dateOfBirth !== retired.dateOfBirth) {
    conflicts.push({
      field: 'dateOfBirth',
      description: `this record gives the date of birth ${survivor.dateOfBirth}, ${merged} ${retired.dateOfBirth}; the record keeps ${survivor.dateOfBirth} until the right one is recorded`,
      eventIds,
    });
  }
  if (survivor.gender !== retired.gender) {
    conflicts.push({
      field: 'gender',
      description: `this record gives the gender ${survivor.gender}, ${merged} ${retired.gender}`,
      eventIds,
    });
  }
  if (reactivated) {
    conflicts.push({
      field: 'status',
      description: `this record was archived (${survivor.archive?.reason ?? 'no reason given'}), but ${merged} was active: the record was re-activated; archive it again if the person is no longer managed`,
      eventIds,
    });
  }
  return conflicts;
}

/**
 * The record a wrong merge retired, as an unmerge restores it: what it held when merged, its own
 * status again, and the items of events addressed to it since, which went to the survivor.
 */
export const mergeUndone: ProjectionOf<'registry.nominal.merge-undone.v1'> = {
  eventType: 'MergeUndone',
  project(current, event) {
    if (current === null) throw new NominalNotRegisteredError(event.nominalId);
    if (current.status !== 'MERGED' || current.mergedInto !== event.otherNominalId) {
      throw new InapplicableEventError(
        `nominal ${event.nominalId} is not merged into ${event.otherNominalId}, so there is no merge to undo`,
      );
    }
    return { ...current, status: current.archive ? 'ARCHIVED' : 'ACTIVE', mergedInto: null };
  },
  summary: (event) =>
    `Merge into ${event.otherNominalId} undone` +
    (event.metadata.actingUser ? ` by ${event.metadata.actingUser}` : '') +
    `: ${event.reason}`,
};

/** The survivor's entry for a merge of `retiredId`, or a refusal naming what is wrong. */
export function mergeEntryOf(survivor: NominalContent, retiredId: string, survivorId: string) {
  const entry = survivor.merges.find((merge) => merge.nominalId === retiredId);
  if (!entry) {
    throw new InapplicableEventError(
      `record ${survivorId} holds no merge of ${retiredId} (merged before merges were recorded, or already undone)`,
    );
  }
  return entry;
}

/** The survivor without what the merge (and events addressed to the retired record since) brought. */
export function survivorWithoutMerge(
  survivor: NominalContent,
  entry: MergeLedgerEntry,
): NominalContent {
  const taken = new Set([...entry.itemEventIds, ...entry.redirectedEventIds]);
  const absorbed = new Set(entry.absorbed);
  const stillArchived =
    entry.statusBefore === 'ARCHIVED' && survivor.status === 'ACTIVE' && survivor.archive === null;
  return {
    ...withEventItems(survivor, (_list, items) => items.filter((item) => !taken.has(item.eventId))),
    aliases: survivor.aliases.filter(
      (alias) => !entry.aliasesAdded.some((added) => sameName(added, alias)),
    ),
    aliasDatesOfBirth: survivor.aliasDatesOfBirth.filter(
      (date) => !entry.aliasDatesOfBirthAdded.includes(date),
    ),
    identifiers: survivor.identifiers.filter(
      (id) => !entry.identifiersAdded.some((added) => sameIdentifier(added, id)),
    ),
    mergedFrom: survivor.mergedFrom.filter((id) => !absorbed.has(id)),
    merges: survivor.merges.filter((merge) => merge !== entry),
    mergeConflicts: [
      ...survivor.mergeConflicts.filter((conflict) => !conflict.eventIds.includes(entry.eventId)),
      ...(entry.identityChangedSince
        ? [
            {
              field: 'identity',
              description: `facts addressed to record ${entry.nominalId} while it was merged into this one changed its names, identifiers, management or prison number; the unmerge gave that record its own, check this record's`,
              eventIds: entry.redirectedEventIds,
            },
          ]
        : []),
    ],
    // The archive the merge lifted comes back, unless someone changed the status since.
    status: stillArchived ? 'ARCHIVED' : survivor.status,
    archive: stillArchived ? entry.archiveBefore : survivor.archive,
  };
}

/**
 * A record that took an event addressed to a record merged into it notes it, for an unmerge; and
 * whether it changed who the record says the person is (names, identifiers, management), which an
 * unmerge cannot take back item by item.
 */
export function withRedirectedEvent(
  survivor: NominalContent,
  addressedTo: string,
  eventId: string,
  changesIdentity: boolean,
): NominalContent {
  return {
    ...survivor,
    merges: survivor.merges.map((merge) =>
      merge.absorbed.includes(addressedTo) && !merge.redirectedEventIds.includes(eventId)
        ? {
            ...merge,
            redirectedEventIds: [...merge.redirectedEventIds, eventId],
            identityChangedSince: merge.identityChangedSince || changesIdentity,
          }
        : merge,
    ),
  };
}

/**
 * The registry reached a day on which date-dependent facts change: nothing is recorded, the
 * record is derived again as of the day it is applied. A merged record has nothing to derive.
 */
export const recordDateReached: ProjectionOf<'registry.nominal.date-reached.v1'> = {
  eventType: 'RecordDateReached',
  project(current, event) {
    if (current === null) throw new NominalNotRegisteredError(event.nominalId);
    return current;
  },
  summary: (event) => `Facts falling due on ${event.reachedOn} brought up to date`,
};

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
