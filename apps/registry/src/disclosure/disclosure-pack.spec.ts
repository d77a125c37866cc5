import type { DisclosureCaseDocument, ItemDecision } from './disclosure-cases';
import { escapeHtml, redactedParts, renderDisclosurePack } from './disclosure-pack';

const at = new Date('2026-11-20T10:00:00Z');

function decision(overrides: Partial<ItemDecision> & Pick<ItemDecision, 'itemId'>): ItemDecision {
  return {
    title: `Item ${overrides.itemId}`,
    decision: 'DISCLOSE',
    exemption: null,
    redactions: [],
    reason: 'Nothing in it is exempt.',
    decidedBy: 'hub.data-governance',
    decidedAt: at,
    text: `Text of ${overrides.itemId}`,
    textSha256: null,
    ...overrides,
  };
}

function caseWith(log: ItemDecision[]): DisclosureCaseDocument {
  return {
    _id: 'case-1',
    kind: 'SAR',
    nominalId: 'NOM-1',
    requester: 'The subject, by letter <via solicitor>',
    identityVerified: true,
    receivedOn: '2026-11-02',
    requesterDueOn: null,
    originalDueOn: '2026-12-02',
    dueOn: '2026-12-02',
    deadlineRule: 'one month',
    deadlineSource: 'UK GDPR Art 12(3)',
    extensions: [],
    status: 'OPEN',
    closure: null,
    handler: 'hub.data-governance',
    openedAt: at,
    revision: log.length,
    decisionLog: log,
    packs: [],
  };
}

/** The text a reader of the printed page sees: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('redactedParts', () => {
  it('blanks every occurrence, merging overlapping redactions into one', () => {
    expect(
      redactedParts(
        'Seen with Jo Bloggs and Jo Bl at 5pm',
        ['Jo Bloggs', 'Bloggs and Jo'],
        'FOIA-S40-2',
      ),
    ).toEqual([{ text: 'Seen with ' }, { redactedUnder: 'FOIA-S40-2' }, { text: ' Bl at 5pm' }]);
  });
});

describe('renderDisclosurePack', () => {
  const log = [
    decision({ itemId: 'identity:name', text: 'Alex Testperson' }),
    decision({
      itemId: 'intelligence:1',
      title: 'Intelligence shared by POLICE on 2026-10-01',
      decision: 'WITHHOLD',
      exemption: 'DPA2018-SCH2-P2',
      reason: 'Disclosure would prejudice the prevention of crime.',
      text: null,
    }),
    decision({
      itemId: 'risk-assessment:r1',
      decision: 'DISCLOSE_REDACTED',
      exemption: 'DPA2018-SCH2-P16',
      redactions: ['Victim Samplename'],
      reason: 'Names a third party.',
      text: 'Contact with Victim Samplename must be avoided.',
    }),
  ];
  const html = renderDisclosurePack(caseWith(log), log, {
    producedAt: at,
    producedBy: 'hub.data-governance',
  });
  const text = visibleText(html);

  it('shows disclosed text, and redactions as redactions naming the exemption', () => {
    expect(text).toContain('Alex Testperson');
    expect(text).toContain(
      'Contact with [REDACTED: DPA 2018 Sch 2 Part 3 para 16] must be avoided.',
    );
    expect(text).not.toContain('Samplename');
  });

  it('lists a withheld item by its title and exemption only', () => {
    const withheld = text.slice(text.indexOf('Information withheld'), text.indexOf('Decision log'));
    expect(withheld).toContain('Intelligence shared by POLICE on 2026-10-01');
    expect(withheld).toContain('Crime and taxation (DPA 2018 Sch 2 Part 1 para 2)');
  });

  it('keeps the decision log: who, when, what and why', () => {
    const decisionLog = text.slice(text.indexOf('Decision log'));
    expect(decisionLog).toContain('2026-11-20T10:00:00Z');
    expect(decisionLog).toContain('Disclosure would prejudice the prevention of crime.');
    expect(decisionLog).toContain('Disclosed with redactions (1 redaction)');
  });

  it('escapes everything it prints and carries no script or external asset', () => {
    const hostile = decision({
      itemId: 'x"><script>alert(1)</script>',
      title: '<img src=x onerror=alert(1)>',
      text: '</pre><script>alert(2)</script>',
      reason: '<b>bold</b>',
    });
    const page = renderDisclosurePack(caseWith([hostile]), [hostile], {
      producedAt: at,
      producedBy: '<someone>',
    });
    expect(page).not.toMatch(/<script|<img|<b>|<someone>/);
    expect(page).toContain(escapeHtml('</pre><script>alert(2)</script>'));
    expect(page).toContain('The subject, by letter &lt;via solicitor&gt;');
    expect(page).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
    expect(page).toMatch(/@media print/);
  });
});
