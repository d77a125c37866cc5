import type { AgencyIdentifier, PersonName } from '@hub/contracts';
import type { NominalContent } from '../nominals/nominal.documents';
import { fieldsAddedSinceFirstRelease } from '../nominals/record-upgrade';
import { displayName, existing, InapplicableEventError, type ProjectionOf } from './projection';
import { stateFact } from './state-facts';

const sameName = (a: PersonName, b: PersonName): boolean =>
  a.familyName.toLowerCase() === b.familyName.toLowerCase() &&
  a.givenNames.join(' ').toLowerCase() === b.givenNames.join(' ').toLowerCase();

const sameIdentifier = (a: AgencyIdentifier, b: AgencyIdentifier): boolean =>
  a.type === b.type &&
  a.value.replace(/\s+/g, '').toUpperCase() === b.value.replace(/\s+/g, '').toUpperCase();

/** `list` with `items` added, leaving out what it already has. */
export function withoutRepeats<T>(list: T[], items: T[], same: (a: T, b: T) => boolean): T[] {
  const result = [...list];
  for (const item of items) if (!result.some((kept) => same(kept, item))) result.push(item);
  return result;
}

export const nominalRegistered: ProjectionOf<'mappa.nominal.registered.v1'> = {
  eventType: 'NominalRegistered',
  project(current, event) {
    if (current !== null) {
      throw new InapplicableEventError(
        `nominal ${event.nominalId} is already registered; a second registration would overwrite the record`,
      );
    }
    const management = {
      leadAgency: event.leadAgency,
      managingArea: event.managingArea,
      jurisdiction: event.jurisdiction,
      recordManager: null,
      coManagers: [],
      // Whether the person has victims in a scheme is for the management to record.
      victimContact: null,
    };
    const content: NominalContent = {
      ...fieldsAddedSinceFirstRelease(),
      status: 'ACTIVE',
      archive: null,
      mergedInto: null,
      mergedFrom: [],
      linkedNominals: [],
      registeredBy: event.metadata.producingAgency,
      name: event.name,
      aliases: withoutRepeats([], event.aliases, sameName),
      dateOfBirth: event.dateOfBirth,
      aliasDatesOfBirth: [...new Set(event.aliasDatesOfBirth)].filter(
        (date) => date !== event.dateOfBirth,
      ),
      gender: event.gender,
      identifiers: withoutRepeats([], event.identifiers, sameIdentifier),
      mappa: null,
      management,
      // The registration's management is the first assignment.
      managementHistory: [{ ...stateFact(event.metadata, null), management, initial: true }],
      addresses: [],
      custody: null,
      supervision: null,
      supervisionEvents: [],
      restrictedPatient: null,
      riskAssessments: [],
      riskManagementPlans: [],
      notifications: [],
      intelligence: [],
      meetings: [],
    };
    return content;
  },
  summary: (event) =>
    `${displayName(event.name)} registered by ${event.metadata.producingAgency}, managed in ${event.managingArea}`,
};

export const personalDetailsChanged: ProjectionOf<'mappa.personal-details.changed.v1'> = {
  eventType: 'PersonalDetailsChanged',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const name = event.name ?? record.name;
    // A former name stays findable: it becomes an alias.
    const formerName = event.name && !sameName(event.name, record.name) ? [record.name] : [];
    const aliases = withoutRepeats(record.aliases, [...formerName, ...event.aliasesAdded], sameName)
      .filter((alias) => !event.aliasesRemoved.some((removed) => sameName(alias, removed)))
      .filter((alias) => !sameName(alias, name));
    const dateOfBirth = event.dateOfBirth ?? record.dateOfBirth;
    // A corrected date of birth stays a matching key, like a former name: other agencies may still
    // hold the person under it. Removing it is explicit (aliasDatesOfBirthRemoved).
    const formerDate = dateOfBirth !== record.dateOfBirth ? [record.dateOfBirth] : [];
    const aliasDatesOfBirth = [
      ...new Set([...record.aliasDatesOfBirth, ...formerDate, ...event.aliasDatesOfBirthAdded]),
    ].filter((date) => date !== dateOfBirth && !event.aliasDatesOfBirthRemoved.includes(date));
    return {
      ...record,
      name,
      aliases,
      dateOfBirth,
      aliasDatesOfBirth,
      gender: event.gender ?? record.gender,
      // Details recorded after a merge (or an unmerge) settle what it left contradictory.
      mergeConflicts: record.mergeConflicts.filter(
        (conflict) =>
          conflict.field !== 'identity' &&
          !(conflict.field === 'dateOfBirth' && event.dateOfBirth) &&
          !(conflict.field === 'gender' && event.gender),
      ),
    };
  },
  summary(event) {
    const changes = [
      event.name && `name now ${displayName(event.name)}`,
      event.aliasesAdded.length > 0 &&
        `aliases added: ${event.aliasesAdded.map(displayName).join(', ')}`,
      event.aliasesRemoved.length > 0 &&
        `aliases removed: ${event.aliasesRemoved.map(displayName).join(', ')}`,
      event.dateOfBirth && `date of birth now ${event.dateOfBirth}`,
      event.aliasDatesOfBirthAdded.length > 0 &&
        `alias dates of birth added: ${event.aliasDatesOfBirthAdded.join(', ')}`,
      event.aliasDatesOfBirthRemoved.length > 0 &&
        `alias dates of birth removed: ${event.aliasDatesOfBirthRemoved.join(', ')}`,
      event.gender && `gender now ${event.gender}`,
    ].filter(Boolean);
    return `Personal details changed: ${changes.join('; ') || 'no change'}`;
  },
};

export const agencyIdentifierLinked: ProjectionOf<'mappa.agency-identifier.linked.v1'> = {
  eventType: 'AgencyIdentifierLinked',
  project(current, event) {
    const record = existing(current, event.nominalId);
    return {
      ...record,
      identifiers: withoutRepeats(record.identifiers, [event.identifier], sameIdentifier),
    };
  },
  summary: (event) =>
    `${event.identifier.type} ${event.identifier.value} linked by ${event.identifier.issuedBy}`,
};
