import { randomUUID } from 'node:crypto';
import {
  EnvelopeFieldCipher,
  isSealedValue,
  PersonKeyDestroyedError,
  PersonKeys,
  readLocalMasterKey,
  type PersonKeyDocument,
} from '@hub/persistence';
import { eventually, syntheticNominalId, syntheticRegistration } from '@hub/testing';
import { fieldNameOf } from '../apps/registry/src/encryption/sensitive-fields';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

const masterKey = () => readLocalMasterKey(process.env.HUB_MASTER_KEY_FILE!);

/** Synthetic free text, unique per run so that finding it anywhere means it was stored in clear. */
const marker = (what: string): string => `${what} ${randomUUID()} (synthetic)`;

describe('sensitive content encrypted at rest, per person, on the real stack', () => {
  let hub: RegistryFixture;

  beforeAll(async () => {
    hub = await openRegistryFixture('encryption');
  });

  afterAll(() => hub?.close());

  it('stores intelligence, risk narratives and parked events sealed, serves them in clear, and crypto-shreds them', async () => {
    const { events, client, mongo, run } = hub;
    const db = mongo.db(run);
    const nominalId = syntheticNominalId();
    const intelligenceText = marker('Seen near a school gate');
    const riskSummary = marker('Risk to children when unsupervised');
    const parkedText = marker('Reported before registration');

    // Before the registration: parked, sealed with the key of the person it is about.
    const early = await events.publish('police.intelligence.shared.v1', {
      nominalId,
      text: parkedText,
      sourceEvaluation: 'RELIABLE',
      intelligenceAssessment: 'KNOWN_DIRECTLY',
      handlingCode: 'P',
    });
    const parked = await eventually('the early event to be parked', async () => {
      return (
        (await db.collection('parked_events').findOne({ _id: early.eventId as never })) ?? undefined
      );
    });
    expect(JSON.stringify(parked)).not.toContain(parkedText);

    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(nominalId));
    await events.publish('police.intelligence.shared.v1', {
      nominalId,
      text: intelligenceText,
      sourceEvaluation: 'RELIABLE',
      intelligenceAssessment: 'KNOWN_DIRECTLY',
      handlingCode: 'P',
    });
    await events.publish('mappa.risk-assessment.recorded.v1', {
      nominalId,
      assessmentId: 'ra-encrypted',
      tool: 'OASYS',
      riskOfSeriousHarm: 'HIGH',
      assessedOn: '2025-02-02',
      summary: riskSummary,
    });

    // The API serves the plaintext to an entitled caller.
    const record = await client.recordWhen(
      nominalId,
      (view) => view.version >= 4,
      'to apply the parked event, the intelligence and the assessment',
    );
    expect(record.intelligence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: parkedText }),
        expect.objectContaining({ text: intelligenceText }),
      ]),
    );
    expect(record.riskAssessments).toEqual([expect.objectContaining({ summary: riskSummary })]);
    const timeline = await client.timeline(nominalId);
    expect(JSON.stringify(timeline)).toContain(intelligenceText);

    // At rest: none of the text in clear, in the record or anywhere in its history.
    const raw = await db.collection('nominals').findOne({ _id: nominalId as never });
    const history = await db.collection('nominal_history').find({ nominalId }).toArray();
    expect(history.length).toBeGreaterThanOrEqual(4);
    for (const text of [intelligenceText, riskSummary, parkedText]) {
      expect(JSON.stringify(raw)).not.toContain(text);
      expect(JSON.stringify(history)).not.toContain(text);
    }
    const rawIntelligence = (raw?.intelligence as { text: unknown; eventId: string }[]).find(
      (item) => item.eventId !== early.eventId,
    );
    expect(isSealedValue(rawIntelligence?.text)).toBe(true);
    expect(raw?.riskAssessments).toEqual([
      expect.objectContaining({ assessmentId: 'ra-encrypted', tool: 'OASYS' }),
    ]);

    // A copy taken before the removal (a backup, say) opens now...
    const cipher = new EnvelopeFieldCipher(new PersonKeys(db, masterKey()));
    const field = fieldNameOf('nominals', 'intelligence.text');
    expect(await cipher.openOne(nominalId, field, rawIntelligence?.text)).toBe(intelligenceText);

    // ...and never again once the person's key is destroyed, wherever the copy is.
    const registryKeys = hub.registry.app.get(PersonKeys);
    await registryKeys.destroy(nominalId);
    expect(await db.collection('person_keys').countDocuments({ _id: nominalId as never })).toBe(0);
    const afterwards = new EnvelopeFieldCipher(new PersonKeys(db, masterKey()));
    await expect(afterwards.openOne(nominalId, field, rawIntelligence?.text)).rejects.toThrow(
      PersonKeyDestroyedError,
    );
    const details: unknown = history.find((entry) => entry.eventId === early.eventId)?.details;
    await expect(
      afterwards.openOne(nominalId, fieldNameOf('nominal_history', 'details'), details),
    ).rejects.toThrow(PersonKeyDestroyedError);
    // The registry itself (its cache evicted by destroy) cannot read the record any more.
    const response = await client.get(`/v1/nominals/${nominalId}`);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain(intelligenceText);
  });

  it('gives one key to two writers that create a person’s key at once', async () => {
    const db = hub.mongo.db(hub.run);
    // Two instances, each with its own cache: as two registry processes would be.
    const [first, second] = [new PersonKeys(db, masterKey()), new PersonKeys(db, masterKey())];
    const people = Array.from({ length: 20 }, () => syntheticNominalId());
    const [mine, theirs] = await Promise.all([first.forWriting(people), second.forWriting(people)]);
    for (const person of people) expect(mine.get(person)).toEqual(theirs.get(person));
    const stored = await db
      .collection<PersonKeyDocument>('person_keys')
      .countDocuments({ _id: { $in: people } });
    expect(stored).toBe(people.length);
    const reread = await new PersonKeys(db, masterKey()).forReading(people);
    for (const person of people) expect(reread.get(person)).toEqual(mine.get(person));
  });
});
