import type { NominalContent, NotificationItem } from './nominal.documents';

/**
 * The value each field added to the record since records were first written has on a record
 * written before it: an older record is read as if it had always had them, and gains them when
 * next written. A fresh object each call, so that no record shares a default array.
 */
function fieldsAddedSinceFirstRelease(): Partial<NominalContent> {
  return {
    ppani: null,
    arrangementsHistory: [],
    custodyEvents: [],
    restrictedPatientEvents: [],
    merges: [],
    mergeConflicts: [],
    conflicts: [],
    rederiveOn: null,
    notificationRequirements: [],
    notificationStatus: null,
    overdueNotifications: [],
    civilOrders: [],
    aliasDatesOfBirth: [],
    // Derived: worked out when the record is next written (the API works them out until then).
    currentAddress: null,
    otherCurrentAddresses: [],
  };
}

/**
 * A notification stored before the hub worked deadlines out: its `dueBy` was the producer's. The
 * derivation puts the hub's in its place when the record is next written.
 */
function upgradedNotification(stored: NotificationItem): NotificationItem {
  if (stored.producerDueBy !== undefined) return stored;
  return { ...stored, changedOn: null, producerDueBy: stored.dueBy, dueByRule: null };
}

/** A stored record's content, with every field the current code expects. */
export function upgradedContent(stored: Partial<NominalContent>): NominalContent {
  const content = { ...fieldsAddedSinceFirstRelease(), ...stored } as NominalContent;
  return { ...content, notifications: content.notifications.map(upgradedNotification) };
}
