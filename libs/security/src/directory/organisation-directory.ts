import { z } from 'zod';
import { AgencySymbols, type Agency, type Jurisdiction } from '@hub/contracts';
import directoryFile from './organisations.json';

const jurisdictions = [
  'ENGLAND_AND_WALES',
  'SCOTLAND',
  'NORTHERN_IRELAND',
] as const satisfies readonly Jurisdiction[];

/** What a hub system does; absent for the member organisations' own systems. */
export const hubServices = [
  'provisioning',
  'registry',
  'transfer-coordinator',
  'insights',
  'connector',
] as const;
export type HubService = (typeof hubServices)[number];

const systemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    name: z.string().min(1),
    /** The SCRAM user the system connects to Kafka as; null if it does not connect to Kafka. */
    kafkaPrincipal: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/)
      .nullable(),
    /** The OAuth client (client credentials) the system calls the hub's APIs with; null if none. */
    oauthClientId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/)
      .nullable(),
    hubService: z.enum(hubServices).optional(),
    /** For a connector: the agency type it publishes for. */
    actsFor: z.enum(AgencySymbols).optional(),
  })
  .strict();

const organisationSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    agencyType: z.enum(AgencySymbols),
    jurisdiction: z.enum(jurisdictions),
    /** The MAPPA (in Northern Ireland, PPANI) areas the organisation serves; empty for national bodies. */
    mappaAreas: z.array(z.string().min(1)),
    /** Whom another organisation asks about a person this one manages. */
    contact: z.object({ team: z.string().min(1), email: z.email() }).strict(),
    systems: z.array(systemSchema),
  })
  .strict();

const directorySchema = z
  .object({
    $comment: z.string().optional(),
    /** Raised on every change, so that an audit entry or a provisioning run can say which one it used. */
    version: z.string().min(1),
    mappaAreas: z.array(
      z.object({ name: z.string().min(1), jurisdiction: z.enum(jurisdictions) }).strict(),
    ),
    organisations: z.array(organisationSchema),
  })
  .strict();

export type OrganisationSystem = z.infer<typeof systemSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type DirectoryData = z.infer<typeof directorySchema>;

/** A directory file that cannot be used; the message names every problem. */
export class DirectoryError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the organisation directory is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'DirectoryError';
  }
}

/** The hub's own organisation in the directory: its services publish as it, its national staff belong to it. */
export const hubOrganisationId = 'hub';

/** Areas compare as people write them: case and spacing do not matter. */
export function areaKey(area: string): string {
  return area.trim().replace(/\s+/g, ' ').toLowerCase();
}

function problemsOf(data: DirectoryData): string[] {
  const problems: string[] = [];
  const areas = new Set(data.mappaAreas.map((area) => areaKey(area.name)));
  const seen = new Map<string, string>();
  const unique = (kind: string, value: string | null | undefined, owner: string): void => {
    if (!value) return;
    const key = `${kind}:${value}`;
    const other = seen.get(key);
    if (other) problems.push(`${kind} ${value} is used by both ${other} and ${owner}`);
    else seen.set(key, owner);
  };
  for (const organisation of data.organisations) {
    unique('organisation id', organisation.id, organisation.id);
    for (const area of organisation.mappaAreas) {
      if (!areas.has(areaKey(area))) {
        problems.push(`${organisation.id} serves "${area}", which is not one of mappaAreas`);
      }
    }
    for (const system of organisation.systems) {
      unique('system id', system.id, organisation.id);
      unique('Kafka principal', system.kafkaPrincipal, organisation.id);
      unique('OAuth client', system.oauthClientId, organisation.id);
      if ((system.hubService !== undefined) !== (organisation.agencyType === 'HUB')) {
        problems.push(`${system.id}: only the hub's own systems are hub services`);
      }
      if ((system.hubService === 'connector') !== (system.actsFor !== undefined)) {
        problems.push(
          `${system.id}: a connector, and only a connector, names the agency it acts for`,
        );
      }
    }
  }
  return problems;
}

/** The one source of who is who: member organisations, the areas they serve and their systems. */
export class OrganisationDirectory {
  private readonly byId: ReadonlyMap<string, Organisation>;
  private readonly byClient: ReadonlyMap<string, [Organisation, OrganisationSystem]>;
  private readonly byPrincipal: ReadonlyMap<string, [Organisation, OrganisationSystem]>;

  constructor(readonly data: DirectoryData) {
    this.byId = new Map(data.organisations.map((organisation) => [organisation.id, organisation]));
    const systems = data.organisations.flatMap((organisation) =>
      organisation.systems.map(
        (system) => [organisation, system] as [Organisation, OrganisationSystem],
      ),
    );
    this.byClient = new Map(
      systems.flatMap((entry) => (entry[1].oauthClientId ? [[entry[1].oauthClientId, entry]] : [])),
    );
    this.byPrincipal = new Map(
      systems.flatMap((entry) =>
        entry[1].kafkaPrincipal ? [[entry[1].kafkaPrincipal, entry]] : [],
      ),
    );
  }

  /** Validates `data` (shape, unique ids, principals and clients, known areas). */
  static from(data: unknown): OrganisationDirectory {
    const parsed = directorySchema.safeParse(data);
    if (!parsed.success) {
      throw new DirectoryError(
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      );
    }
    const problems = problemsOf(parsed.data);
    if (problems.length > 0) throw new DirectoryError(problems);
    return new OrganisationDirectory(parsed.data);
  }

  get version(): string {
    return this.data.version;
  }

  get organisations(): readonly Organisation[] {
    return this.data.organisations;
  }

  organisation(id: string): Organisation | undefined {
    return this.byId.get(id);
  }

  /** The organisation and system an OAuth client belongs to. */
  systemOfClient(clientId: string): [Organisation, OrganisationSystem] | undefined {
    return this.byClient.get(clientId);
  }

  /** The organisation and system a Kafka principal belongs to. */
  systemOfPrincipal(principal: string): [Organisation, OrganisationSystem] | undefined {
    return this.byPrincipal.get(principal);
  }

  /** Every system that connects to Kafka, with its organisation. */
  kafkaSystems(): [Organisation, OrganisationSystem][] {
    return [...this.byPrincipal.values()];
  }

  /** The organisations serving `area` (compared as `areaKey`), of one agency type or all. */
  servingArea(area: string, agencyType?: Agency): Organisation[] {
    const key = areaKey(area);
    return this.data.organisations.filter(
      (organisation) =>
        (agencyType === undefined || organisation.agencyType === agencyType) &&
        organisation.mappaAreas.some((served) => areaKey(served) === key),
    );
  }

  jurisdictionOfArea(area: string): Jurisdiction | undefined {
    const key = areaKey(area);
    return this.data.mappaAreas.find((known) => areaKey(known.name) === key)?.jurisdiction;
  }
}

let loaded: OrganisationDirectory | undefined;

/** The directory the hub runs with: `libs/security/src/directory/organisations.json`, validated once. */
export function organisationDirectory(): OrganisationDirectory {
  loaded ??= OrganisationDirectory.from(directoryFile);
  return loaded;
}
