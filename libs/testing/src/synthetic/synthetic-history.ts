import { hubOrganisationId, organisationDirectory } from '@hub/security';
import {
  topicCatalogue,
  type ActionItem,
  type Address,
  type AddressType,
  type Agency,
  type AgencyIdentifier,
  type CustodyEventRecorded,
  type EventMetadata,
  type MappaCategoryAndLevelSet,
  type PpaniRiskCategorySet,
  type RestrictedPatientEventRecorded,
  type EventOf,
  type EventTopicName,
  type MappaLevel,
  type Practitioner,
  type AssessmentSetting,
  type HarmGroup,
  type ReconvictionBand,
  type ReconvictionPrediction,
  type RiskAssessmentTool,
  type RiskLevel,
  type RiskNeedLevel,
  type SeriousHarmRating,
  type WorkPriority,
  type RsoNotificationKind,
  type CivilOrderType,
  type NotificationDisposal,
  type Jurisdiction,
  type VictimContactScheme,
  type VictimScheme,
} from '@hub/contracts';
import {
  inwardCode,
  syntheticHealthCaseReference,
  syntheticNationalInsuranceNumber,
  syntheticNhsNumber,
  syntheticPrisonNumber,
  syntheticProbationCaseReference,
  syntheticSocialWorkCaseReference,
} from './identifiers';
import { familyNames, femaleGivenNames, maleGivenNames, streetNames } from './names';
import { laterYears } from './later-years';
import { establishments, secureHospitals } from './places';
import { mixSeed, namedUuid, Rng } from './prng';
import {
  defaultAsOf,
  isoDay,
  supervisingAgencyOf,
  syntheticPerson,
  type SyntheticPerson,
  type SyntheticPersonOptions,
} from './synthetic-person';

/** The organisation of `agency` serving the person's area, as the directory has it; null if none does. */
function producingOrganisationOf(agency: Agency, area: string): string | null {
  if (agency === 'HUB') return hubOrganisationId;
  return organisationDirectory().servingArea(area, agency)[0]?.id ?? null;
}

/**
 * The topics agencies publish on (the registry's own decision topics and the transfer
 * coordinator's steps are left out: the hub's services publish those).
 */
export type SyntheticTopic = Exclude<EventTopicName, `registry.${string}` | `transfer.${string}`>;

/** One event of a synthetic history: its topic and its decoded value. */
export type SyntheticEvent = {
  [T in SyntheticTopic]: { topic: T; value: EventOf<T> };
}[SyntheticTopic];

export interface SyntheticHistoryOptions extends SyntheticPersonOptions {
  /** The person to write the history of; generated from the rng when not given. */
  person?: SyntheticPerson;
}

export interface SyntheticNominal {
  person: SyntheticPerson;
  /** In the order they happened (occurredAt strictly increasing); the registration first. */
  events: SyntheticEvent[];
}

/** Each agency's (invented) producing system. */
const producingSystems: Readonly<Record<Agency, string>> = {
  POLICE: 'synthetic-police-rms',
  PRISON: 'synthetic-prison-nomis',
  PROBATION: 'synthetic-probation-case-management',
  SOCIAL_WORK: 'synthetic-social-work-cms',
  HEALTH: 'synthetic-forensic-health-pas',
  HUB: 'synthetic-hub',
};

const roles: Readonly<Record<Agency, readonly string[]>> = {
  POLICE: [
    'Detective Constable, Public Protection Unit',
    'Offender Manager (MOSOVO)',
    'Detective Sergeant',
  ],
  PRISON: ['Prison Offender Manager', 'Head of Offender Management Delivery'],
  PROBATION: ['Probation Officer', 'Senior Probation Officer', 'Probation Services Officer'],
  SOCIAL_WORK: ['Criminal Justice Social Worker', 'Team Manager, Justice Services'],
  HEALTH: [
    'Responsible Clinician',
    'Consultant Forensic Psychiatrist',
    'Forensic Community Psychiatric Nurse',
  ],
  HUB: ['MAPPA Coordinator'],
};

const chairRoles: Readonly<Record<MappaLevel, readonly string[]>> = {
  LEVEL_1: ['MAPPA Coordinator'],
  LEVEL_2: ['Senior Probation Officer', 'Detective Inspector, Public Protection'],
  LEVEL_3: ['Head of Public Protection', 'Detective Chief Inspector, Public Protection'],
};

const countries = [
  'Spain',
  'France',
  'Portugal',
  'Ireland',
  'Poland',
  'Romania',
  'Greece',
  'Netherlands',
  'Germany',
  'Italy',
  'Turkey',
  'India',
  'Pakistan',
  'Nigeria',
  'United States',
] as const;

const places = [
  'a bus station',
  'a leisure centre',
  'a school gate',
  'a retail park',
  'a railway bridge',
  'a playground',
  'a shopping centre',
  'a swimming pool',
  'a youth club',
  'a park',
] as const;

const orderTypes = {
  ENGLAND_AND_WALES: {
    licence: ['Licence', 'Extended sentence licence', 'Life licence', 'Post-sentence supervision'],
    order: ['Community Order', 'Suspended Sentence Order'],
  },
  SCOTLAND: {
    licence: ['Non-parole licence', 'Parole licence', 'Extended sentence licence'],
    order: ['Community Payback Order', 'Drug Treatment and Testing Order'],
  },
  NORTHERN_IRELAND: {
    licence: ['Determinate custodial sentence licence', 'Extended custodial sentence licence'],
    order: ['Probation Order', 'Combination Order'],
  },
} as const;

const msPerHour = 3_600_000;
const msPerDay = 24 * msPerHour;

/** Writes one person's history, moving a clock forward from event to event. */
class HistoryWriter {
  readonly events: SyntheticEvent[] = [];
  private time: number;
  /** Metadata made so far: each event's place in the person's history, for its id. */
  private made = 0;
  private addressCount = 0;

  constructor(
    private rng: Rng,
    readonly person: SyntheticPerson,
    private readonly asOf: Date,
    earlierBy: number,
  ) {
    // Histories start up to eight years back, most within the last four; `earlierBy` before that.
    const yearsBack = Math.min(8, 0.3 + Math.abs(rng.normal(0, 2.8)));
    const daysBack = Math.round(yearsBack * 365 + earlierBy / msPerDay);
    this.time = asOf.getTime() - daysBack * msPerDay + rng.int(8, 17) * msPerHour;
  }

  get today(): string {
    return isoDay(this.time);
  }

  /**
   * Draws what follows from `rng`: a part of the history added later draws from a generator of
   * its own, so that the parts written before it stay as they were.
   */
  drawFrom(rng: Rng): void {
    this.rng = rng;
  }

  /** The day `days` after today. */
  dayAfter(days: number): string {
    return isoDay(this.time + days * msPerDay);
  }

  /** Moves the clock on by between `minDays` and `maxDays` (whole minutes, at least one). */
  wait(minDays: number, maxDays: number): void {
    const step = (minDays + this.rng.float() * (maxDays - minDays)) * msPerDay;
    this.time += Math.max(60_000, Math.round(step / 60_000) * 60_000);
  }

  /** Moves the clock to a working hour of `day` (never backwards). */
  waitUntil(day: string): void {
    const target = Date.parse(`${day}T00:00:00Z`) + this.rng.int(8 * 60, 17 * 60) * 60_000;
    this.time = Math.max(this.time + 60_000, target);
  }

  /**
   * For what may or may not happen before the history ends: moves the clock on by between
   * `minDays` and `maxDays` if that stays before the end, and says whether it did.
   */
  within(minDays: number, maxDays: number): boolean {
    const room = (this.asOf.getTime() - this.time) / msPerDay;
    if (room <= minDays) return false;
    this.wait(minDays, Math.min(maxDays, room));
    return true;
  }

  metadata(topic: SyntheticTopic, agency: Agency, correlationId?: string): EventMetadata {
    const publishers: readonly Agency[] = topicCatalogue[topic].publishers;
    if (!publishers.includes(agency)) {
      throw new Error(
        `${agency} may not publish on ${topic} (publishers: ${publishers.join(', ')})`,
      );
    }
    this.made += 1;
    return {
      // Named by the person and the event's place in their history: unique across a population,
      // which the per-person generators' overlapping streams are not (event ids are idempotency keys).
      eventId: namedUuid(`${this.person.nominalId}#${this.made}`),
      occurredAt: new Date(this.time),
      producingAgency: agency,
      producingSystem: producingSystems[agency],
      producingOrganisation: producingOrganisationOf(agency, this.person.area.name),
      actingUser: `${agency.toLowerCase()}-user-${this.rng.int(1000, 9999)}`,
      correlationId: correlationId ?? this.rng.uuid(),
      causationId: null,
      classification: 'OFFICIAL_SENSITIVE',
    };
  }

  /** Adds an event; its time is never before the previous event's (histories are ordered). */
  emit<T extends SyntheticTopic>(topic: T, value: EventOf<T>): void {
    const event = { topic, value } as SyntheticEvent;
    const { metadata } = event.value;
    const last = this.events[this.events.length - 1];
    if (last && last.value.metadata.occurredAt.getTime() >= metadata.occurredAt.getTime()) {
      this.time = last.value.metadata.occurredAt.getTime() + 60_000;
      metadata.occurredAt = new Date(this.time);
    }
    this.events.push(event);
  }

  practitioner(agency: Agency, role?: string): Practitioner {
    const given = this.rng.pick(this.rng.chance(0.5) ? maleGivenNames : femaleGivenNames);
    const family = this.rng.pick(familyNames);
    const contact = this.rng.chance(0.5)
      ? `01632 960${String(this.rng.int(0, 999)).padStart(3, '0')}` // Ofcom's range for drama
      : `${given}.${family}@${agency.toLowerCase().replace('_', '-')}.synthetic.invalid`
          .toLowerCase()
          .replace(/'/g, '');
    return {
      name: `${given} ${family}`,
      agency,
      role: role ?? this.rng.pick(roles[agency]),
      contact,
    };
  }

  address(type: AddressType, from: string, extraLines: string[] = []): Address {
    this.addressCount += 1;
    const { area, jurisdiction } = this.person;
    const [town, postcodeArea, firstDistrict, lastDistrict] = this.rng.pick(area.towns);
    const street = `${this.rng.int(1, 240)} ${this.rng.pick(streetNames)}`;
    const flat = this.rng.chance(0.3) ? [`Flat ${this.rng.int(1, 24)}`] : [];
    const noFixedAbode = type === 'NO_FIXED_ABODE';
    return {
      addressId: `ADR-SYN-${this.person.serial}-${this.addressCount}`,
      type,
      lines: noFixedAbode ? [] : [...extraLines, ...(extraLines.length > 0 ? [] : flat), street],
      town,
      postcode: noFixedAbode
        ? null
        : `${postcodeArea}${this.rng.int(firstDistrict, lastDistrict)} ${inwardCode(
            this.rng.int(0, 9),
            this.rng.int(0, 19),
            this.rng.int(0, 19),
          )}`,
      area: area.name,
      jurisdiction,
      from,
      to: null,
    };
  }

  actions(count: number, fromDays: number): ActionItem[] {
    const templates = [
      'Home visit by the police offender manager',
      'Review licence conditions with the supervising officer',
      'Refer to the accredited programme',
      'Check compliance with exclusion zone',
      'Share updated risk assessment with partner agencies',
      'Arrange accommodation review',
      'Liaise with victim liaison officer',
      'Monitor internet use (device check)',
    ];
    const partners: Agency[] = [
      'POLICE',
      supervisingAgencyOf(this.person.jurisdiction),
      'HEALTH',
      'PRISON',
    ];
    return this.rng.sample(templates, count).map((description) => {
      const ownerAgency = this.rng.pick(partners);
      return {
        description,
        ownerAgency,
        ownerName: this.rng.chance(0.6) ? this.practitioner(ownerAgency).name : null,
        dueOn: this.rng.chance(0.7) ? this.dayAfter(fromDays + this.rng.int(7, 90)) : null,
      };
    });
  }
}

function riskLevelFor(rng: Rng, level: MappaLevel): RiskLevel {
  switch (level) {
    case 'LEVEL_1':
      return rng.weighted<RiskLevel>([
        ['LOW', 0.3],
        ['MEDIUM', 0.5],
        ['HIGH', 0.18],
        ['VERY_HIGH', 0.02],
      ]);
    case 'LEVEL_2':
      return rng.weighted<RiskLevel>([
        ['MEDIUM', 0.2],
        ['HIGH', 0.65],
        ['VERY_HIGH', 0.15],
      ]);
    case 'LEVEL_3':
      return rng.weighted<RiskLevel>([
        ['HIGH', 0.4],
        ['VERY_HIGH', 0.6],
      ]);
  }
}

/** The tool a risk assessment is likely made with, and the agency that makes it. */
function assessmentToolFor(w: HistoryWriter, rng: Rng): [RiskAssessmentTool, Agency] {
  const { person } = w;
  if (person.restrictedPatient) return ['HCR20', 'HEALTH'];
  if (rng.chance(0.02)) return ['OTHER', supervisingAgencyOf(person.jurisdiction)];
  if (person.jurisdiction === 'SCOTLAND') {
    if (person.category === 'CATEGORY_1')
      return rng.pick([
        ['RM2000', 'POLICE'],
        ['SA07', 'POLICE'],
      ] as const);
    return ['LSCMI', 'SOCIAL_WORK'];
  }
  if (person.category === 'CATEGORY_1') {
    if (person.leadAgency === 'POLICE')
      return rng.pick([
        ['ARMS', 'POLICE'],
        ['RM2000', 'POLICE'],
      ] as const);
    return rng.pick([
      ['OASYS', 'PROBATION'],
      ['SARN', 'PRISON'],
      ['RM2000', 'POLICE'],
    ] as const);
  }
  return ['OASYS', 'PROBATION'];
}

function register(w: HistoryWriter, rng: Rng): string {
  const { person } = w;
  const correlationId = rng.uuid();
  const identifiers: AgencyIdentifier[] = [
    { type: 'PNC_ID', value: person.pncId, issuedBy: 'POLICE' },
  ];
  // The police hold the CRO number beside the PNC id; other agencies link it later.
  if (person.croNumber && person.leadAgency === 'POLICE') {
    identifiers.push({ type: 'CRO_NUMBER', value: person.croNumber, issuedBy: 'POLICE' });
  }
  w.emit('mappa.nominal.registered.v1', {
    metadata: w.metadata('mappa.nominal.registered.v1', person.leadAgency, correlationId),
    nominalId: person.nominalId,
    name: person.name,
    aliases: person.aliases,
    dateOfBirth: person.dateOfBirth,
    aliasDatesOfBirth: person.aliasDatesOfBirth,
    gender: person.gender,
    identifiers,
    leadAgency: person.leadAgency,
    managingArea: person.area.name,
    jurisdiction: person.jurisdiction,
  });
  return correlationId;
}

function linkIdentifiers(w: HistoryWriter, rng: Rng): void {
  const { person } = w;
  const supervisor = supervisingAgencyOf(person.jurisdiction);
  const links: AgencyIdentifier[] = [];
  if (person.croNumber && person.leadAgency !== 'POLICE')
    links.push({ type: 'CRO_NUMBER', value: person.croNumber, issuedBy: 'POLICE' });
  if (person.custodial || rng.chance(0.1)) {
    links.push({
      type: 'PRISON_NUMBER',
      value: syntheticPrisonNumber(person.serial),
      issuedBy: 'PRISON',
    });
  }
  if (person.leadAgency === supervisor || person.communityOrder) {
    links.push(
      supervisor === 'SOCIAL_WORK'
        ? {
            type: 'SOCIAL_WORK_CASE_REFERENCE',
            value: syntheticSocialWorkCaseReference(person.serial),
            issuedBy: 'SOCIAL_WORK',
          }
        : {
            type: 'PROBATION_CASE_REFERENCE',
            value: syntheticProbationCaseReference(person.serial),
            issuedBy: 'PROBATION',
          },
    );
  }
  if (person.restrictedPatient) {
    links.push({
      type: 'HEALTH_CASE_REFERENCE',
      value: syntheticHealthCaseReference(person.serial),
      issuedBy: 'HEALTH',
    });
    if (person.jurisdiction !== 'SCOTLAND') {
      links.push({
        type: 'NHS_NUMBER',
        value: syntheticNhsNumber(person.serial),
        issuedBy: 'HEALTH',
      });
    }
  }
  if (person.category === 'CATEGORY_1' && rng.chance(0.2)) {
    // Registered sex offenders notify their national insurance number to the police.
    links.push({
      type: 'NATIONAL_INSURANCE_NUMBER',
      value: syntheticNationalInsuranceNumber(person.serial),
      issuedBy: 'POLICE',
    });
  }
  for (const identifier of links) {
    w.wait(0.01, 20);
    w.emit('mappa.agency-identifier.linked.v1', {
      metadata: w.metadata('mappa.agency-identifier.linked.v1', identifier.issuedBy),
      nominalId: person.nominalId,
      identifier,
    });
  }
}

/** Why a synthetic person qualifies for their MAPPA category, as the category's criteria say. */
function mappaBasisOf(
  person: SyntheticPerson,
  rng: Rng,
): [MappaCategoryAndLevelSet['basis'], string] {
  switch (person.category) {
    case 'CATEGORY_1':
      return ['NOTIFICATION_REQUIREMENTS', 'Subject to notification requirements'];
    case 'CATEGORY_2':
      return person.restrictedPatient
        ? ['VIOLENT_OR_SEXUAL_OFFENCE_SENTENCE', 'Hospital order with restrictions']
        : [
            'VIOLENT_OR_SEXUAL_OFFENCE_SENTENCE',
            'Sentenced to 12 months or more for a specified violent or sexual offence',
          ];
    case 'CATEGORY_3':
      return [
        'OTHER_SERIOUS_HARM_OFFENCE',
        'Other person assessed as posing a risk of serious harm',
      ];
    case 'CATEGORY_4':
      return rng.chance(0.7)
        ? ['TERRORISM_OFFENCE', 'Convicted of a terrorism offence']
        : ['TERRORISM_CONNECTED_OFFENCE', 'Convicted of an offence with a terrorist connection'];
    case 'RESTRICTED_PATIENTS':
      return ['RESTRICTION_ORDER', 'Compulsion order with restriction order'];
  }
}

/**
 * Northern Ireland: the person's offender group becomes their PPANI eligibility, and their level
 * of management a risk category (LAPPPs put few in category 3, as with level 3 elsewhere).
 */
function emitPpaniCategory(
  w: HistoryWriter,
  rng: Rng,
  correlationId: string,
  reviewOn: string,
): void {
  const { person } = w;
  const eligibility: PpaniRiskCategorySet['eligibility'] =
    person.category === 'CATEGORY_1'
      ? 'NOTIFICATION_REQUIREMENTS'
      : person.category === 'CATEGORY_2'
        ? rng.pick(['VIOLENCE_AGAINST_CHILD_OR_VULNERABLE_ADULT', 'DOMESTIC_VIOLENCE'] as const)
        : rng.pick(['SEXUAL_OFFENCE_WITH_CONCERNS', 'RISK_OF_SEXUAL_HARM_ORDER'] as const);
  const riskCategory: PpaniRiskCategorySet['riskCategory'] =
    person.level === 'LEVEL_3'
      ? 'CATEGORY_3'
      : person.level === 'LEVEL_2'
        ? 'CATEGORY_2'
        : 'CATEGORY_1';
  w.emit('mappa.ppani-risk-category.set.v1', {
    metadata: w.metadata('mappa.ppani-risk-category.set.v1', person.leadAgency, correlationId),
    nominalId: person.nominalId,
    eligibility,
    riskCategory,
    effectiveOn: w.today,
    reviewOn,
    reason: 'Risk assessed at the Local Area Public Protection Panel (synthetic)',
  });
}

function setCategoryAndManagement(w: HistoryWriter, rng: Rng, correlationId: string): void {
  const { person } = w;
  w.wait(0.01, 2);
  const reviewOn = w.dayAfter(person.level === 'LEVEL_1' ? 365 : 112);
  if (person.jurisdiction === 'NORTHERN_IRELAND') {
    emitPpaniCategory(w, rng, correlationId, reviewOn);
  } else {
    const [basis, reason] = mappaBasisOf(person, rng);
    w.emit('mappa.category-level.set.v1', {
      metadata: w.metadata('mappa.category-level.set.v1', person.leadAgency, correlationId),
      nominalId: person.nominalId,
      category: person.category,
      level: person.level,
      jurisdiction: person.jurisdiction,
      reason: `${reason} (synthetic)`,
      reviewOn,
      effectiveOn: w.today,
      basis,
    });
  }
  w.wait(0.01, 3);
  const others: Agency[] = (
    ['POLICE', 'PROBATION', 'SOCIAL_WORK', 'PRISON', 'HEALTH'] as const
  ).filter(
    (agency) =>
      agency !== person.leadAgency &&
      (agency !== 'PROBATION' || person.jurisdiction !== 'SCOTLAND') &&
      (agency !== 'PRISON' || person.custodial) &&
      (agency !== 'HEALTH' || person.restrictedPatient || rng.chance(0.1)),
  );
  const coManagerCount =
    person.level === 'LEVEL_1' ? rng.int(0, 1) : rng.int(1, Math.min(3, others.length));
  w.emit('mappa.management.assigned.v1', {
    metadata: w.metadata('mappa.management.assigned.v1', person.leadAgency, correlationId),
    nominalId: person.nominalId,
    leadAgency: person.leadAgency,
    managingArea: person.area.name,
    jurisdiction: person.jurisdiction,
    recordManager: w.practitioner(person.leadAgency),
    coManagers: rng.sample(others, coManagerCount).map((agency) => w.practitioner(agency)),
    victimContact: victimContactOf(person),
    effectiveOn: w.today,
  });
}

/** Each jurisdiction's statutory victim contact scheme. */
const victimSchemes: Readonly<Record<Jurisdiction, VictimScheme>> = {
  ENGLAND_AND_WALES: 'VICTIM_CONTACT_SCHEME',
  SCOTLAND: 'VICTIM_NOTIFICATION_SCHEME',
  NORTHERN_IRELAND: 'VICTIM_INFORMATION_SCHEME',
};

/** Salts for the draws of parts added to histories later, each a generator of its own. */
const travelRestrictionSalt = 0x66_74_72_31;
const laterYearsSalt = 0x6c_61_74_31;

/** A salt for the victim-contact draw, so that it is independent of the person's other draws. */
const victimContactSalt = 0x76_63_73_31;

/**
 * About a quarter of people have victims in their jurisdiction's scheme, in contact with the
 * managing area's victim liaison unit. Drawn from a generator of its own (seeded by the person's
 * serial), so that the history's other draws, and so every history seeded before, stay as they were.
 */
function victimContactOf(person: SyntheticPerson): VictimContactScheme | null {
  const draws = new Rng(mixSeed(person.serial, victimContactSalt));
  if (!draws.chance(0.25)) return null;
  return {
    scheme: victimSchemes[person.jurisdiction],
    contactUnit: `${person.area.name} Victim Liaison Unit`,
  };
}

function recordAddress(w: HistoryWriter, address: Address, agency?: Agency): void {
  w.emit('mappa.address.recorded.v1', {
    metadata: w.metadata('mappa.address.recorded.v1', agency ?? w.person.leadAgency),
    nominalId: w.person.nominalId,
    address,
  });
}

/** Prohibitions of the kind SHPOs carry (synthetic wording). */
const shpoProhibitions = [
  'Not to have unsupervised contact with any child under 16 (synthetic).',
  'Not to use any internet-enabled device unless it retains its browsing history (synthetic).',
  'Not to reside in a household with a child under 18 without police approval (synthetic).',
  'Not to enter the exclusion zone shown on the map attached to the order (synthetic).',
  'To notify the police of any social-media account within 3 days of opening it (synthetic).',
];

class RsoNotifications {
  private count = 0;
  private orders = 0;
  static readonly fromTheChange: ReadonlySet<RsoNotificationKind> = new Set([
    'ADDRESS_CHANGE',
    'STAY_AWAY_FROM_HOME',
    'HOUSEHOLD_WITH_CHILD',
    'IDENTITY_DOCUMENT',
    'FINANCIAL_DETAILS',
    'RELEASE',
    'RETURN_FROM_TRAVEL',
  ]);
  /** The facts of the person's notification requirement, re-sent whole when one changes. */
  private requirementFacts: Omit<
    EventOf<'police.notification-requirement.recorded.v1'>,
    'metadata' | 'releasedOn'
  > | null = null;

  /**
   * The facts that make the person subject (Sexual Offences Act 2003 s80): a conviction today,
   * dealt with consistently with their history (custody, hospital, community order).
   */
  requirement(custody: 'PRISON' | 'HOSPITAL' | 'COMMUNITY'): void {
    const { w, rng } = this;
    const relevantDate = w.today;
    const [disposal, termMonths] = ((): [NotificationDisposal, number | null] => {
      if (custody === 'HOSPITAL')
        return rng.chance(0.85)
          ? ['HOSPITAL_ORDER_WITH_RESTRICTION', null]
          : ['HOSPITAL_ORDER', null];
      if (custody === 'PRISON') {
        if (rng.chance(0.04)) return ['IMPRISONMENT_FOR_LIFE', null];
        if (rng.chance(0.03)) return ['INDETERMINATE_SENTENCE', null];
        return ['IMPRISONMENT', rng.pick([4, 6, 8, 12, 18, 24, 30, 36, 48, 72, 96])];
      }
      if (rng.chance(0.15)) return ['CONDITIONAL_DISCHARGE', rng.pick([12, 24, 36])];
      if (w.person.jurisdiction === 'SCOTLAND' && rng.chance(0.5))
        return ['OFFENDER_SUPERVISION_REQUIREMENT', rng.pick([12, 18, 24, 36])];
      return ['OTHER', null];
    })();
    const age18 = `${Number(w.person.dateOfBirth.slice(0, 4)) + 18}${w.person.dateOfBirth.slice(4)}`;
    this.requirementFacts = {
      nominalId: w.person.nominalId,
      requirementId: `NR-SYN-${w.person.serial}`,
      basis: 'CONVICTION',
      relevantDate,
      disposal,
      termMonths,
      underEighteenOnRelevantDate: rng.chance(0.8) ? relevantDate < age18 : null,
      jurisdiction: w.person.jurisdiction,
      review: null,
      details: 'Schedule 3 offence (synthetic).',
    };
    this.emitRequirement(null);
  }

  /** The requirement again, with the day of release the initial notification runs from (s83(6)). */
  released(): void {
    if (this.requirementFacts) this.emitRequirement(this.w.today);
  }

  private emitRequirement(releasedOn: string | null): void {
    if (!this.requirementFacts) return;
    this.w.emit('police.notification-requirement.recorded.v1', {
      metadata: this.w.metadata('police.notification-requirement.recorded.v1', 'POLICE'),
      ...this.requirementFacts,
      releasedOn,
    });
  }

  /** A sexual harm prevention order made with the conviction, sometimes varied later. */
  civilOrder(
    kind: 'MADE' | 'VARIED',
    prohibitions: string[],
    expiresOn: string | null = this.orderExpiresOn,
  ): void {
    const { w } = this;
    if (kind === 'MADE') this.orders += 1;
    this.orderExpiresOn = expiresOn;
    const orderType: CivilOrderType =
      w.person.jurisdiction === 'NORTHERN_IRELAND'
        ? 'SEXUAL_OFFENCES_PREVENTION_ORDER'
        : 'SEXUAL_HARM_PREVENTION_ORDER';
    w.emit('police.civil-order.recorded.v1', {
      metadata: w.metadata('police.civil-order.recorded.v1', 'POLICE'),
      nominalId: w.person.nominalId,
      orderId: `CO-SYN-${w.person.serial}-${this.orders}`,
      kind,
      orderType,
      jurisdiction: w.person.jurisdiction,
      madeOn: this.orderMadeOn ?? w.today,
      servedOn: this.orderMadeOn ?? w.today,
      effectiveOn: w.today,
      expiresOn,
      prohibitions,
      foreignTravelRestricted: this.travelRestricted(kind),
      court: 'Synthetic Crown Court',
      details: null,
    });
    if (kind === 'MADE') this.orderMadeOn = w.today;
  }

  private orderMadeOn: string | null = null;
  private orderExpiresOn: string | null = null;
  private orderRestrictsTravel = false;

  get hasOrder(): boolean {
    return this.orderMadeOn !== null;
  }

  /** The order the person is under, if any. */
  get civilOrderId(): string | null {
    return this.hasOrder ? `CO-SYN-${this.w.person.serial}-${this.orders}` : null;
  }

  /**
   * About three SHPOs in ten restrict foreign travel when made; a variation adds the restriction
   * to some more. Drawn apart from the history's other draws, which stay as they were.
   */
  private travelRestricted(kind: 'MADE' | 'VARIED'): boolean {
    const draws = new Rng(mixSeed(this.w.person.serial, travelRestrictionSalt, this.orders));
    this.orderRestrictsTravel =
      kind === 'MADE' ? draws.chance(0.3) : this.orderRestrictsTravel || draws.chance(0.2);
    return this.orderRestrictsTravel;
  }

  constructor(
    private readonly w: HistoryWriter,
    private readonly rng: Rng,
  ) {}

  /** Notifies `kind`, due `dueInDays` from today; one in twelve is late. */
  notify(
    kind: RsoNotificationKind,
    dueInDays: number,
    extra: {
      details?: string;
      newAddress?: Address;
      travel?: { destinationCountry: string; departOn: string; returnOn: string | null };
    } = {},
  ): void {
    const { w, rng } = this;
    const dueBy = w.dayAfter(dueInDays);
    // The day of the change notified, for the kinds whose deadline runs from it (s84).
    const changedOn = RsoNotifications.fromTheChange.has(kind) ? w.today : null;
    const late = rng.chance(1 / 12);
    w.waitUntil(
      late
        ? w.dayAfter(dueInDays + rng.int(1, 21))
        : w.dayAfter(rng.int(0, Math.max(0, dueInDays))),
    );
    this.count += 1;
    w.emit('police.rso-notification.received.v1', {
      metadata: w.metadata('police.rso-notification.received.v1', 'POLICE'),
      nominalId: w.person.nominalId,
      notificationId: `RSO-SYN-${w.person.serial}-${this.count}`,
      kind,
      notifiedOn: w.today,
      dueBy: rng.chance(0.95) ? dueBy : null,
      changedOn,
      details: extra.details ?? null,
      newAddress: extra.newAddress ?? null,
      travel: extra.travel ?? null,
    });
  }
}

const riskLevels: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'];

/** A level no higher than `highest`, mostly one or two below it. */
function levelUpTo(rng: Rng, highest: RiskLevel): RiskLevel {
  const top = riskLevels.indexOf(highest);
  return riskLevels[Math.max(0, top - rng.int(0, 2))];
}

/**
 * OASys rates risk of serious harm per group, in the community and (for a prisoner) in custody;
 * the highest rating is the overall level, so one group is always rated at it.
 */
function seriousHarmByGroup(
  rng: Rng,
  overall: RiskLevel,
  inCustodyToo: boolean,
): SeriousHarmRating[] {
  const community: HarmGroup[] = ['CHILDREN', 'PUBLIC', 'KNOWN_ADULT', 'STAFF'];
  const settings: [AssessmentSetting, HarmGroup[]][] = [['COMMUNITY', community]];
  if (inCustodyToo) settings.push(['CUSTODY', [...community, 'PRISONERS']]);
  return settings.flatMap(([setting, groups]) => {
    const highestFor = rng.pick(groups);
    return groups.map((group) => ({
      group,
      setting,
      level: group === highestFor ? overall : levelUpTo(rng, overall),
    }));
  });
}

/** The band of a probability under the cut-offs given (low below the first). */
function bandOf(probability: number, cutOffs: [number, number, number]): ReconvictionBand {
  if (probability >= cutOffs[2]) return 'VERY_HIGH';
  if (probability >= cutOffs[1]) return 'HIGH';
  if (probability >= cutOffs[0]) return 'MEDIUM';
  return 'LOW';
}

/** OASys's predictors (synthetic scores; the cut-offs are illustrative). */
function oasysPredictors(rng: Rng, sexualOffender: boolean): ReconvictionPrediction[] {
  const ogrs = Math.round(rng.float() * 95) / 100;
  const ovp = Math.round(rng.float() * 85) / 100;
  const predictions: ReconvictionPrediction[] = [
    { scale: 'OGRS3', band: bandOf(ogrs, [0.5, 0.75, 0.9]), score: null, probability: ogrs },
    { scale: 'OVP', band: bandOf(ovp, [0.3, 0.6, 0.8]), score: null, probability: ovp },
  ];
  if (sexualOffender) {
    predictions.push({
      scale: 'OSP_CONTACT',
      band: rng.weighted<ReconvictionBand>([
        ['LOW', 0.45],
        ['MEDIUM', 0.35],
        ['HIGH', 0.15],
        ['VERY_HIGH', 0.05],
      ]),
      score: null,
      probability: null,
    });
  }
  return predictions;
}

/** Risk Matrix 2000's three scales; points 0-1 low, 2-3 medium, 4-5 high, 6 or more very high. */
function rm2000Scales(rng: Rng): ReconvictionPrediction[] {
  const scale = (name: ReconvictionPrediction['scale']): ReconvictionPrediction => {
    const score = rng.int(0, 8);
    const band: ReconvictionBand =
      score >= 6 ? 'VERY_HIGH' : score >= 4 ? 'HIGH' : score >= 2 ? 'MEDIUM' : 'LOW';
    return { scale: name, band, score, probability: null };
  };
  return [scale('RM2000_SEXUAL'), scale('RM2000_VIOLENT'), scale('RM2000_COMBINED')];
}

/** One assessment with `tool`, each tool recording what it really finds. */
function assessmentFindings(
  w: HistoryWriter,
  rng: Rng,
  tool: RiskAssessmentTool,
): Pick<
  EventOf<'mappa.risk-assessment.recorded.v1'>,
  | 'riskOfSeriousHarm'
  | 'seriousHarmByGroup'
  | 'reconviction'
  | 'riskNeedLevel'
  | 'dynamicPriorities'
> {
  const { person } = w;
  const rosh = riskLevelFor(rng, person.level);
  const none = {
    riskOfSeriousHarm: null,
    seriousHarmByGroup: [],
    reconviction: [],
    riskNeedLevel: null,
    dynamicPriorities: null,
  };
  switch (tool) {
    case 'OASYS':
      return {
        ...none,
        riskOfSeriousHarm: rosh,
        seriousHarmByGroup: seriousHarmByGroup(rng, rosh, person.custodial),
        reconviction: oasysPredictors(rng, person.category === 'CATEGORY_1'),
      };
    case 'RM2000':
      return { ...none, reconviction: rm2000Scales(rng) };
    case 'ARMS': {
      const priority = (): WorkPriority => rng.pick(['LOW', 'MEDIUM', 'HIGH'] as const);
      return {
        ...none,
        dynamicPriorities: { riskFactors: priority(), protectiveFactors: priority() },
      };
    }
    case 'LSCMI':
      // Scotland's LS/CMI has a risk of serious harm section beside the general risk/need level.
      return {
        ...none,
        riskOfSeriousHarm: rosh,
        riskNeedLevel: rng.weighted<RiskNeedLevel>([
          ['VERY_LOW', 0.05],
          ['LOW', 0.2],
          ['MEDIUM', 0.4],
          ['HIGH', 0.25],
          ['VERY_HIGH', 0.1],
        ]),
      };
    case 'SARN':
    case 'SA07':
      return none;
    case 'HCR20':
    case 'OTHER':
      return { ...none, riskOfSeriousHarm: rosh };
  }
}

function riskAssessment(w: HistoryWriter, rng: Rng, count: number): void {
  const [tool, agency] = assessmentToolFor(w, rng);
  const assess = (assessedWith: RiskAssessmentTool, by: Agency, id: string): void => {
    w.emit('mappa.risk-assessment.recorded.v1', {
      metadata: w.metadata('mappa.risk-assessment.recorded.v1', by),
      nominalId: w.person.nominalId,
      assessmentId: id,
      tool: assessedWith,
      toolName: assessedWith === 'OTHER' ? 'Spousal Assault Risk Assessment (SARA)' : null,
      ...assessmentFindings(w, rng, assessedWith),
      assessedOn: w.today,
      nextReviewOn: w.dayAfter(rng.int(120, 365)),
      summary: rng.chance(0.8)
        ? 'Synthetic assessment: risk factors and protective factors recorded.'
        : null,
    });
  };
  assess(tool, agency, `RA-SYN-${w.person.serial}-${count}`);
  // A registered sexual offender is usually assessed with more than one tool: the police score
  // RM2000 beside probation's OASys or their own ARMS.
  if (w.person.category === 'CATEGORY_1' && tool !== 'RM2000' && rng.chance(0.6)) {
    w.wait(0.5, 20);
    assess('RM2000', 'POLICE', `RA-SYN-${w.person.serial}-${count}-RM2000`);
  }
}

function riskManagementPlan(w: HistoryWriter, rng: Rng, version: number): void {
  w.emit('mappa.risk-management-plan.published.v1', {
    metadata: w.metadata('mappa.risk-management-plan.published.v1', w.person.leadAgency),
    nominalId: w.person.nominalId,
    planId: `RMP-SYN-${w.person.serial}`,
    planVersion: version,
    summary:
      version === 1
        ? 'Synthetic plan: supervision, monitoring and interventions agreed by the lead agency.'
        : `Synthetic plan, version ${version}: revised after review of risk.`,
    actions: w.actions(rng.int(1, 4), 0),
    reviewOn: w.dayAfter(rng.int(90, 180)),
  });
}

function meeting(w: HistoryWriter, rng: Rng, number: number): void {
  const { person } = w;
  const agencies: Agency[] = ['POLICE', supervisingAgencyOf(person.jurisdiction)];
  if (person.custodial) agencies.push('PRISON');
  if (person.restrictedPatient || rng.chance(0.3)) agencies.push('HEALTH');
  if (person.jurisdiction !== 'SCOTLAND' && rng.chance(0.4)) agencies.push('SOCIAL_WORK');
  const agency = rng.pick(['POLICE', supervisingAgencyOf(person.jurisdiction)] as const);
  w.emit('mappa.meeting.held.v1', {
    metadata: w.metadata('mappa.meeting.held.v1', agency),
    nominalId: person.nominalId,
    meetingId: `MTG-SYN-${person.serial}-${number}`,
    level: person.level,
    heldOn: w.today,
    chair: rng.chance(0.95) ? w.practitioner(agency, rng.pick(chairRoles[person.level])) : null,
    attendees: agencies.map((attending) => w.practitioner(attending)),
    minutes:
      'Synthetic minutes: risk reviewed with partner agencies; ' +
      rng.pick([
        'compliance with conditions reported as good.',
        'concerns raised about new associates.',
        'accommodation remains unstable.',
        'victim safety planning updated.',
        'disclosure considered and not made at this time.',
      ]),
    actions: w.actions(rng.int(1, 3), 0),
    nextMeetingOn: rng.chance(0.9)
      ? w.dayAfter(person.level === 'LEVEL_3' ? rng.int(28, 56) : rng.int(56, 112))
      : null,
  });
}

function intelligence(w: HistoryWriter, rng: Rng): void {
  const conditional = rng.chance(0.1);
  w.emit('police.intelligence.shared.v1', {
    metadata: w.metadata('police.intelligence.shared.v1', 'POLICE'),
    nominalId: w.person.nominalId,
    text: `Subject reported ${rng.pick(['loitering near', 'seen repeatedly at', 'in contact with young people at', 'associating with known offenders at'])} ${rng.pick(places)} (synthetic test data).`,
    sourceEvaluation: rng.weighted([
      ['RELIABLE', 0.5],
      ['UNTESTED', 0.4],
      ['NOT_RELIABLE', 0.1],
    ]),
    intelligenceAssessment: rng.weighted([
      ['KNOWN_DIRECTLY', 0.2],
      ['KNOWN_INDIRECTLY_CORROBORATED', 0.35],
      ['KNOWN_INDIRECTLY', 0.3],
      ['NOT_KNOWN', 0.13],
      ['SUSPECTED_FALSE', 0.02],
    ]),
    handlingCode: conditional ? 'C' : 'P',
    handlingConditions: conditional
      ? 'Not to be disclosed to the subject; consult the originator before action.'
      : null,
    disseminationLimits: rng.chance(0.2)
      ? ['POLICE', supervisingAgencyOf(w.person.jurisdiction)]
      : [],
    // Obtained before it is shared; the originator's log number and, mostly, its review date.
    obtainedOn: rng.chance(0.9) ? w.dayAfter(-rng.int(0, 45)) : null,
    originatorReference: rng.chance(0.85)
      ? `SYN/INT/${w.today.slice(0, 4)}/${String(rng.int(1, 99999)).padStart(5, '0')}`
      : null,
    reviewOn: rng.chance(0.6) ? w.dayAfter(rng.int(180, 3 * 365)) : null,
  });
}

/**
 * A stay away from the home that stays the main residence: a week or two somewhere temporary,
 * or a second home kept alongside it.
 */
function secondaryAddress(w: HistoryWriter, rng: Rng): void {
  if (rng.chance(0.7)) {
    const stay = w.address('TEMPORARY', w.dayAfter(rng.int(0, 7)));
    recordAddress(w, { ...stay, to: isoDay(Date.parse(stay.from) + rng.int(6, 14) * msPerDay) });
  } else {
    recordAddress(w, w.address('SECOND_HOME', w.today));
  }
}

function custody(
  w: HistoryWriter,
  rng: Rng,
  kind: CustodyEventRecorded['kind'],
  establishment: string,
  extra: {
    previousEstablishment?: string;
    releaseDate?: string;
    releaseType?: 'LICENCE' | 'SENTENCE_EXPIRY';
    custodyType?: CustodyEventRecorded['custodyType'];
    licenceExpiryOn?: string;
    sentenceExpiryOn?: string;
  } = {},
): void {
  w.emit('prison.custody-event.recorded.v1', {
    metadata: w.metadata('prison.custody-event.recorded.v1', 'PRISON'),
    nominalId: w.person.nominalId,
    kind,
    establishment,
    previousEstablishment: extra.previousEstablishment ?? null,
    releaseDate: extra.releaseDate ?? null,
    releaseType: extra.releaseType ?? null,
    prisonNumber: rng.chance(0.95) ? syntheticPrisonNumber(w.person.serial) : null,
    // Prisons record most events the day they happen; some a day or two late, dated to the day.
    effectiveOn: rng.chance(0.9) ? w.today : w.dayAfter(-rng.int(1, 2)),
    custodyType: extra.custodyType ?? null,
    licenceExpiryOn: extra.licenceExpiryOn ?? null,
    sentenceExpiryOn: extra.sentenceExpiryOn ?? null,
  });
}

function supervision(
  w: HistoryWriter,
  kind: 'ORDER_STARTED' | 'ORDER_ENDED' | 'LICENCE_STARTED' | 'LICENCE_ENDED' | 'BREACH' | 'RECALL',
  orderType: string,
  extra: {
    startsOn?: string;
    endsOn?: string;
    details?: string;
    officer?: Practitioner | null;
  } = {},
): void {
  const agency = supervisingAgencyOf(w.person.jurisdiction);
  w.emit('probation.supervision-event.recorded.v1', {
    metadata: w.metadata('probation.supervision-event.recorded.v1', agency),
    nominalId: w.person.nominalId,
    kind,
    orderType,
    startsOn: extra.startsOn ?? null,
    endsOn: extra.endsOn ?? null,
    details: extra.details ?? null,
    supervisingOfficer: extra.officer ?? null,
    effectiveOn: kind === 'BREACH' || kind === 'RECALL' ? w.today : null,
  });
}

function restrictedPatient(
  w: HistoryWriter,
  rng: Rng,
  kind: RestrictedPatientEventRecorded['kind'],
  hospital: string | null,
): void {
  const { legalBasis } = secureHospitals[w.person.jurisdiction];
  w.emit('health.restricted-patient-event.recorded.v1', {
    metadata: w.metadata('health.restricted-patient-event.recorded.v1', 'HEALTH'),
    nominalId: w.person.nominalId,
    kind,
    hospital,
    legalBasis: rng.pick(legalBasis),
    effectiveOn: w.today,
    details: rng.chance(0.5)
      ? `Synthetic: ${kind.toLowerCase().replaceAll('_', ' ')} on the decision of the responsible authority.`
      : null,
  });
}

/**
 * The events of one synthetic person's life under MAPPA, in order: registration first, then the
 * identifiers agencies link, category and level, management, addresses, a risk assessment and
 * perhaps a plan, then what their category and story bring: custody, licence or order
 * supervision, restricted-patient events, sex-offender notifications, police intelligence, MAPPA
 * meetings. About ten events on average.
 */
export function syntheticNominal(
  rng: Rng,
  nominalId: string,
  options: SyntheticHistoryOptions = {},
): SyntheticNominal {
  const asOf = options.asOf ?? defaultAsOf;
  const person = options.person ?? syntheticPerson(rng, nominalId, options);
  if (person.nominalId !== nominalId) {
    throw new Error(`the person given is ${person.nominalId}, not ${nominalId}`);
  }
  // A long story (a sentence, a licence) may run past the end: start it earlier and write it again
  // from the same draws, so that histories stay in the past.
  let earlierBy = 0;
  for (let attempt = 1; ; attempt += 1) {
    const draws = rng.clone();
    const events = writeHistory(draws, person, asOf, earlierBy);
    const last = events[events.length - 1]?.value.metadata.occurredAt.getTime() ?? 0;
    const overrun = last - asOf.getTime();
    if (overrun <= 0 || attempt === 4) {
      rng.follow(draws);
      // Whatever still runs past the end has not happened yet.
      const happened = events.filter((event) => event.value.metadata.occurredAt <= asOf);
      return { person, events: happened };
    }
    earlierBy += overrun + 30 * msPerDay;
  }
}

function writeHistory(
  rng: Rng,
  person: SyntheticPerson,
  asOf: Date,
  earlierBy: number,
): SyntheticEvent[] {
  const w = new HistoryWriter(rng, person, asOf, earlierBy);
  const isRso = person.category === 'CATEGORY_1';
  const rso = new RsoNotifications(w, rng);
  const supervisor = supervisingAgencyOf(person.jurisdiction);
  const orders = orderTypes[person.jurisdiction];
  const prisons = establishments[person.jurisdiction][person.gender === 'FEMALE' ? 'women' : 'men'];
  const hospitals = secureHospitals[person.jurisdiction].hospitals;

  const registration = register(w, rng);
  setCategoryAndManagement(w, rng, registration);
  linkIdentifiers(w, rng);

  let current: Address | null = null;
  const move = (type: AddressType, viaNotification: boolean, extraLines: string[] = []): void => {
    const next = w.address(type, w.today, extraLines);
    if (viaNotification) {
      rso.notify('ADDRESS_CHANGE', 3, {
        newAddress: { ...next, from: w.today },
        details: 'Change of home address notified (synthetic).',
      });
    } else {
      recordAddress(w, { ...next, from: w.today });
    }
    if (current) {
      w.wait(0.01, 2);
      recordAddress(w, {
        ...current,
        to: w.dayAfter(-1) < current.from ? current.from : w.dayAfter(-1),
      });
    }
    current = { ...next, from: w.today };
  };

  let hospital: string | null = null;
  let inCustody = false;
  let prison: string | null = null;
  if (person.restrictedPatient) {
    w.wait(0.1, 10);
    hospital = rng.pick(hospitals);
    restrictedPatient(w, rng, 'DETAINED', hospital);
    if (isRso) rso.requirement('HOSPITAL');
    w.wait(0.1, 5);
    move('HOSPITAL', false, [hospital]);
  } else if (person.custodial) {
    w.wait(0.1, 10);
    prison = rng.pick(prisons);
    const remanded = rng.chance(0.3);
    custody(w, rng, 'ADMITTED', prison, { custodyType: remanded ? 'REMAND' : 'SENTENCED' });
    inCustody = true;
    if (remanded && w.within(14, 180))
      custody(w, rng, 'SENTENCED', prison, { custodyType: 'SENTENCED' });
    if (isRso) rso.requirement('PRISON');
  } else {
    if (isRso) rso.requirement('COMMUNITY');
    w.wait(0.1, 14);
    move(rng.chance(0.04) ? 'NO_FIXED_ABODE' : 'HOME', false);
    // One in ten never makes the initial notification: the hub raises it as overdue.
    if (isRso && rng.chance(0.9)) {
      rso.notify('INITIAL', 3, { details: 'Initial notification (synthetic).' });
    }
  }
  // A sexual harm prevention order with the conviction, for some (SOPO in Northern Ireland).
  if (isRso && rng.chance(0.2)) {
    rso.civilOrder(
      'MADE',
      rng.sample(shpoProhibitions, rng.int(1, 3)),
      rng.chance(0.3) ? null : w.dayAfter(365 * rng.pick([5, 7, 10])),
    );
  }

  w.wait(3, 40);
  riskAssessment(w, rng, 1);
  const planVersions =
    person.level !== 'LEVEL_1' || rng.chance(0.35) ? (rng.chance(0.3) ? 2 : 1) : 0;
  if (planVersions > 0) {
    w.wait(1, 30);
    riskManagementPlan(w, rng, 1);
  }

  let meetings = 0;
  const holdMeetings = (count: number): void => {
    for (let i = 0; i < count; i += 1) {
      if (!w.within(person.level === 'LEVEL_3' ? 28 : 56, person.level === 'LEVEL_3' ? 56 : 112))
        return;
      meetings += 1;
      meeting(w, rng, meetings);
    }
  };
  if (person.level !== 'LEVEL_1') holdMeetings(person.level === 'LEVEL_3' ? rng.int(1, 2) : 1);

  // The person's story after registration.
  let onLicence = false;
  let onOrder = false;
  let orderType = '';
  const officer = w.practitioner(supervisor);
  if (person.restrictedPatient && hospital) {
    if (rng.chance(0.3) && w.within(30, 400)) {
      const previous: string = hospital;
      const others = hospitals.filter((h) => h !== previous);
      if (others.length > 0) {
        hospital = rng.pick(others);
        restrictedPatient(w, rng, 'TRANSFERRED', hospital);
      }
    }
    // A few detained patients go absent without leave and are returned.
    if (rng.chance(0.03) && w.within(30, 300)) {
      restrictedPatient(w, rng, 'ABSENT_WITHOUT_LEAVE', hospital);
      if (w.within(1, 10)) restrictedPatient(w, rng, 'RETURNED_FROM_ABSENCE', hospital);
    }
    if (rng.chance(0.4)) {
      w.wait(60, 500);
      restrictedPatient(w, rng, 'CONDITIONALLY_DISCHARGED', null);
      w.wait(0.01, 3);
      move(rng.chance(0.6) ? 'TEMPORARY' : 'HOME', false);
      if (rng.chance(0.2) && w.within(30, 300)) {
        restrictedPatient(w, rng, 'RECALLED', rng.pick(hospitals));
      } else if (rng.chance(0.08) && w.within(180, 700)) {
        restrictedPatient(w, rng, 'ABSOLUTELY_DISCHARGED', null);
      }
    }
  } else if (person.custodial && prison) {
    if (rng.chance(0.25) && w.within(20, 200)) {
      const previous = prison;
      prison = rng.pick(prisons);
      if (prison !== previous)
        custody(w, rng, 'ESTABLISHMENT_TRANSFERRED', prison, { previousEstablishment: previous });
    }
    w.wait(10, 200);
    const releaseType = rng.chance(0.8) ? 'LICENCE' : 'SENTENCE_EXPIRY';
    const releaseDate = w.dayAfter(rng.int(30, 400));
    const sentenceExpiryOn = w.dayAfter(rng.int(400, 2_000));
    custody(w, rng, 'RELEASE_DATE_SET', prison, {
      releaseDate,
      releaseType,
      sentenceExpiryOn,
      ...(releaseType === 'LICENCE' && { licenceExpiryOn: sentenceExpiryOn }),
    });
    // A few abscond from open conditions or fail to return, and are brought back.
    if (rng.chance(0.03) && w.within(5, 60)) {
      custody(w, rng, 'UNLAWFULLY_AT_LARGE', prison);
      if (w.within(1, 30)) custody(w, rng, 'RETURNED_TO_CUSTODY', prison);
    }
    if (person.level !== 'LEVEL_1') holdMeetings(1);
    if (rng.chance(0.85)) {
      w.waitUntil(releaseDate);
      custody(w, rng, 'RELEASED', prison, { releaseDate: w.today, releaseType });
      inCustody = false;
      w.wait(0.01, 1);
      move(releaseType === 'LICENCE' && rng.chance(0.5) ? 'APPROVED_PREMISES' : 'HOME', false, []);
      if (isRso) {
        rso.released();
        rso.notify('INITIAL', 3, { details: 'Notification on release (synthetic).' });
      }
      if (releaseType === 'LICENCE') {
        w.wait(0.01, 2);
        orderType = rng.pick(orders.licence);
        onLicence = true;
        supervision(w, 'LICENCE_STARTED', orderType, {
          startsOn: releaseDate,
          endsOn: w.dayAfter(rng.int(180, 1800)),
          officer,
        });
      }
    }
  } else if (person.communityOrder) {
    w.wait(1, 60);
    orderType = rng.pick(orders.order);
    onOrder = true;
    supervision(w, 'ORDER_STARTED', orderType, {
      startsOn: w.today,
      endsOn: w.dayAfter(rng.int(180, 1095)),
      officer,
    });
  }

  if (planVersions > 1 && w.within(60, 300)) {
    riskManagementPlan(w, rng, 2);
  }
  if (rng.chance(0.25)) {
    const count = rng.chance(0.7) ? 1 : rng.int(2, 3);
    for (let i = 0; i < count && w.within(10, 250); i += 1) {
      intelligence(w, rng);
    }
  }
  if (person.level !== 'LEVEL_1') holdMeetings(rng.int(0, 2));
  if (!inCustody && current !== null && rng.chance(0.15) && w.within(10, 200)) {
    secondaryAddress(w, rng);
  }

  if ((onLicence || onOrder) && rng.chance(0.15) && w.within(20, 300)) {
    supervision(w, 'BREACH', orderType, {
      details: rng.pick([
        'Failed to attend two supervision appointments (synthetic).',
        'Entered an exclusion zone (synthetic).',
        'Failed to reside at the approved address (synthetic).',
      ]),
      officer,
    });
    if (onLicence && rng.chance(0.5)) {
      w.wait(0.1, 5);
      supervision(w, 'RECALL', orderType, {
        details: 'Licence revoked; recalled to custody (synthetic).',
        officer,
      });
      w.wait(0.1, 3);
      custody(w, rng, 'ADMITTED', rng.pick(prisons), { custodyType: 'RECALLED' });
      onLicence = false;
      inCustody = true;
    }
  }

  if (isRso && !inCustody && current !== null) {
    if (rng.chance(0.3) && w.within(30, 400)) {
      const noFixedAbode = rng.chance(0.05);
      move(noFixedAbode ? 'NO_FIXED_ABODE' : 'HOME', true);
      // Of no fixed abode: a notification every 7 days (s85, 2012 Regulations), some missed.
      for (let week = rng.int(1, 4); noFixedAbode && week > 0 && w.within(5, 7); week -= 1) {
        rso.notify('WEEKLY', 0, { details: 'Weekly notification, no fixed abode (synthetic).' });
      }
    }
    const kinds: [RsoNotificationKind, number][] = [
      ['FOREIGN_TRAVEL', 0.1],
      ['FINANCIAL_DETAILS', 0.05],
      ['HOUSEHOLD_WITH_CHILD', 0.03],
      ['IDENTITY_DOCUMENT', 0.03],
      ['STAY_AWAY_FROM_HOME', 0.03],
    ];
    for (const [kind, share] of kinds) {
      if (!rng.chance(share) || !w.within(10, 200)) continue;
      if (kind === 'FOREIGN_TRAVEL') {
        const departOn = w.dayAfter(rng.int(8, 40));
        const departDays = Math.round((Date.parse(departOn) - Date.parse(w.today)) / msPerDay);
        const returnOn = rng.chance(0.9)
          ? isoDay(Date.parse(departOn) + rng.int(3, 21) * msPerDay)
          : null;
        rso.notify('FOREIGN_TRAVEL', departDays - 7, {
          travel: { destinationCountry: rng.pick(countries), departOn, returnOn },
        });
        if (returnOn !== null && returnOn > w.today && rng.chance(0.8)) {
          w.waitUntil(returnOn);
          rso.notify('RETURN_FROM_TRAVEL', 2, { details: 'Returned to the UK (synthetic).' });
        }
      } else {
        rso.notify(kind, 3, {
          details: `${kind.toLowerCase().replaceAll('_', ' ')} notified (synthetic).`,
        });
      }
    }
    if (rng.chance(0.25) && w.within(300, 365)) {
      rso.notify('ANNUAL', 14, { details: 'Annual re-notification (synthetic).' });
    }
    if (rso.hasOrder && rng.chance(0.15) && w.within(90, 400)) {
      rso.civilOrder('VARIED', rng.sample(shpoProhibitions, rng.int(1, 3)));
    }
  } else if (!isRso && !inCustody && current !== null && rng.chance(0.15) && w.within(30, 400)) {
    move(rng.chance(0.1) ? 'TEMPORARY' : 'HOME', false);
  }

  if (rng.chance(0.05) && w.within(10, 300)) {
    w.emit('mappa.personal-details.changed.v1', {
      metadata: w.metadata(
        'mappa.personal-details.changed.v1',
        rng.pick(['POLICE', person.leadAgency] as const),
      ),
      nominalId: person.nominalId,
      name: null,
      aliasesAdded: [
        {
          givenNames: [rng.pick(person.gender === 'FEMALE' ? femaleGivenNames : maleGivenNames)],
          familyName: person.name.familyName,
        },
      ],
      aliasesRemoved: [],
      dateOfBirth: null,
      aliasDatesOfBirthAdded: [],
      aliasDatesOfBirthRemoved: [],
      gender: null,
      reason: 'Known-as name disclosed by the subject (synthetic).',
    });
  }

  if ((onLicence || onOrder) && rng.chance(0.2) && w.within(60, 500)) {
    supervision(w, onLicence ? 'LICENCE_ENDED' : 'ORDER_ENDED', orderType, {
      endsOn: w.today,
      officer,
    });
    // Violent offenders qualify for MAPPA while supervised: when it ends, they leave it (the
    // record stays, unarchived, until a record manager archives it).
    if (person.category === 'CATEGORY_2' && w.within(0.01, 3)) {
      w.emit('mappa.arrangements.left.v1', {
        metadata: w.metadata('mappa.arrangements.left.v1', person.leadAgency),
        nominalId: person.nominalId,
        leftOn: w.today,
        reason: 'LICENCE_OR_ORDER_ENDED',
        details: `${orderType} ended (synthetic).`,
      });
    }
  }

  const later = new Rng(mixSeed(person.serial, laterYearsSalt));
  w.drawFrom(later);
  laterYears(w, later, {
    registered: isRso,
    inCustody,
    housed: current !== null,
    civilOrderId: rso.civilOrderId,
    prisons,
  });
  return w.events;
}

/** The events of a synthetic person's history; see {@link syntheticNominal}. */
export function syntheticHistory(
  rng: Rng,
  nominalId: string,
  options: SyntheticHistoryOptions = {},
): SyntheticEvent[] {
  return syntheticNominal(rng, nominalId, options).events;
}
