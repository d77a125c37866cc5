/**
 * The hub's roles. A person or system holds them as realm roles of the identity provider; the
 * access token carries them in its `roles` claim.
 */
export const hubRoles = [
  /** An agency's case system: publishes its organisation's facts, reads nothing through the API. */
  'agency-system',
  /** Works cases: searches, reads the records their organisation manages. */
  'practitioner',
  /** Manages records for their organisation: as a practitioner, plus archive and re-activate. */
  'record-manager',
  /** Co-ordinates MAPPA in an area: as a practitioner, plus meeting minutes and duplicate decisions. */
  'mappa-coordinator',
  /** Watches transfers between areas and across UK borders. */
  'transfer-coordinator',
  /** Runs access, archiving, retention and duplicate decisions nationally. */
  'data-governance',
  /** Reads the audit trail: who saw what. */
  'auditor',
  /** Management information: aggregates only, never a person's record. */
  'mi-analyst',
] as const;

export type HubRole = (typeof hubRoles)[number];

export function isHubRole(value: unknown): value is HubRole {
  return typeof value === 'string' && (hubRoles as readonly string[]).includes(value);
}

/**
 * What the hub reads from a verified access token, and the claims it expects there:
 * `org` (an organisation id of the directory), `roles` (hub roles), `azp` (the OAuth client),
 * `preferred_username` or `sub` (who), the audience `mappa-hub` and the provider's issuer.
 */
export const tokenClaims = {
  organisation: 'org',
  roles: 'roles',
  audience: 'mappa-hub',
} as const;
