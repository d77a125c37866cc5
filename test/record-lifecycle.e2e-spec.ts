import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import {
  eventually,
  syntheticIntelligence,
  syntheticNominalId,
  syntheticRegistration,
} from '@hub/testing';
import { EnvelopeFieldCipher, PersonKeyDestroyedError, PersonKeys } from '@hub/persistence';
import { fieldNameOf } from '../apps/registry/src/encryption/sensitive-fields';
import { ReviewSweep } from '../apps/registry/src/reviews/review-sweep';
import type { HubEventStream } from './support/hub-event-stream';
import type { RegistryClient } from './support/registry-client';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';
import { eventsOnTopic, tombstoneOnTopic } from './support/topic-events';

/** A clock the test moves on: a person turns 100 without waiting for their birthday. */
let clockOffsetMs = 0;
const testClock = (): Date => new Date(Date.now() + clockOffsetMs);
const day = 24 * 60 * 60 * 1000;
const isoDay = (at: Date): string => at.toISOString().slice(0, 10);

const managingRecordManager = { user: 'probation-greater-manchester.record-manager' };
const otherAreaRecordManager = { user: 'probation-london.record-manager' };
const dataGovernance = { user: 'hub.data-governance' };
const auditor = { user: 'hub.auditor' };

interface Review {
  id: string;
  kind: 'ARCHIVE' | 'RETENTION';
  nominalId: string;
  dueOn: string;
  why: string;
  status: 'OPEN' | 'DECIDED' | 'WITHDRAWN';
  decision: { outcome: string; decidedBy: string; nextReviewOn: string | null } | null;
}

describe('record lifecycle: archive review, retention review and removal', () => {
  let hub: RegistryFixture;
  let client: RegistryClient;
  let events: HubEventStream;
  let kafka: Kafka;
  let mongo: MongoClient;
  let run: string;

  beforeAll(async () => {
    hub = await openRegistryFixture('lifecycle', {}, { clock: testClock });
    ({ client, events, kafka, mongo, run } = hub);
  });

  afterAll(() => hub?.close());

  const register = async (overrides: Record<string, unknown> = {}) => {
    const nominalId = syntheticNominalId();
    await events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId, {
        leadAgency: 'PROBATION',
        managingArea: 'Greater Manchester',
        jurisdiction: 'ENGLAND_AND_WALES',
        ...overrides,
      }),
    );
    await client.recordWhen(nominalId, (record) => record.version >= 1, 'to be registered');
    return nominalId;
  };

  const reviewsOf = async (who: RegistryClient, nominalId: string): Promise<Review[]> => {
    const response = await who.get(`/v1/reviews?nominalId=${encodeURIComponent(nominalId)}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Review[] }).items;
  };

  it('raises an archive review when the licence ends, for the managing record manager, who archives; re-activation reopens the record', async () => {
    const nominalId = await register();
    const yesterday = isoDay(new Date(Date.now() - day));
    await events.publish('prison.custody-event.recorded.v1', {
      nominalId,
      kind: 'RELEASED',
      establishment: 'HMP Example',
      releaseDate: '2025-03-01',
      effectiveOn: '2025-03-01',
      licenceExpiryOn: yesterday,
      sentenceExpiryOn: yesterday,
    });
    const record = await client.recordWhen(
      nominalId,
      (view) => (view.eligibility as { ended?: boolean } | null)?.ended === true,
      'to have its eligibility ended',
    );
    expect(record.eligibility).toMatchObject({
      endsOn: yesterday,
      grounds: [{ ground: 'SENTENCE_OR_LICENCE', basis: `licence expires on ${yesterday}` }],
    });

    const manager = client.as(managingRecordManager);
    const [review] = await eventually('the archive review to be raised', async () => {
      const raised = await reviewsOf(manager, nominalId);
      return raised.length > 0 ? raised : undefined;
    });
    expect(review).toMatchObject({
      kind: 'ARCHIVE',
      status: 'OPEN',
      dueOn: isoDay(new Date()),
      why: `MAPPA eligibility ended on ${yesterday}: licence expires on ${yesterday}`,
    });
    const [told] = await eventsOnTopic(kafka, 'registry.nominal.review-raised.v1', nominalId);
    expect(told).toMatchObject({
      reviewId: review.id,
      kind: 'ARCHIVE',
      managingArea: 'Greater Manchester',
    });

    // Another area's record manager sees nothing of it and cannot decide it.
    const otherArea = client.as(otherAreaRecordManager);
    expect(await reviewsOf(otherArea, nominalId)).toEqual([]);
    const refused = await otherArea.post(`/v1/reviews/${review.id}/decision`, {
      outcome: 'ARCHIVE',
      reason: 'Not mine to decide (synthetic)',
    });
    expect(refused.status).toBe(403);

    const withoutNextReview = await manager.post(`/v1/reviews/${review.id}/decision`, {
      outcome: 'KEEP_ACTIVE',
      reason: 'Still managed (synthetic)',
    });
    expect(withoutNextReview.status).toBe(400);
    expect(await withoutNextReview.text()).toMatch(/nextReviewOn is required/);
    const retain = await manager.post(`/v1/reviews/${review.id}/decision`, {
      outcome: 'RETAIN',
      reason: 'Wrong kind of decision (synthetic)',
      nextReviewOn: isoDay(new Date(Date.now() + 30 * day)),
    });
    expect(retain.status).toBe(400);

    const decided = await manager.post(`/v1/reviews/${review.id}/decision`, {
      outcome: 'ARCHIVE',
      reason: 'Licence expired; no order remains (synthetic)',
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({
      review: { status: 'DECIDED', decision: { outcome: 'ARCHIVE' } },
      archived: { topic: 'registry.nominal.archive-status-changed.v1' },
    });
    const archived = await client.recordWhen(
      nominalId,
      (view) => view.status === 'ARCHIVED',
      'to be archived',
    );
    expect(archived.archive).toMatchObject({
      reason: `archive review ${review.id}: Licence expired; no order remains (synthetic)`,
      archivedBy: managingRecordManager.user,
    });
    const again = await manager.post(`/v1/reviews/${review.id}/decision`, {
      outcome: 'ARCHIVE',
      reason: 'Twice (synthetic)',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/already decided: ARCHIVE by probation-greater-manchester/);

    const reactivated = await manager.post(`/v1/nominals/${nominalId}/reactivate`, {
      reason: 'Convicted again (synthetic)',
    });
    expect(reactivated.status).toBe(202);
    await client.recordWhen(nominalId, (view) => view.status === 'ACTIVE', 'to be active again');
    // The same ended eligibility raises no second review: the decision on it stands.
    expect((await reviewsOf(manager, nominalId)).map((each) => each.id)).toEqual([review.id]);
  });

  it('withdraws an open archive review when a later fact keeps the person eligible', async () => {
    const nominalId = await register();
    const lastMonth = isoDay(new Date(Date.now() - 30 * day));
    await events.publish('probation.supervision-event.recorded.v1', {
      nominalId,
      kind: 'ORDER_STARTED',
      orderType: 'Community order (synthetic)',
      startsOn: '2025-01-01',
      endsOn: lastMonth,
      effectiveOn: '2025-01-01',
    });
    const manager = client.as(managingRecordManager);
    const [raised] = await eventually('the archive review to be raised', async () => {
      const reviews = await reviewsOf(manager, nominalId);
      return reviews.length > 0 ? reviews : undefined;
    });
    expect(raised.status).toBe('OPEN');

    await events.publish('police.civil-order.recorded.v1', {
      nominalId,
      orderId: 'SHPO-LIFECYCLE',
      kind: 'MADE',
      orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
      jurisdiction: 'ENGLAND_AND_WALES',
      madeOn: '2025-06-01',
      effectiveOn: '2025-06-01',
      expiresOn: null,
      prohibitions: ['Not to contact children under 16 (synthetic)'],
    });
    const [withdrawn] = await eventually('the archive review to be withdrawn', async () => {
      const reviews = await reviewsOf(manager, nominalId);
      return reviews[0]?.status === 'WITHDRAWN' ? reviews : undefined;
    });
    expect(withdrawn.id).toBe(raised.id);
    const decided = await manager.post(`/v1/reviews/${raised.id}/decision`, {
      outcome: 'ARCHIVE',
      reason: 'Too late: withdrawn (synthetic)',
    });
    expect(decided.status).toBe(409);
  });

  it('raises a retention review at the 100th birthday; data governance removes the record, and it is gone everywhere', async () => {
    clockOffsetMs = 0;
    const today = isoDay(testClock());
    const [year, month, date] = today.split('-').map(Number);
    // 100 tomorrow.
    const born = isoDay(new Date(Date.UTC(year - 100, month - 1, date + 1)));
    const nominalId = await register({ dateOfBirth: born });
    const secret = `Seen with a named associate at a synthetic address (removal test ${randomUUID()})`;
    await events.publish(
      'police.intelligence.shared.v1',
      syntheticIntelligence(nominalId, { text: secret }),
    );
    await client.recordWhen(nominalId, (view) => view.version >= 2, 'to hold the intelligence');

    // A subject access request disclosed the intelligence: the case keeps a copy, encrypted.
    const governanceCases = client.as(dataGovernance);
    const opened = await governanceCases.post('/v1/disclosure-cases', {
      kind: 'SAR',
      nominalId,
      requester: 'The subject, by letter (synthetic)',
      identityVerified: true,
      receivedOn: isoDay(new Date()),
    });
    expect(opened.status).toBe(201);
    const sar = (await opened.json()) as { id: string };
    const items = (await (
      await governanceCases.get(`/v1/disclosure-cases/${sar.id}/items`)
    ).json()) as { itemId: string; text: string | null }[];
    const intelligenceItem = items.find((item) => item.text?.includes(secret));
    expect(intelligenceItem).toBeDefined();
    const disclosed = await governanceCases.post(`/v1/disclosure-cases/${sar.id}/decisions`, {
      itemId: intelligenceItem!.itemId,
      decision: 'DISCLOSE',
      reason: 'The subject may see it (synthetic)',
    });
    expect(disclosed.status).toBeLessThan(300);
    const rawCase = await mongo.db(run).collection('disclosure_cases').findOne({ nominalId });
    expect(JSON.stringify(rawCase)).not.toContain(secret);

    const sweep = hub.registry.app.get(ReviewSweep);
    await sweep.sweep();
    const governance = client.as(dataGovernance);
    expect(await reviewsOf(governance, nominalId)).toEqual([]);

    clockOffsetMs = day;
    await sweep.sweep();
    const [review] = await reviewsOf(governance, nominalId);
    expect(review).toMatchObject({ kind: 'RETENTION', status: 'OPEN', dueOn: isoDay(testClock()) });
    expect(review.why).toContain(`born ${born}`);

    // The managing organisation may not decide retention: data governance does.
    const byManager = await client
      .as(managingRecordManager)
      .post(`/v1/reviews/${review.id}/decision`, {
        outcome: 'REMOVE',
        reason: 'Not for a record manager (synthetic)',
      });
    expect(byManager.status).toBe(403);

    // A raw copy of the record, as a backup would hold it.
    const backup = await mongo
      .db(run)
      .collection('nominals')
      .findOne({ _id: nominalId as never });
    const sealedText = (backup?.intelligence as { text: unknown }[])[0].text;
    const removed = await governance.post(`/v1/reviews/${review.id}/decision`, {
      outcome: 'REMOVE',
      reason: 'Reached 100; no public protection purpose remains (synthetic)',
    });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({
      review: { decision: { outcome: 'REMOVE', decidedBy: dataGovernance.user } },
      removal: {
        nominalId,
        status: 'COMPLETED',
        stepsDone: [
          'data-key',
          'record',
          'history',
          'side-data',
          'tombstone',
          'announcement',
          'certificate',
        ],
      },
    });

    // Gone from the API: 410, not 404, for the record, its timeline, its reviews and commands.
    const record = await client.get(`/v1/nominals/${nominalId}`);
    expect(record.status).toBe(410);
    expect(await record.text()).toMatch(/was removed from the hub after a retention decision/);
    expect((await client.get(`/v1/nominals/${nominalId}/timeline`)).status).toBe(410);
    expect((await governance.get(`/v1/reviews/${review.id}`)).status).toBe(410);
    expect(
      (
        await governance.post(`/v1/reviews/${review.id}/decision`, {
          outcome: 'RETAIN',
          reason: 'Too late (synthetic)',
          nextReviewOn: isoDay(new Date(Date.now() + 30 * day)),
        })
      ).status,
    ).toBe(410);
    expect(
      (
        await governance.post(`/v1/nominals/${nominalId}/archive`, {
          reason: 'Too late (synthetic)',
        })
      ).status,
    ).toBe(410);

    // The backup's encrypted text can never be read again: the person's data key is destroyed.
    const cipher = new EnvelopeFieldCipher(hub.registry.app.get(PersonKeys));
    await expect(
      cipher.openOne(nominalId, fieldNameOf('nominals', 'intelligence.text'), sealedText),
    ).rejects.toThrow(PersonKeyDestroyedError);

    // Gone from the database: no collection holds anything of the person.
    const db = mongo.db(run);
    for (const [collection, filter] of [
      ['nominals', { _id: nominalId }],
      ['nominal_search', { _id: nominalId }],
      ['record_due_dates', { _id: nominalId }],
      ['nominal_history', { nominalId }],
      ['parked_events', { nominalId }],
      ['duplicate_candidates', { nominalIds: nominalId }],
      ['record_reviews', { nominalId }],
      ['person_keys', { _id: nominalId }],
    ] as const) {
      expect(await db.collection(collection).countDocuments(filter as object)).toBe(0);
    }

    // Its key tombstoned on the changed-record topic: compaction deletes every earlier version.
    await tombstoneOnTopic(kafka, 'registry.nominal.changed.v1', nominalId);

    // The disclosure case stays in the register, without the text it disclosed.
    const keptCase = await governanceCases.get(`/v1/disclosure-cases/${sar.id}`);
    expect(keptCase.status).toBe(200);
    const storedCase = await mongo.db(run).collection('disclosure_cases').findOne({ nominalId });
    expect(storedCase?.decisionLog).toEqual([
      expect.objectContaining({ text: null, reason: 'The subject may see it (synthetic)' }),
    ]);

    // Told to every agency; the certificate is in the audit chain, without personal data.
    const [announced] = await eventsOnTopic(kafka, 'registry.nominal.removed.v1', nominalId);
    expect(announced).toMatchObject({
      nominalId,
      decisionId: review.id,
      decidedBy: dataGovernance.user,
    });
    const certificate = await client.as(auditor).get(`/v1/removals/${nominalId}`);
    expect(certificate.status).toBe(200);
    const certificateText = await certificate.text();
    expect(certificateText).not.toContain(born);
    expect(certificateText).not.toContain(secret);
    const { entries } = (await (
      await client.as(auditor).get(`/v1/audit/entries?nominalId=${nominalId}&limit=100`)
    ).json()) as {
      entries: { action: string; reason: string; query: Record<string, string> | null }[];
    };
    // The decision's own call is audited too (records.remove, allowed); the certificate is apart.
    const certificates = entries.filter((entry) => entry.query?.certificate !== undefined);
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({
      action: 'records.remove',
      reason: 'Reached 100; no public protection purpose remains (synthetic)',
      query: { certificate: 'record removed', decisionId: review.id },
    });

    // A late event about the person is refused with a clear reason, and does not bring them back.
    const late = await events.publish(
      'police.intelligence.shared.v1',
      syntheticIntelligence(nominalId),
    );
    const letter = await eventually('the late event to be dead-lettered', async () => {
      const response = await governance.get(
        '/v1/dead-letters?errorClass=NominalRemovedError&limit=10000',
      );
      const letters = (await response.json()) as {
        key: string;
        eventId?: string;
        errorMessage?: string;
      }[];
      return letters.find((each) => each.key === nominalId);
    });
    expect(JSON.stringify(letter)).toMatch(/removed from the hub after a retention decision/);
    expect(late.eventId).toBeDefined();
    expect((await client.get(`/v1/nominals/${nominalId}`)).status).toBe(410);
  });
});
