import type { Agency } from '@hub/contracts';
import type { HubRole, Organisation, OrganisationDirectory } from '@hub/security';
import { hubRoles } from '@hub/security';

/**
 * Who the local identity provider knows, derived from the organisation directory: one OAuth client per
 * directory system that has an `oauthClientId`, and synthetic people per organisation and role.
 */

/** A directory system's OAuth client (client credentials); its tokens carry its organisation. */
export interface SystemClient {
  clientId: string;
  name: string;
  organisationId: string;
}

/** A synthetic person: `<organisation id>.<role>`, holding that one hub role. */
export interface SyntheticUser {
  username: string;
  organisationId: string;
  role: HubRole;
}

/** The role a directory system's service account holds. */
export const systemRole: HubRole = 'agency-system';

/** Agencies whose people manage MAPPA cases: they manage records and co-ordinate. */
const caseManagingAgencies: readonly Agency[] = ['POLICE', 'PROBATION', 'SOCIAL_WORK'];
/** Agencies that move the people they manage between areas and across borders. */
const transferringAgencies: readonly Agency[] = ['POLICE', 'PROBATION'];

/**
 * The roles people of an organisation plausibly hold. Member organisations have practitioners; those
 * that manage MAPPA cases (police, probation, justice social work) manage records and co-ordinate;
 * police and probation move people between areas; national governance, audit and management
 * information sit with the hub itself.
 */
export function rolesOfPeopleIn(organisation: Organisation): HubRole[] {
  const roles: HubRole[] = [];
  if (organisation.agencyType === 'HUB') {
    roles.push('data-governance', 'auditor', 'mi-analyst');
    return roles;
  }
  roles.push('practitioner');
  if (caseManagingAgencies.includes(organisation.agencyType)) {
    roles.push('record-manager', 'mappa-coordinator');
  }
  if (transferringAgencies.includes(organisation.agencyType)) roles.push('transfer-coordinator');
  // Keep the hub's own order of roles, whatever the order above.
  return hubRoles.filter((role) => roles.includes(role));
}

export function systemClientsOf(directory: OrganisationDirectory): SystemClient[] {
  return directory.organisations.flatMap((organisation) =>
    organisation.systems.flatMap((system) =>
      system.oauthClientId
        ? [
            {
              clientId: system.oauthClientId,
              name: `${system.name} (${organisation.name})`,
              organisationId: organisation.id,
            },
          ]
        : [],
    ),
  );
}

export function syntheticUsersOf(directory: OrganisationDirectory): SyntheticUser[] {
  return directory.organisations.flatMap((organisation) =>
    rolesOfPeopleIn(organisation).map((role) => ({
      username: `${organisation.id}.${role}`,
      organisationId: organisation.id,
      role,
    })),
  );
}
