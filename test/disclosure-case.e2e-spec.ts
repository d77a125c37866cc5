import { syntheticNominalId, syntheticRegistration } from '@hub/testing';
import { addDays, addMonths, londonDate } from '../apps/registry/src/projections/calendar';
import type { HubEventStream } from './support/hub-event-stream';
import type { RegistryClient } from './support/registry-client';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

interface CaseItem {
  itemId: string;
  title: string;
  text: string | null;
  restricted: string | null;
}

interface DisclosureCase {
  id: string;
  status: string;
  outcome: string | null;
  dueOn: string;
  deadline: { daysLeft: number | null; overdue: boolean; near: boolean };
  decisions: { itemId: string; decision: string; exemption: string | null }[];
  packs: { sha256: string; withheld: number }[];
}

const today = londonDate(new Date());

/** What a reader of the printed page sees: tags dropped, entities decoded. */
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

describe('disclosure requests on the real stack: a SAR from the subject to the pack', () => {
  let hub: RegistryFixture;
  let governance: RegistryClient;
  let events: HubEventStream;

  beforeAll(async () => {
    hub = await openRegistryFixture('disclosure');
    ({ events } = hub);
    // Data governance as itself: no break-glass reason, which disclosure does not need.
    governance = hub.client.as({ user: 'hub.data-governance' });
  });

  afterAll(() => hub?.close());

  const openCase = async (body: Record<string, unknown>): Promise<DisclosureCase> => {
    const response = await governance.post('/v1/disclosure-cases', body);
    expect(response.status).toBe(201);
    return (await response.json()) as DisclosureCase;
  };
  const decide = (caseId: string, body: Record<string, unknown>) =>
    governance.post(`/v1/disclosure-cases/${caseId}/decisions`, body);

  it('lists what the hub holds, withholds, redacts and discloses, and the pack shows only what may be seen', async () => {
    const nominalId = syntheticNominalId();
    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(nominalId));
    await hub.client.recordWhen(nominalId, (record) => record.version >= 1, 'to be registered');
    const withheldText =
      'Informant Quillfeather reports the subject meets associates at the depot.';
    const restrictedText = 'Covert source says the subject plans to move north.';
    const thirdParty = 'Victim Samplename';
    const facts: [Parameters<HubEventStream['publish']>[0], Record<string, unknown>][] = [
      [
        'police.intelligence.shared.v1',
        {
          text: withheldText,
          sourceEvaluation: 'RELIABLE',
          intelligenceAssessment: 'KNOWN_INDIRECTLY_CORROBORATED',
          handlingCode: 'P',
        },
      ],
      [
        // A C item naming no agency: the originator alone may read it, not data governance.
        'police.intelligence.shared.v1',
        {
          text: restrictedText,
          sourceEvaluation: 'RELIABLE',
          intelligenceAssessment: 'KNOWN_DIRECTLY',
          handlingCode: 'C',
        },
      ],
      [
        'mappa.risk-assessment.recorded.v1',
        {
          assessmentId: 'oasys-disclosure',
          tool: 'OASYS',
          riskOfSeriousHarm: 'HIGH',
          assessedOn: '2026-03-01',
          summary: `High risk to ${thirdParty}; contact with ${thirdParty} must be avoided.`,
        },
      ],
      [
        'mappa.address.recorded.v1',
        {
          address: {
            addressId: 'home',
            type: 'HOME',
            lines: ['12 Synthetic Street'],
            town: 'Exampletown',
            postcode: 'ZZ1 1ZZ',
            area: 'Greater Manchester',
            jurisdiction: 'ENGLAND_AND_WALES',
            from: '2024-01-01',
            to: null,
          },
        },
      ],
    ];
    const published: string[] = [];
    for (const [topic, body] of facts) {
      published.push((await events.publish(topic, { nominalId, ...body })).eventId);
    }
    await hub.client.recordWhen(nominalId, (r) => r.version === 1 + facts.length, 'to apply all');

    // A SAR logged today: due one month on (or the next working day).
    const sar = await openCase({
      kind: 'SAR',
      nominalId,
      requester: 'The subject, by letter to the data protection officer',
      identityVerified: true,
      receivedOn: today,
    });
    expect(sar.status).toBe('OPEN');
    expect(sar.dueOn >= addMonths(today, 1)).toBe(true);
    expect(sar.deadline).toMatchObject({ overdue: false, near: false });

    const itemsResponse = await governance.get(`/v1/disclosure-cases/${sar.id}/items`);
    expect(itemsResponse.status).toBe(200);
    const items = (await itemsResponse.json()) as CaseItem[];
    const item = (itemId: string) => {
      const found = items.find((candidate) => candidate.itemId === itemId);
      if (!found) throw new Error(`no item ${itemId} in ${items.map((i) => i.itemId).join(', ')}`);
      return found;
    };
    const [withheldId, restrictedId] = published.slice(0, 2).map((id) => `intelligence:${id}`);
    expect(item(withheldId).text).toContain(withheldText);
    // Need-to-know holds inside the case: the C item is listed, its text is not.
    expect(item(restrictedId)).toMatchObject({
      text: null,
      restricted: expect.any(String) as unknown,
    });
    expect(JSON.stringify(items)).not.toContain(restrictedText);
    expect(item('risk-assessment:oasys-disclosure').text).toContain(thirdParty);
    const addressId = `address:${published[3]}`;
    expect(item(addressId).text).toContain('12 Synthetic Street');

    // The pack waits for every item to be decided.
    expect((await governance.get(`/v1/disclosure-cases/${sar.id}/pack`)).status).toBe(409);

    // An FOI exemption does not answer a SAR; a restricted item cannot be disclosed.
    const wrongExemption = await decide(sar.id, {
      itemId: withheldId,
      decision: 'WITHHOLD',
      exemption: 'FOIA-S31',
      reason: 'Law enforcement.',
    });
    expect(wrongExemption.status).toBe(400);
    expect(((await wrongExemption.json()) as { message: string }).message).toMatch(
      /does not answer a SAR/,
    );
    expect(
      (await decide(sar.id, { itemId: restrictedId, decision: 'DISCLOSE', reason: 'Held.' }))
        .status,
    ).toBe(403);

    const decisions: Record<string, unknown>[] = [
      {
        itemId: withheldId,
        decision: 'WITHHOLD',
        exemption: 'DPA2018-SCH2-P2',
        reason: 'Disclosure would be likely to prejudice the prevention or detection of crime.',
      },
      {
        itemId: restrictedId,
        decision: 'WITHHOLD',
        exemption: 'DPA2018-SCH2-P2',
        reason: 'The originator was consulted and asked for it to be withheld.',
      },
      {
        itemId: 'risk-assessment:oasys-disclosure',
        decision: 'DISCLOSE_REDACTED',
        exemption: 'DPA2018-SCH2-P16',
        redactions: [thirdParty],
        reason: 'Names another individual who has not consented.',
      },
      ...items
        .map((i) => i.itemId)
        .filter(
          (id) => ![withheldId, restrictedId, 'risk-assessment:oasys-disclosure'].includes(id),
        )
        .map((itemId) => ({ itemId, decision: 'DISCLOSE', reason: 'Nothing in it is exempt.' })),
    ];
    for (const body of decisions) expect((await decide(sar.id, body)).status).toBe(201);

    const packResponse = await governance.get(`/v1/disclosure-cases/${sar.id}/pack`);
    expect({ status: packResponse.status }).toEqual({ status: 200 });
    expect(packResponse.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await packResponse.text();
    const page = visibleText(html);
    expect(page).toContain('12 Synthetic Street');
    expect(page).toContain('[REDACTED: DPA 2018 Sch 2 Part 3 para 16]');
    expect(page).toContain('Crime and taxation (DPA 2018 Sch 2 Part 1 para 2)');
    expect(page).toContain('Disclosure would be likely to prejudice');
    for (const secret of [withheldText, 'Quillfeather', restrictedText, 'Samplename']) {
      expect(html).not.toContain(secret);
    }
    expect(html).not.toMatch(/<script|<link|<img/);

    const decided = (await (await governance.get(`/v1/disclosure-cases/${sar.id}`)).json()) as
      DisclosureCase | undefined;
    expect(decided).toMatchObject({ status: 'DECIDED', packs: [{ withheld: 2 }] });
    expect(JSON.stringify(decided)).not.toContain('Samplename');

    // The outcome must match the decisions; then the case is closed to further decisions.
    const wrongOutcome = await governance.post(`/v1/disclosure-cases/${sar.id}/close`, {
      outcome: 'DISCLOSED_IN_FULL',
      reason: 'Sent by post.',
    });
    expect(wrongOutcome.status).toBe(400);
    const closed = await governance.post(`/v1/disclosure-cases/${sar.id}/close`, {
      outcome: 'DISCLOSED_IN_PART',
      reason: 'Pack sent by recorded delivery.',
    });
    expect(closed.status).toBe(201);
    expect(await closed.json()).toMatchObject({ status: 'CLOSED', outcome: 'DISCLOSED_IN_PART' });
    const late = await decide(sar.id, {
      itemId: withheldId,
      decision: 'DISCLOSE',
      reason: 'Changed my mind.',
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { message: string }).message).toMatch(/is closed/);

    // Every step is in the audit trail, against the subject.
    const audit = await hub.client
      .as({ user: 'hub.auditor' })
      .get(`/v1/audit/entries?nominalId=${encodeURIComponent(nominalId)}&limit=1000`);
    expect(audit.status).toBe(200);
    const entries = ((await audit.json()) as { entries: { action: string; outcome: string }[] })
      .entries;
    const disclosureEntries = entries.filter((e) => e.action.startsWith('disclosure.'));
    // Open, items, two pack attempts, the decisions (two refused or failed), two closures, the late one.
    expect(disclosureEntries.length).toBeGreaterThanOrEqual(decisions.length + 8);
    expect(disclosureEntries.some((e) => e.outcome === 'refused')).toBe(true);
  });

  it('shows deadlines near and missed, and answers 404, 403 and 410 plainly', async () => {
    const nominalId = syntheticNominalId();
    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(nominalId));
    await hub.client.recordWhen(nominalId, (record) => record.version >= 1, 'to be registered');

    const missed = await openCase({
      kind: 'SAR',
      nominalId,
      requester: 'The subject',
      identityVerified: true,
      receivedOn: addMonths(today, -3),
    });
    const near = await openCase({
      kind: 'COURT',
      nominalId,
      requester: 'Exampletown Crown Court, witness summons',
      receivedOn: today,
      requesterDueOn: addDays(today, 1),
    });
    const later = await openCase({
      kind: 'FOI',
      nominalId,
      requester: 'A journalist',
      receivedOn: today,
    });
    expect(missed.deadline).toMatchObject({ overdue: true, near: false });
    expect(missed.deadline.daysLeft).toBeLessThan(0);
    expect(near.deadline).toMatchObject({ overdue: false, near: true, daysLeft: 1 });

    const listed = async (due: string) => {
      const response = await governance.get(`/v1/disclosure-cases?due=${due}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: DisclosureCase[] }).items.map((c) => c.id);
    };
    const nearIds = await listed('near');
    const missedIds = await listed('missed');
    expect(nearIds).toContain(near.id);
    expect(nearIds).not.toContain(missed.id);
    expect(nearIds).not.toContain(later.id);
    expect(missedIds).toContain(missed.id);
    expect(missedIds).not.toContain(near.id);

    // An extension past what the law allows is refused with its reason; one within it is recorded.
    const tooLong = await governance.post(`/v1/disclosure-cases/${later.id}/extensions`, {
      newDueOn: addMonths(today, 6),
      reason: 'Public interest test.',
    });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { message: string }).message).toMatch(/s10\(3\)/);

    // Auditors read the register, but handle no case; practitioners neither.
    const auditor = hub.client.as({ user: 'hub.auditor' });
    expect((await auditor.get('/v1/disclosure-cases?due=missed')).status).toBe(200);
    expect((await auditor.get(`/v1/disclosure-cases/${near.id}/items`)).status).toBe(403);
    const practitioner = hub.client.as({ user: 'police-greater-manchester.practitioner' });
    const refused = await practitioner.post('/v1/disclosure-cases', {
      kind: 'SAR',
      nominalId,
      requester: 'The subject',
      identityVerified: true,
      receivedOn: today,
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/data governance/);
    expect((await practitioner.get('/v1/disclosure-cases')).status).toBe(403);

    // No such person: 404. A case whose record the hub no longer holds: 410.
    const unknown = await governance.post('/v1/disclosure-cases', {
      kind: 'FOI',
      nominalId: syntheticNominalId(),
      requester: 'A journalist',
      receivedOn: today,
    });
    expect(unknown.status).toBe(404);
    // Removal is not built yet: the record is taken out of the database as removal will.
    await hub.mongo
      .db(hub.run)
      .collection<{ _id: string }>('nominals')
      .deleteOne({ _id: nominalId });
    const gone = await decide(near.id, {
      itemId: 'identity:name',
      decision: 'DISCLOSE',
      reason: 'Name only.',
    });
    expect(gone.status).toBe(410);
    const notHeld = await governance.post(`/v1/disclosure-cases/${near.id}/close`, {
      outcome: 'NOT_HELD',
      reason: 'The record was removed before the court date.',
    });
    expect(notHeld.status).toBe(201);
  });
});
