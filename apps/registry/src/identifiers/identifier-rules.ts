import type { AgencyIdentifier, AgencyIdentifierType } from '@hub/contracts';

/**
 * What each kind of agency identifier is worth as evidence that two records are one person, how it
 * is written in its several forms, and how its check character is verified. Pure: duplicate
 * matching, the match keys and the search API all read identifiers through these rules.
 *
 * Sources (checked 2025, via the Criminal Justice Hub data dictionary "jargon buster" and NHS
 * Digital's published NHS number check-digit method; see the README's "Possible duplicates"):
 * - PNC id: year of first entry and a serial; the check character is (two-digit year followed by
 *   the serial zero-padded to seven digits) modulo 23, mapped 0 → Z, 1 → A, 2 → B … skipping I, O
 *   and S. It is displayed `YY/NNNNNNNC` with the century and the serial's leading zeros
 *   suppressed; systems also write `YYYY/NNNNNNNC`.
 * - CRO number: `NNNNNN/YYC`, the serial (up to six digits, leading zeros suppressed), the year and
 *   a check character by the same modulo-23 rule over the year and the serial padded to six digits;
 *   "SF" numbers (no fingerprints held) are `SFYY/NNNNNC`, over year and serial padded to five
 *   digits, or the serial alone padded to six for those before 1965.
 * - NHS number: ten digits; the first nine weighted 10 down to 2, summed, 11 minus the sum modulo 11
 *   is the tenth (11 means 0; 10 means no valid number).
 */

/**
 * National identifiers are issued once per person by a national system: a shared one is strong
 * evidence. Local ones are case references of one service's system (a health trust, a council's
 * criminal-justice social work, a probation case system), reused or re-issued between systems and
 * issued per case rather than per person: a shared one only supports a match on name and date of
 * birth.
 */
export type IdentifierScope = 'NATIONAL' | 'LOCAL';

export type CheckResult =
  /** The check character is right. */
  | 'VALID'
  /** The identifier has the right form but the wrong check character: a typing error somewhere. */
  | 'INVALID_CHECK_CHARACTER'
  /** The identifier has a check character by its rules, but is not written in a form it can be read from. */
  | 'UNRECOGNISED_FORMAT'
  /** The kind has no check character (prison, national insurance numbers, case references). */
  | 'NO_CHECK_CHARACTER';

/** How an identifier is read: its kind's scope, and the form the check character is verified on. */
interface IdentifierRule {
  scope: IdentifierScope;
  /** The one form all its spellings share, and whether its check character is right; null if unreadable. */
  read?: (compact: string) => { key: string; valid: boolean } | null;
}

/** The check characters of PNC ids and CRO numbers, by the remainder modulo 23. */
const modulus23Letters = 'ZABCDEFGHJKLMNPQRTUVWXY';

export function modulus23CheckCharacter(digits: string): string {
  return modulus23Letters[Number(BigInt(digits) % 23n)];
}

/** `YY/N…C` or `YYYY/NNNNNNNC`: keyed on the short year and the serial padded to seven digits. */
function readPncId(compact: string): { key: string; valid: boolean } | null {
  const match = /^(\d{2}|\d{4})\/(\d{1,7})([A-Z])$/.exec(compact);
  if (!match) return null;
  const [, year, serial, check] = match;
  const yy = year.slice(-2);
  const serial7 = serial.padStart(7, '0');
  return {
    key: `${yy}/${serial7}${check}`,
    valid: modulus23CheckCharacter(yy + serial7) === check,
  };
}

/** Pre-1965 SF numbers are checked on their serial alone. */
const lastPre65SfYear = 64;
const firstPre65SfYear = 39;

/** `N…/YYC`, or an SF number `SFYY/N…C`: keyed with the serial padded. */
function readCroNumber(compact: string): { key: string; valid: boolean } | null {
  const full = /^(\d{1,6})\/(\d{2})([A-Z])$/.exec(compact);
  if (full) {
    const [, serial, yy, check] = full;
    const serial6 = serial.padStart(6, '0');
    return {
      key: `${serial6}/${yy}${check}`,
      valid: modulus23CheckCharacter(yy + serial6) === check,
    };
  }
  const sf = /^SF(\d{2})\/(\d{1,6})([A-Z])$/.exec(compact);
  if (!sf) return null;
  const [, yy, serial, check] = sf;
  const year = Number(yy);
  const pre65 = year >= firstPre65SfYear && year <= lastPre65SfYear;
  if (!pre65 && serial.length > 5) return null;
  const padded = serial.padStart(pre65 ? 6 : 5, '0');
  const digits = pre65 ? padded : yy + padded;
  return { key: `SF${yy}/${padded}${check}`, valid: modulus23CheckCharacter(digits) === check };
}

/** Ten digits, however grouped: keyed on the digits alone. */
function readNhsNumber(compact: string): { key: string; valid: boolean } | null {
  const digits = compact.replace(/[-./]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  return { key: digits, valid: nhsCheckDigit(digits.slice(0, 9)) === digits[9] };
}

/** The NHS number check digit of nine digits, or null if no check digit makes them valid. */
export function nhsCheckDigit(nine: string): string | null {
  const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return String(check === 11 ? 0 : check);
}

/**
 * Per kind. A record lists the kinds the contract knows (schemas/common/AgencyIdentifier.avsc); a
 * kind added there without a rule here fails to compile. Prison numbers (NOMIS, one per person
 * across custody periods) and national insurance numbers are national but have no check character.
 * Probation case references count as local although a CRN is national within one case system: the
 * kind also carries references of other probation systems, and a record can be re-issued.
 */
const rules: Record<AgencyIdentifierType, IdentifierRule> = {
  PNC_ID: { scope: 'NATIONAL', read: readPncId },
  CRO_NUMBER: { scope: 'NATIONAL', read: readCroNumber },
  NHS_NUMBER: { scope: 'NATIONAL', read: readNhsNumber },
  PRISON_NUMBER: { scope: 'NATIONAL' },
  NATIONAL_INSURANCE_NUMBER: { scope: 'NATIONAL' },
  HEALTH_CASE_REFERENCE: { scope: 'LOCAL' },
  SOCIAL_WORK_CASE_REFERENCE: { scope: 'LOCAL' },
  PROBATION_CASE_REFERENCE: { scope: 'LOCAL' },
};

/** Without spaces, in upper case: how agencies and practitioners differ in writing one reference. */
export function compactIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export interface IdentifierAssessment {
  type: AgencyIdentifierType;
  /** As the issuing system wrote it (kept on the record as sent: bad input never loses data). */
  value: string;
  /** The form every spelling of the identifier shares: what matching and search compare. */
  key: string;
  scope: IdentifierScope;
  check: CheckResult;
  /** National and, where it has one, with a right check character: enough on its own to flag a pair. */
  strongEvidence: boolean;
}

/** How an identifier is compared, and what it is worth as evidence. */
export function assessIdentifier(
  identifier: Pick<AgencyIdentifier, 'type' | 'value'>,
): IdentifierAssessment {
  const rule = rules[identifier.type];
  const compact = compactIdentifier(identifier.value);
  const read = rule.read?.(compact);
  const check: CheckResult =
    rule.read === undefined
      ? 'NO_CHECK_CHARACTER'
      : read == null
        ? 'UNRECOGNISED_FORMAT'
        : read.valid
          ? 'VALID'
          : 'INVALID_CHECK_CHARACTER';
  return {
    type: identifier.type,
    value: identifier.value,
    key: read?.key ?? compact,
    scope: rule.scope,
    check,
    strongEvidence:
      rule.scope === 'NATIONAL' && (check === 'VALID' || check === 'NO_CHECK_CHARACTER'),
  };
}

/** The match and search key of an identifier (`assessIdentifier(...).key`). */
export function identifierKeyOf(identifier: Pick<AgencyIdentifier, 'type' | 'value'>): string {
  return assessIdentifier(identifier).key;
}

/**
 * The keys an identifier typed into a search, of no stated kind, may be stored under: as typed
 * (compacted), and in the shared form of each kind whose format it has — `2012/0345678A` finds a
 * record that holds `12/345678A`.
 */
export function identifierKeysOfText(text: string): string[] {
  const compact = compactIdentifier(text);
  const keys = new Set([compact]);
  for (const read of [readPncId, readCroNumber, readNhsNumber]) {
    const found = read(compact);
    if (found) keys.add(found.key);
  }
  return [...keys].filter((key) => key.length > 0);
}
