import type { DisclosureKind } from './statutory-deadlines';

/** A named ground for withholding or redacting information, with the law it rests on. */
export interface Exemption {
  /** Short name shown in the pack and in redaction markers. */
  title: string;
  citation: string;
  /** The kinds of request it may answer. */
  appliesTo: readonly DisclosureKind[];
}

/**
 * The exemptions a handler may name, kept small and cited: a SAR is answered under the DPA 2018
 * exemptions, an FOI request under FOIA Part II, court and police requests under the grounds that
 * limit disclosure to them. An exemption from another regime does not answer a request.
 */
export const exemptions = {
  'DPA2018-SCH2-P2': {
    title: 'Crime and taxation',
    citation: 'DPA 2018 Sch 2 Part 1 para 2',
    appliesTo: ['SAR'],
  },
  'DPA2018-SCH2-P5': {
    title: 'Legal proceedings',
    citation: 'DPA 2018 Sch 2 Part 1 para 5',
    appliesTo: ['SAR'],
  },
  'DPA2018-SCH2-P16': {
    title: 'Information about another individual',
    citation: 'DPA 2018 Sch 2 Part 3 para 16',
    appliesTo: ['SAR'],
  },
  'DPA2018-SCH2-P19': {
    title: 'Legal professional privilege',
    citation: 'DPA 2018 Sch 2 Part 4 para 19',
    appliesTo: ['SAR'],
  },
  'FOIA-S30': {
    title: 'Investigations and proceedings',
    citation: 'FOIA 2000 s30',
    appliesTo: ['FOI'],
  },
  'FOIA-S31': {
    title: 'Law enforcement',
    citation: 'FOIA 2000 s31',
    appliesTo: ['FOI'],
  },
  'FOIA-S38': {
    title: 'Health and safety',
    citation: 'FOIA 2000 s38',
    appliesTo: ['FOI'],
  },
  'FOIA-S40-1': {
    title: "The requester's own personal data (answered as a SAR)",
    citation: 'FOIA 2000 s40(1)',
    appliesTo: ['FOI'],
  },
  'FOIA-S40-2': {
    title: 'Personal data of others',
    citation: 'FOIA 2000 s40(2)',
    appliesTo: ['FOI'],
  },
  PII: {
    title: 'Public interest immunity',
    citation: 'CPIA 1996 s3(6); R v H and C [2004] UKHL 3',
    appliesTo: ['COURT'],
  },
  LPP: {
    title: 'Legal professional privilege',
    citation: 'Common law legal professional privilege',
    appliesTo: ['COURT', 'POLICE_DISCLOSURE'],
  },
  'NOT-NECESSARY': {
    title: 'Not necessary for the purpose stated',
    citation: 'DPA 2018 Sch 2 Part 1 para 2(1); UK GDPR Art 5(1)(c) data minimisation',
    appliesTo: ['POLICE_DISCLOSURE'],
  },
} as const satisfies Record<string, Exemption>;

export type ExemptionCode = keyof typeof exemptions;

export const exemptionCodes = Object.keys(exemptions) as ExemptionCode[];

export function isExemptionCode(value: string): value is ExemptionCode {
  return Object.hasOwn(exemptions, value);
}

/** The exemptions a kind of request may be answered with. */
export function exemptionsFor(kind: DisclosureKind): ExemptionCode[] {
  return exemptionCodes.filter((code) =>
    (exemptions[code].appliesTo as readonly DisclosureKind[]).includes(kind),
  );
}

/** Why an exemption does not answer a request of this kind; null when it does. */
export function exemptionProblem(kind: DisclosureKind, code: string): string | null {
  if (!isExemptionCode(code)) {
    return `"${code}" is not a known exemption; a ${kind} takes ${exemptionsFor(kind).join(', ')}`;
  }
  if ((exemptions[code].appliesTo as readonly DisclosureKind[]).includes(kind)) return null;
  return `${code} (${exemptions[code].citation}) does not answer a ${kind}; a ${kind} takes ${exemptionsFor(kind).join(', ')}`;
}
