import { shortPncId, syntheticCroNumber, syntheticNhsNumber, syntheticPncId } from '@hub/testing';
import {
  assessIdentifier,
  identifierKeyOf,
  identifierKeysOfText,
  modulus23CheckCharacter,
  nhsCheckDigit,
} from './identifier-rules';

// Synthetic identifiers only; check characters computed by the published rules.
const pnc = (value: string) => ({ type: 'PNC_ID' as const, value });
const cro = (value: string) => ({ type: 'CRO_NUMBER' as const, value });
const nhs = (value: string) => ({ type: 'NHS_NUMBER' as const, value });

describe('modulus23CheckCharacter', () => {
  it('maps remainder 0 to Z and 1.. to A.. skipping I, O and S', () => {
    expect(modulus23CheckCharacter('23')).toBe('Z');
    expect(modulus23CheckCharacter('1')).toBe('A');
    expect(modulus23CheckCharacter('8')).toBe('H');
    expect(modulus23CheckCharacter('9')).toBe('J'); // no I
    expect(modulus23CheckCharacter('14')).toBe('P'); // no O
    expect(modulus23CheckCharacter('17')).toBe('T'); // no S
    expect(modulus23CheckCharacter('22')).toBe('Y');
  });
});

describe('PNC ids', () => {
  it('key the short and the long form alike: year of two digits, serial padded to seven', () => {
    expect(identifierKeyOf(pnc('12/345678U'))).toBe('12/0345678U');
    expect(identifierKeyOf(pnc('2012/0345678U'))).toBe('12/0345678U');
    expect(identifierKeyOf(pnc(' 2012/0345678u '))).toBe('12/0345678U');
  });

  it('verify the check character over the short year and the seven-digit serial', () => {
    expect(assessIdentifier(pnc('12/345678U'))).toMatchObject({
      check: 'VALID',
      scope: 'NATIONAL',
      strongEvidence: true,
    });
    expect(assessIdentifier(pnc('2012/0345678U')).check).toBe('VALID');
    // The example letter: a wrong check character is kept, but is not strong evidence.
    expect(assessIdentifier(pnc('12/345678A'))).toMatchObject({
      check: 'INVALID_CHECK_CHARACTER',
      strongEvidence: false,
      value: '12/345678A',
    });
  });

  it('do not read what is not a PNC id, and then do not count it as strong evidence', () => {
    expect(assessIdentifier(pnc('PNC-12345'))).toMatchObject({
      check: 'UNRECOGNISED_FORMAT',
      key: 'PNC-12345',
      strongEvidence: false,
    });
  });
});

describe('CRO numbers', () => {
  it('verify the check character and key the serial padded to six digits', () => {
    expect(assessIdentifier(cro('123456/99L'))).toMatchObject({
      check: 'VALID',
      key: '123456/99L',
    });
    expect(assessIdentifier(cro('1/99W'))).toMatchObject({ check: 'VALID', key: '000001/99W' });
    expect(identifierKeyOf(cro('000001/99W'))).toBe('000001/99W');
    expect(assessIdentifier(cro('000001/99X')).check).toBe('INVALID_CHECK_CHARACTER');
  });

  it('read SF numbers, after 1964 over year and five-digit serial, before over the serial alone', () => {
    expect(assessIdentifier(cro('SF70/1234L'))).toMatchObject({
      check: 'VALID',
      key: 'SF70/01234L',
    });
    expect(assessIdentifier(cro('SF50/12345T'))).toMatchObject({
      check: 'VALID',
      key: 'SF50/012345T',
    });
  });
});

describe('NHS numbers', () => {
  it('verify the modulus 11 check digit, however the digits are grouped', () => {
    expect(nhsCheckDigit('943476591')).toBe('9');
    expect(nhsCheckDigit('999000000')).toBeNull(); // check 10: no valid number
    expect(assessIdentifier(nhs('943 476 5919'))).toMatchObject({
      check: 'VALID',
      key: '9434765919',
      strongEvidence: true,
    });
    expect(identifierKeyOf(nhs('943-476-5919'))).toBe('9434765919');
    expect(assessIdentifier(nhs('943 476 5918')).check).toBe('INVALID_CHECK_CHARACTER');
  });
});

describe('local identifiers', () => {
  it.each([
    'HEALTH_CASE_REFERENCE',
    'SOCIAL_WORK_CASE_REFERENCE',
    'PROBATION_CASE_REFERENCE',
  ] as const)('%s is local: never strong evidence on its own', (type) => {
    expect(assessIdentifier({ type, value: 'syn 000123' })).toMatchObject({
      scope: 'LOCAL',
      check: 'NO_CHECK_CHARACTER',
      key: 'SYN000123',
      strongEvidence: false,
    });
  });

  it('prison and national insurance numbers are national without a check character', () => {
    for (const type of ['PRISON_NUMBER', 'NATIONAL_INSURANCE_NUMBER'] as const) {
      expect(assessIdentifier({ type, value: 'qq 12 34 56 c' })).toMatchObject({
        scope: 'NATIONAL',
        key: 'QQ123456C',
        strongEvidence: true,
      });
    }
  });
});

describe('identifierKeysOfText', () => {
  it('offers the shared form of each kind the text could be, beside the text itself', () => {
    expect(identifierKeysOfText('2012/0345678U')).toEqual(['2012/0345678U', '12/0345678U']);
    expect(identifierKeysOfText('943 476 5919')).toEqual(['9434765919']);
    expect(identifierKeysOfText('x 123')).toEqual(['X123']);
    expect(identifierKeysOfText('  ')).toEqual([]);
  });
});

describe('the synthetic identifiers', () => {
  it('have right check characters, and a PNC id keys alike in its short and long forms', () => {
    for (let serial = 0; serial < 500; serial += 7) {
      const year = 1970 + (serial % 55);
      const long = syntheticPncId(year, serial);
      expect(assessIdentifier(pnc(long)).check).toBe('VALID');
      expect(assessIdentifier(pnc(shortPncId(long))).check).toBe('VALID');
      expect(identifierKeyOf(pnc(shortPncId(long)))).toBe(identifierKeyOf(pnc(long)));
      expect(assessIdentifier(cro(syntheticCroNumber(year, serial))).check).toBe('VALID');
      expect(assessIdentifier(nhs(syntheticNhsNumber(serial))).check).toBe('VALID');
    }
  });
});
