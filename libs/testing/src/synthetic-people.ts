import { randomInt, randomUUID } from 'node:crypto';

/** Invented identifiers only: the hub's tests never use real people's data. */
export function syntheticNominalId(): string {
  return `NOM-TEST-${randomUUID().slice(0, 8).toUpperCase()}-${randomInt(1000, 9999)}`;
}

const places = [
  'a bus station',
  'a leisure centre',
  'a school gate',
  'a retail park',
  'a railway bridge',
];

/** The JSON body an agency system posts for `intelligence-shared`, about a synthetic person. */
export function syntheticIntelligence(nominalId: string, overrides: Record<string, unknown> = {}) {
  return {
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date(Date.now() - randomInt(1, 72) * 3_600_000).toISOString(),
      producingSystem: 'synthetic-rms',
      classification: 'OFFICIAL_SENSITIVE',
    },
    nominalId,
    text: `Subject reported loitering near ${places[randomInt(places.length)]} (synthetic test data).`,
    sourceEvaluation: 'RELIABLE',
    intelligenceAssessment: 'KNOWN_INDIRECTLY_CORROBORATED',
    handlingCode: 'P',
    ...overrides,
  };
}

const givenNames = ['Alex', 'Sam', 'Jordan', 'Robin', 'Casey', 'Morgan', 'Taylor', 'Jamie'];
const familyNames = ['Testperson', 'Examplesson', 'Sampleton', 'Fictional', 'Madeupson'];

/** The JSON body a lead agency posts for `nominal-registered`, about a synthetic person. */
export function syntheticRegistration(nominalId: string, overrides: Record<string, unknown> = {}) {
  const year = 1960 + randomInt(40);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  return {
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      producingSystem: 'synthetic-case-system',
      classification: 'OFFICIAL_SENSITIVE',
    },
    nominalId,
    name: {
      givenNames: [givenNames[randomInt(givenNames.length)]],
      familyName: familyNames[randomInt(familyNames.length)],
    },
    dateOfBirth: `${year}-${month}-${day}`,
    gender: 'NOT_KNOWN',
    leadAgency: 'POLICE',
    managingArea: 'Synthetic Area',
    jurisdiction: 'ENGLAND_AND_WALES',
    ...overrides,
  };
}
