import type { NominalDocument } from '../nominals/nominal.documents';

/** The keys of the record whose values are lists of items. */
type ItemList = {
  [K in keyof NominalDocument]-?: NominalDocument[K] extends readonly object[] ? K : never;
}[keyof NominalDocument];

type ItemOf<L extends ItemList> = NominalDocument[L] extends readonly (infer I)[] ? I : never;

/** Every field name of any member of a union (a plain `keyof` keeps only the shared ones). */
type FieldOf<T> = T extends unknown ? keyof T & string : never;

/**
 * THE list of what is encrypted at rest in `nominals`: the free text that agencies write about a
 * person (intelligence, minutes, narratives, notes, reasons, order terms). Both the write path
 * (sealing) and the read path (opening) take it from here. Identity, dates, codes, areas and
 * addresses stay in clear: queries, indexes and duplicate matching need them, and they are not
 * narrative. A new free-text field on an item is added here; nothing else changes.
 */
export const sensitiveItemFields = {
  intelligence: ['text', 'handlingConditions'],
  meetings: ['minutes', 'actions'],
  riskAssessments: ['summary'],
  riskManagementPlans: ['summary', 'actions'],
  notifications: ['details'],
  supervisionEvents: ['details'],
  restrictedPatientEvents: ['details'],
  arrangementsHistory: ['reason', 'details'],
  notificationRequirements: ['details'],
  civilOrders: ['details', 'prohibitions'],
  complianceActions: ['details'],
} as const satisfies { readonly [L in ItemList]?: readonly FieldOf<ItemOf<L>>[] };

/**
 * Encrypted whole in `nominal_history`: an entry's `details` are the event's own fields (the same
 * text as the record's items), and its `summary` quotes some of them (supervision details, reasons).
 */
export const sensitiveHistoryFields = ['summary', 'details'] as const;

/** Encrypted in `parked_events`: the decoded event and its original bytes. */
export const sensitiveParkedFields = ['value', 'bytes'] as const;

/**
 * Encrypted in each entry of a disclosure case's decision log: the item's text as decided on, and
 * the strings redacted from it (copies of the record's text).
 */
export const sensitiveDecisionFields = ['text', 'redactions'] as const;

/**
 * The name a field is encrypted under (bound to its ciphertext): a value cannot be moved to another
 * field, or from the record to the history, and still open.
 */
export const fieldNameOf = (collection: string, path: string): string => `${collection}.${path}`;
