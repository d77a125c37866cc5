import type { AgencyIdentifier, AgencyIdentifierType, PersonName } from '@hub/contracts';
import { assessIdentifier, type IdentifierAssessment } from '../identifiers/identifier-rules';
import { symmetricNameSimilarity } from '../search/name-matching';
import { matchBirthDates, type BirthDates, type MatchedBirthDates } from './birth-dates';

/** Names this similar (0..1, order of name parts ignored) with matching dates of birth are flagged. */
export const duplicateNameThreshold = 0.85;

/** What evidence reads of a record. */
export interface ComparedRecord extends BirthDates {
  _id: string;
  name: PersonName;
  aliases: PersonName[];
  identifiers: AgencyIdentifier[];
}

export interface MatchedName {
  name: PersonName;
  /** The name the record is managed under, or one of its aliases. */
  kind: 'NAME' | 'ALIAS';
}

export interface NameEvidence {
  /** `symmetricNameSimilarity` of the closest pair of names, in [0, 1]. */
  similarity: number;
  first: MatchedName;
  second: MatchedName;
}

/**
 * The worth of one kind of identifier both records hold: STRONG (national, and any check
 * character right), WEAK (a local case reference), or what makes a national one unusable as
 * strong evidence (a wrong check character, a form it cannot be read in), on either side.
 */
export type IdentifierEvidence =
  'STRONG' | 'WEAK' | 'INVALID_CHECK_CHARACTER' | 'UNRECOGNISED_FORMAT';

export interface IdentifierComparison {
  type: AgencyIdentifierType;
  /** SAME if a value of one is a value of the other (in any of its forms), else DIFFERENT. */
  agreement: 'SAME' | 'DIFFERENT';
  evidence: IdentifierEvidence;
  /** As the agencies wrote them. */
  firstValues: string[];
  secondValues: string[];
}

/** Why a pair is flagged; none means it is not. */
export type MatchGround =
  /** A national identifier, valid, that both hold. */
  | 'SHARED_NATIONAL_IDENTIFIER'
  /** A similar name, and a date of birth that matches exactly, swapped or as an alias. */
  | 'NAME_AND_DATE_OF_BIRTH'
  /** A similar name and a shared local reference: the local reference supports the name. */
  | 'NAME_AND_LOCAL_IDENTIFIER';

/** What a record manager sees to decide whether two records are one person, field by field. */
export interface DuplicateEvidence {
  grounds: MatchGround[];
  name: NameEvidence;
  dateOfBirth: MatchedBirthDates;
  /** Every kind of identifier both records hold. */
  identifiers: IdentifierComparison[];
}

function closestNames(first: ComparedRecord, second: ComparedRecord): NameEvidence {
  const names = (record: ComparedRecord): MatchedName[] => [
    { name: record.name, kind: 'NAME' },
    ...record.aliases.map((name): MatchedName => ({ name, kind: 'ALIAS' })),
  ];
  let best: NameEvidence = {
    similarity: -1,
    first: { name: first.name, kind: 'NAME' },
    second: { name: second.name, kind: 'NAME' },
  };
  for (const left of names(first)) {
    for (const right of names(second)) {
      const similarity = symmetricNameSimilarity(left.name, right.name);
      if (similarity > best.similarity) best = { similarity, first: left, second: right };
    }
  }
  return { ...best, similarity: Math.max(0, best.similarity) };
}

function evidenceOf(assessments: IdentifierAssessment[]): IdentifierEvidence {
  if (assessments.some((a) => a.check === 'INVALID_CHECK_CHARACTER')) {
    return 'INVALID_CHECK_CHARACTER';
  }
  if (assessments.some((a) => a.check === 'UNRECOGNISED_FORMAT')) return 'UNRECOGNISED_FORMAT';
  return assessments.every((a) => a.strongEvidence) ? 'STRONG' : 'WEAK';
}

function compareIdentifiers(first: ComparedRecord, second: ComparedRecord): IdentifierComparison[] {
  const comparisons: IdentifierComparison[] = [];
  const types = [...new Set(first.identifiers.map((identifier) => identifier.type))];
  for (const type of types) {
    const mine = first.identifiers.filter((id) => id.type === type).map(assessIdentifier);
    const theirs = second.identifiers.filter((id) => id.type === type).map(assessIdentifier);
    if (theirs.length === 0) continue;
    const shared = mine.flatMap((left) =>
      theirs.filter((right) => right.key === left.key).map((right) => [left, right]),
    );
    comparisons.push({
      type,
      agreement: shared.length > 0 ? 'SAME' : 'DIFFERENT',
      // What the shared values are worth; for different ones, what the values are worth.
      evidence: evidenceOf(shared.length > 0 ? shared.flat() : [...mine, ...theirs]),
      firstValues: mine.map((a) => a.value),
      secondValues: theirs.map((a) => a.value),
    });
  }
  return comparisons;
}

/**
 * The evidence that two records are one person, the same whichever is first apart from the
 * order of the two sides. Flagged: a valid national identifier both hold; or a similar name
 * (`duplicateNameThreshold`) with a matching date of birth (exact, day and month swapped, or an
 * alias date of birth), or with a shared local reference. A shared local reference, or a national
 * identifier with a wrong check character, never flags a pair on its own.
 */
export function duplicateEvidence(
  first: ComparedRecord,
  second: ComparedRecord,
): DuplicateEvidence {
  const name = closestNames(first, second);
  const dateOfBirth = matchBirthDates(first, second);
  const identifiers = compareIdentifiers(first, second);
  const same = (evidence: IdentifierEvidence) =>
    identifiers.some((c) => c.agreement === 'SAME' && c.evidence === evidence);
  const similarName = name.similarity >= duplicateNameThreshold;
  const grounds: MatchGround[] = [];
  if (same('STRONG')) grounds.push('SHARED_NATIONAL_IDENTIFIER');
  if (similarName && dateOfBirth.match !== 'DIFFERENT') grounds.push('NAME_AND_DATE_OF_BIRTH');
  if (similarName && same('WEAK')) grounds.push('NAME_AND_LOCAL_IDENTIFIER');
  return { grounds, name, dateOfBirth, identifiers };
}

const dateOfBirthWording: Record<Exclude<MatchedBirthDates['match'], 'DIFFERENT'>, string> = {
  EXACT: 'same date of birth',
  ALIAS_DATE_OF_BIRTH: 'a date of birth one records as an alias date of birth',
  DAY_MONTH_SWAPPED: 'dates of birth with day and month swapped',
};

/** The evidence in lines a record manager reads in the review queue (`reasons`). */
export function reasonsOf(evidence: DuplicateEvidence): string[] {
  const reasons: string[] = [];
  const similarity = evidence.name.similarity.toFixed(2);
  for (const comparison of evidence.identifiers) {
    if (comparison.agreement !== 'SAME') continue;
    const value = comparison.firstValues.join(', ');
    switch (comparison.evidence) {
      case 'STRONG':
        reasons.push(`shares ${comparison.type} ${value}`);
        break;
      case 'WEAK':
        reasons.push(`shares ${comparison.type} ${value}, a local reference: supporting only`);
        break;
      default:
        reasons.push(
          `shares ${comparison.type} ${value}, not strong evidence: ${comparison.evidence.toLowerCase().replace(/_/g, ' ')}`,
        );
    }
  }
  if (
    evidence.dateOfBirth.match !== 'DIFFERENT' &&
    evidence.grounds.includes('NAME_AND_DATE_OF_BIRTH')
  ) {
    reasons.push(
      `${dateOfBirthWording[evidence.dateOfBirth.match]} and a similar name (${similarity})`,
    );
  }
  return reasons;
}
