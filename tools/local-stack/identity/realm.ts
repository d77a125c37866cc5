import { hubRoles, tokenClaims, type OrganisationDirectory } from '@hub/security';
import { systemClientsOf, syntheticUsersOf, systemRole } from './principals';
import { cliClientId, realmName } from './names';
import type { IdentitySecrets } from './secrets';

export { cliClientId, realmName };

/**
 * The Keycloak realm of the hub, generated from the organisation directory (a pure function): realm
 * roles = hub roles, a confidential client per directory system, synthetic people per organisation
 * and role, and a public `hub-cli` client for people's tokens. Only the parts of Keycloak's realm
 * representation (its import format) that we set are typed here.
 */

/** The client scope every client of the realm uses: it alone shapes the hub's access tokens. */
export const hubScopeName = 'mappa-hub';
/** Access tokens expire quickly: a leaked one is of little use, and clients renew cheaply. */
export const accessTokenLifespanSeconds = 300;
/**
 * The people are synthetic and the stack is local: a cheap password hash keeps the import of a few
 * hundred users to seconds (Keycloak's default, Argon2, costs ~0.1 s of CPU per password). Never use
 * this policy for real people.
 */
export const localPasswordPolicy = 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)';

type Config = Record<string, string>;

export interface ProtocolMapper {
  name: string;
  protocol: 'openid-connect';
  protocolMapper: string;
  consentRequired: false;
  config: Config;
}

export interface ClientRepresentation {
  clientId: string;
  name: string;
  enabled: true;
  protocol: 'openid-connect';
  publicClient: boolean;
  clientAuthenticatorType?: 'client-secret';
  secret?: string;
  serviceAccountsEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  standardFlowEnabled: false;
  implicitFlowEnabled: false;
  frontchannelLogout: false;
  /** Off: a token carries only the roles of the clients' scope (the hub roles), nothing else. */
  fullScopeAllowed: false;
  defaultClientScopes: string[];
  optionalClientScopes: string[];
  protocolMappers: ProtocolMapper[];
}

export interface UserRepresentation {
  username: string;
  enabled: true;
  firstName?: string;
  lastName?: string;
  email?: string;
  emailVerified?: boolean;
  attributes?: Record<string, string[]>;
  credentials?: { type: 'password'; value: string; temporary: false }[];
  realmRoles: string[];
  /** Set for a client's service account. */
  serviceAccountClientId?: string;
}

export interface RealmRepresentation {
  realm: string;
  enabled: true;
  displayName: string;
  /** HTTPS for every caller except loopback and private networks (the stack and compose). */
  sslRequired: 'external';
  accessTokenLifespan: number;
  passwordPolicy: string;
  registrationAllowed: false;
  resetPasswordAllowed: false;
  bruteForceProtected: boolean;
  attributes: Config;
  roles: { realm: { name: string; description: string }[] };
  clientScopes: {
    name: string;
    description: string;
    protocol: 'openid-connect';
    attributes: Config;
    protocolMappers: ProtocolMapper[];
  }[];
  defaultDefaultClientScopes: string[];
  defaultOptionalClientScopes: string[];
  scopeMappings: { clientScope: string; roles: string[] }[];
  clients: ClientRepresentation[];
  users: UserRepresentation[];
}

/** A claim in the access token (and introspection) only: ID tokens and userinfo do not need it. */
const accessTokenOnly: Config = {
  'access.token.claim': 'true',
  'introspection.token.claim': 'true',
  'id.token.claim': 'false',
  'lightweight.claim': 'false',
  'userinfo.token.claim': 'false',
};

function mapper(name: string, protocolMapper: string, config: Config): ProtocolMapper {
  return { name, protocol: 'openid-connect', protocolMapper, consentRequired: false, config };
}

/** The `org` claim of a system's tokens: fixed by the client, as the directory says. */
function organisationClaimOf(organisationId: string): ProtocolMapper {
  return mapper('organisation', 'oidc-hardcoded-claim-mapper', {
    ...accessTokenOnly,
    'claim.name': tokenClaims.organisation,
    'claim.value': organisationId,
    'jsonType.label': 'String',
  });
}

/** The `org` claim of a person's tokens: the person's `org` attribute. */
const userOrganisationClaim = mapper('organisation', 'oidc-usermodel-attribute-mapper', {
  ...accessTokenOnly,
  'user.attribute': tokenClaims.organisation,
  'claim.name': tokenClaims.organisation,
  'jsonType.label': 'String',
  multivalued: 'false',
  'aggregate.attrs': 'false',
});

/** Mappers of the hub's client scope: what every token of the realm carries. */
const hubScopeMappers: ProtocolMapper[] = [
  mapper('audience', 'oidc-audience-mapper', {
    ...accessTokenOnly,
    'included.custom.audience': tokenClaims.audience,
  }),
  // A flat `roles` array of realm roles; the scope's role mappings keep it to the hub roles.
  mapper('hub roles', 'oidc-usermodel-realm-role-mapper', {
    ...accessTokenOnly,
    'claim.name': tokenClaims.roles,
    'jsonType.label': 'String',
    multivalued: 'true',
  }),
  mapper('subject', 'oidc-sub-mapper', { ...accessTokenOnly }),
  mapper('username', 'oidc-usermodel-property-mapper', {
    ...accessTokenOnly,
    'user.attribute': 'username',
    'claim.name': 'preferred_username',
    'jsonType.label': 'String',
  }),
];

interface ClientShape {
  clientId: string;
  name: string;
  publicClient: boolean;
  secret?: string;
  serviceAccountsEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  protocolMappers: ProtocolMapper[];
}

function client(shape: ClientShape): ClientRepresentation {
  return {
    clientId: shape.clientId,
    name: shape.name,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: shape.publicClient,
    ...(shape.secret === undefined
      ? {}
      : { clientAuthenticatorType: 'client-secret' as const, secret: shape.secret }),
    serviceAccountsEnabled: shape.serviceAccountsEnabled,
    directAccessGrantsEnabled: shape.directAccessGrantsEnabled,
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    frontchannelLogout: false,
    fullScopeAllowed: false,
    defaultClientScopes: [hubScopeName],
    optionalClientScopes: [],
    protocolMappers: shape.protocolMappers,
  };
}

/** A human-readable role name for synthetic people's names: `record-manager` → `Record manager`. */
function roleLabel(role: string): string {
  const words = role.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Where a client secret or a user password comes from: the stack's secrets file, or (docker-compose)
 * placeholders that Keycloak resolves from its environment when it imports the file.
 */
export type SecretSource = (kind: 'client' | 'user', name: string) => string;

/** Secrets from the stack's secrets file; missing ones are a programming error (see secretsFor). */
export function secretsFrom(secrets: IdentitySecrets): SecretSource {
  return (kind, name) => {
    const value = kind === 'client' ? secrets.clients[name] : secrets.users[name];
    if (value === undefined) throw new Error(`no ${kind} secret for ${name}`);
    return value;
  };
}

export function realmOf(
  directory: OrganisationDirectory,
  secretOf: SecretSource,
): RealmRepresentation {
  const systems = systemClientsOf(directory);
  const people = syntheticUsersOf(directory);
  const clients: ClientRepresentation[] = [
    ...systems.map((system) =>
      client({
        clientId: system.clientId,
        name: system.name,
        publicClient: false,
        secret: secretOf('client', system.clientId),
        serviceAccountsEnabled: true,
        directAccessGrantsEnabled: false,
        protocolMappers: [organisationClaimOf(system.organisationId)],
      }),
    ),
    client({
      clientId: cliClientId,
      name: 'Hub command line (people, password grant)',
      publicClient: true,
      serviceAccountsEnabled: false,
      directAccessGrantsEnabled: true,
      protocolMappers: [userOrganisationClaim],
    }),
  ];
  const serviceAccounts: UserRepresentation[] = systems.map((system) => ({
    // Keycloak's own naming of a service account (lower case, as usernames are).
    username: `service-account-${system.clientId}`,
    enabled: true,
    serviceAccountClientId: system.clientId,
    realmRoles: [systemRole],
  }));
  const users: UserRepresentation[] = people.map((person) => ({
    username: person.username,
    enabled: true,
    // Synthetic: a role, never a real person's name. Keycloak's profile validation refuses names
    // with characters such as ( ) & ; without a name, it refuses the password grant.
    firstName: roleLabel(person.role),
    lastName: 'Synthetic person',
    email: `${person.username}@people.mappa-hub.invalid`,
    emailVerified: true,
    attributes: { [tokenClaims.organisation]: [person.organisationId] },
    credentials: [{ type: 'password', value: secretOf('user', person.username), temporary: false }],
    realmRoles: [person.role],
  }));
  return {
    realm: realmName,
    enabled: true,
    displayName: 'MAPPA Exchange Hub',
    sslRequired: 'external',
    accessTokenLifespan: accessTokenLifespanSeconds,
    passwordPolicy: localPasswordPolicy,
    registrationAllowed: false,
    resetPasswordAllowed: false,
    // Synthetic local accounts with long random passwords; lock-outs would only make tests flaky.
    bruteForceProtected: false,
    // Which directory the realm was generated from, for whoever wonders what it contains.
    attributes: { mappaDirectoryVersion: directory.version },
    roles: { realm: hubRoles.map((role) => ({ name: role, description: `Hub role ${role}` })) },
    clientScopes: [
      {
        name: hubScopeName,
        description: "The hub's access token: audience, organisation, hub roles, username",
        protocol: 'openid-connect',
        attributes: { 'include.in.token.scope': 'false', 'display.on.consent.screen': 'false' },
        protocolMappers: hubScopeMappers,
      },
    ],
    defaultDefaultClientScopes: [hubScopeName],
    defaultOptionalClientScopes: [],
    scopeMappings: [{ clientScope: hubScopeName, roles: [...hubRoles] }],
    clients,
    users: [...serviceAccounts, ...users],
  };
}
