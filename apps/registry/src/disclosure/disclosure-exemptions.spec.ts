import { exemptionProblem, exemptions, exemptionsFor } from './disclosure-exemptions';
import { disclosureKinds } from './statutory-deadlines';

describe('exemptions', () => {
  it('answers a SAR under the DPA 2018 and an FOI request under FOIA, not the other way round', () => {
    expect(exemptionProblem('SAR', 'DPA2018-SCH2-P2')).toBeNull();
    expect(exemptionProblem('FOI', 'FOIA-S31')).toBeNull();
    expect(exemptionProblem('FOI', 'FOIA-S40-2')).toBeNull();
    expect(exemptionProblem('SAR', 'FOIA-S31')).toMatch(
      /FOIA-S31 \(FOIA 2000 s31\) does not answer a SAR; a SAR takes DPA2018-SCH2-P2/,
    );
    expect(exemptionProblem('FOI', 'DPA2018-SCH2-P5')).toMatch(/does not answer a FOI/);
  });

  it('names the exemptions a kind takes when given an unknown one', () => {
    expect(exemptionProblem('COURT', 'national security')).toBe(
      '"national security" is not a known exemption; a COURT takes PII, LPP',
    );
    expect(exemptionProblem('SAR', 'toString')).toMatch(/not a known exemption/);
  });

  it.each(disclosureKinds)('gives a %s at least one exemption, each cited', (kind) => {
    const codes = exemptionsFor(kind);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(exemptions[code].citation).toMatch(/\w+ .*\d|law/);
  });
});
