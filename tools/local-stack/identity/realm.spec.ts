import { hubRoles, organisationDirectory, OrganisationDirectory, tokenClaims } from '@hub/security';
import { rolesOfPeopleIn, systemClientsOf, syntheticUsersOf } from './principals';
import {
  accessTokenLifespanSeconds,
  cliClientId,
  hubScopeName,
  realmName,
  realmOf,
  type ClientRepresentation,
  type ProtocolMapper,
  type RealmRepresentation,
} from './realm';

const directory = organisationDirectory();
/** Secrets that say whose they are, so that a mix-up between principals shows. */
const realm = realmOf(directory, (kind, name) => `${kind}-secret-of-${name}`);

function clientOf(realm: RealmRepresentation, clientId: string): ClientRepresentation {
  const client = realm.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw new Error(`no client ${clientId}`);
  return client;
}

function mapperOf(mappers: ProtocolMapper[], type: string): ProtocolMapper {
  const found = mappers.filter((mapper) => mapper.protocolMapper === type);
  expect(found).toHaveLength(1);
  const [only] = found;
  if (!only) throw new Error(`no ${type} mapper`);
  return only;
}

const directorySystems = directory.organisations.flatMap((organisation) =>
  organisation.systems
    .filter((system) => system.oauthClientId !== null)
    .map((system) => ({ clientId: system.oauthClientId as string, organisation: organisation.id })),
);

describe('the realm generated from the organisation directory', () => {
  it('is the mappa-hub realm with short-lived access tokens and the hub roles as realm roles', () => {
    expect(realm.realm).toBe(realmName);
    expect(realm.accessTokenLifespan).toBe(accessTokenLifespanSeconds);
    expect(accessTokenLifespanSeconds).toBeLessThanOrEqual(300);
    expect(realm.roles.realm.map((role) => role.name)).toEqual([...hubRoles]);
    expect(realm.attributes.mappaDirectoryVersion).toBe(directory.version);
  });

  it('has a confidential, client-credentials-only client for every directory system with an OAuth client', () => {
    expect(directorySystems.length).toBeGreaterThan(100);
    expect(realm.clients.map((client) => client.clientId).sort()).toEqual(
      [...directorySystems.map((system) => system.clientId), cliClientId].sort(),
    );
    for (const { clientId, organisation } of directorySystems) {
      const client = clientOf(realm, clientId);
      expect({
        clientId,
        publicClient: client.publicClient,
        secret: client.secret,
        serviceAccounts: client.serviceAccountsEnabled,
        password: client.directAccessGrantsEnabled,
        browser: client.standardFlowEnabled || client.implicitFlowEnabled,
      }).toEqual({
        clientId,
        publicClient: false,
        secret: `client-secret-of-${clientId}`,
        serviceAccounts: true,
        password: false,
        browser: false,
      });
      const org = mapperOf(client.protocolMappers, 'oidc-hardcoded-claim-mapper');
      expect(org.config).toMatchObject({
        'claim.name': tokenClaims.organisation,
        'claim.value': organisation,
        'access.token.claim': 'true',
      });
    }
  });

  it("gives every system's service account the agency-system role, and nothing else", () => {
    for (const { clientId } of directorySystems) {
      const accounts = realm.users.filter((user) => user.serviceAccountClientId === clientId);
      expect(accounts).toEqual([
        expect.objectContaining({
          username: `service-account-${clientId}`,
          realmRoles: ['agency-system'],
        }),
      ]);
      expect(accounts[0]?.credentials).toBeUndefined();
    }
  });

  it('puts the audience, a flat roles array, the subject and the username in every token', () => {
    const [scope] = realm.clientScopes;
    expect(realm.clientScopes).toHaveLength(1);
    expect(scope?.name).toBe(hubScopeName);
    const mappers = scope?.protocolMappers ?? [];
    expect(mapperOf(mappers, 'oidc-audience-mapper').config).toMatchObject({
      'included.custom.audience': tokenClaims.audience,
      'access.token.claim': 'true',
    });
    expect(mapperOf(mappers, 'oidc-usermodel-realm-role-mapper').config).toMatchObject({
      'claim.name': tokenClaims.roles,
      multivalued: 'true',
      'access.token.claim': 'true',
    });
    expect(mapperOf(mappers, 'oidc-sub-mapper').config['access.token.claim']).toBe('true');
    expect(mapperOf(mappers, 'oidc-usermodel-property-mapper').config).toMatchObject({
      'user.attribute': 'username',
      'claim.name': 'preferred_username',
    });
    // Only the hub roles reach a token: every client is limited to the scope's role mappings.
    expect(realm.scopeMappings).toEqual([{ clientScope: hubScopeName, roles: [...hubRoles] }]);
    for (const client of realm.clients) {
      expect({ client: client.clientId, full: client.fullScopeAllowed }).toEqual({
        client: client.clientId,
        full: false,
      });
      expect(client.defaultClientScopes).toEqual([hubScopeName]);
    }
  });

  it('has a public hub-cli client with the password grant, whose tokens carry the person’s organisation', () => {
    const cli = clientOf(realm, cliClientId);
    expect(cli).toMatchObject({
      publicClient: true,
      directAccessGrantsEnabled: true,
      serviceAccountsEnabled: false,
      standardFlowEnabled: false,
    });
    expect(cli.secret).toBeUndefined();
    expect(mapperOf(cli.protocolMappers, 'oidc-usermodel-attribute-mapper').config).toMatchObject({
      'user.attribute': tokenClaims.organisation,
      'claim.name': tokenClaims.organisation,
    });
  });

  it('has one synthetic person per organisation and role, with the organisation and a password', () => {
    const people = realm.users.filter((user) => user.serviceAccountClientId === undefined);
    const expected = directory.organisations.flatMap((organisation) =>
      rolesOfPeopleIn(organisation).map((role) => `${organisation.id}.${role}`),
    );
    expect(people.map((person) => person.username)).toEqual(expected);
    for (const person of people) {
      const [organisation, role] = person.username.split('.');
      expect(person).toMatchObject({
        realmRoles: [role],
        attributes: { [tokenClaims.organisation]: [organisation] },
        credentials: [{ type: 'password', value: `user-secret-of-${person.username}` }],
      });
      // Keycloak refuses the password grant to people without a valid first and last name and email.
      expect(person.firstName).toMatch(/^[A-Za-z ]+$/);
      expect(person.lastName).toMatch(/^[A-Za-z ]+$/);
      expect(person.email).toBe(`${person.username}@people.mappa-hub.invalid`);
    }
  });
});

describe('the roles of synthetic people', () => {
  const byType = (type: string) =>
    directory.organisations.filter((organisation) => organisation.agencyType === type);

  it.each([
    ['POLICE', ['practitioner', 'record-manager', 'mappa-coordinator', 'transfer-coordinator']],
    ['PROBATION', ['practitioner', 'record-manager', 'mappa-coordinator', 'transfer-coordinator']],
    ['SOCIAL_WORK', ['practitioner', 'record-manager', 'mappa-coordinator']],
    ['PRISON', ['practitioner']],
    ['HEALTH', ['practitioner']],
    ['HUB', ['data-governance', 'auditor', 'mi-analyst']],
  ])('%s organisations have %j', (type, roles) => {
    expect(byType(type).length).toBeGreaterThan(0);
    for (const organisation of byType(type)) expect(rolesOfPeopleIn(organisation)).toEqual(roles);
  });

  it('follow the directory: a new organisation gets its people and its system a client', () => {
    const data = structuredClone(directory.data);
    const kent = data.organisations.find((organisation) => organisation.id === 'police-kent');
    if (!kent) throw new Error('police-kent is not in the directory');
    data.organisations.push({
      ...structuredClone(kent),
      id: 'police-test-added',
      systems: [
        {
          id: 'police-test-added.rms',
          name: 'Records',
          kafkaPrincipal: 'police-test-added.rms',
          oauthClientId: 'police-test-added.rms',
        },
      ],
    });
    const changed = OrganisationDirectory.from(data);
    expect(systemClientsOf(changed).map((client) => client.clientId)).toContain(
      'police-test-added.rms',
    );
    expect(syntheticUsersOf(changed).map((user) => user.username)).toContain(
      'police-test-added.practitioner',
    );
  });
});
