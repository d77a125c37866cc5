import { mixSeed } from './prng';

/**
 * Agency identifiers in their real formats but INVENTED, and recognisably so: serial numbers are
 * the synthetic person's sequence number behind a fixed marker digit or letter, and the number
 * ranges chosen are ones kept for testing or never issued (NHS numbers from 999, national
 * insurance numbers with the QQ prefix, probation case references starting with X). They are
 * unique within one seed so that only the near-duplicates made on purpose share one.
 */

/** The check letters of PNC ids and CRO numbers: (year + serial) modulo 23 picks one. */
const checkLetters = 'ZABCDEFGHJKLMNPQRTUVWXY';
/** The letters a postcode's inward part may end with. */
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Where a person's serials start: each seed gets its own offset so runs rarely overlap. */
export function serialOf(seed: number, index: number, modulus: number): number {
  return (index + (mixSeed(seed, 0x5e71a1) % modulus)) % modulus;
}

function checkLetter(digits: string): string {
  return checkLetters[Number(BigInt(digits) % 23n)];
}

/** A PNC id, `YYYY/9NNNNNNC`: year of first entry, serial (always 9 + six digits), check letter. */
export function syntheticPncId(year: number, serial: number): string {
  const body = `9${pad(serial % 1_000_000, 6)}`;
  return `${year}/${body}${checkLetter(`${pad(year % 100, 2)}${body}`)}`;
}

/**
 * A PNC id in its display (short) form `YY/N…C`: the century and the serial's leading zeros left
 * out. The check letter is the same, computed over the two-digit year and the padded serial.
 */
export function shortPncId(longForm: string): string {
  const [year, rest] = longForm.split('/');
  return `${year.slice(-2)}/${rest.replace(/^0+(?=\d)/, '')}`;
}

/** A CRO number, `9NNNNN/YYC`: serial (9 + five digits), two-digit year, check letter. */
export function syntheticCroNumber(year: number, serial: number): string {
  const body = `9${pad(serial % 100_000, 5)}`;
  const yy = pad(year % 100, 2);
  return `${body}/${yy}${checkLetter(`${yy}${body}`)}`;
}

/** A prison number in the English format `A1234BC`, always starting with Z. */
export function syntheticPrisonNumber(serial: number): string {
  const digits = pad(serial % 10_000, 4);
  const rest = Math.floor(serial / 10_000);
  const first = letters[rest % letters.length];
  const second = letters[Math.floor(rest / letters.length) % letters.length];
  return `Z${digits}${first}${second}`;
}

/** A ten-digit NHS number in the 999 range kept for testing, with a valid modulus-11 check digit. */
export function syntheticNhsNumber(serial: number): string {
  for (let attempt = 0; ; attempt += 1) {
    const nine = `999${pad((serial + attempt * 7919) % 1_000_000, 6)}`;
    const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue; // no valid number with these nine digits
    const checkDigit = check === 11 ? 0 : check;
    return `${nine.slice(0, 3)} ${nine.slice(3, 6)} ${nine.slice(6)}${checkDigit}`;
  }
}

/** A national insurance number with the QQ prefix, which is never issued. */
export function syntheticNationalInsuranceNumber(serial: number): string {
  return `QQ${pad(serial % 1_000_000, 6)}${'ABCD'[serial % 4]}`;
}

/** A probation case reference number (CRN) `X123456`. */
export function syntheticProbationCaseReference(serial: number): string {
  return `X${pad(serial % 1_000_000, 6)}`;
}

/** A criminal-justice social work case reference. */
export function syntheticSocialWorkCaseReference(serial: number): string {
  return `CJSW-SYN-${pad(serial % 1_000_000, 6)}`;
}

/** A forensic mental health service case reference. */
export function syntheticHealthCaseReference(serial: number): string {
  return `FMH-SYN-${pad(serial % 1_000_000, 6)}`;
}

/** An inward postcode part, `9XX`. */
export function inwardCode(digit: number, first: number, second: number): string {
  return `${digit % 10}${inwardLetters[first % inwardLetters.length]}${inwardLetters[second % inwardLetters.length]}`;
}
