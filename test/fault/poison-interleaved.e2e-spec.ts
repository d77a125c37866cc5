import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type KafkaMessage } from 'kafkajs';
import { kafkaClientOptionsFromEnv } from '@hub/messaging';
import { MongoClient } from 'mongodb';
import { eventually, syntheticIntelligence, syntheticNominalId } from '@hub/testing';
import { HubEventStream } from '../support/hub-event-stream';
import { useFaultFixture } from '../support/fault-fixture';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000) / 2;
const nominals = 25;
const topic = 'police.intelligence.shared.v1';

/** One poison message of each kind the registry must dead-letter at once. */
function poisonFor(
  nominalId: string,
  kind: number,
  valid: Buffer,
): { key: string; value: Buffer; reason: string } {
  switch (kind % 3) {
    case 0:
      return {
        key: nominalId,
        value: Buffer.from('{"not":"avro"}'),
        reason: 'UndecodableMessageError',
      };
    case 1: {
      const unknownSchema = Buffer.from(valid);
      unknownSchema.writeInt32BE(987_654_321, 1); // wire format, but no such schema id
      return { key: nominalId, value: unknownSchema, reason: 'UnknownSchemaError' };
    }
    default:
      // Schema-valid, but keyed by another nominal than the one it is about: never applicable.
      return { key: `${nominalId}-WRONG-KEY`, value: valid, reason: 'PermanentEventError' };
  }
}

describe('fault: poison messages interleaved with good ones under load', () => {
  const fixture = useFaultFixture('fault_poison');
  const kafka = new Kafka({
    ...kafkaClientOptionsFromEnv(),
    logLevel: logLevel.NOTHING,
  });
  const encoder = new HubEventStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const mongo = new MongoClient(process.env.MONGO_URL!);

  beforeAll(async () => {
    await Promise.all([encoder.open([topic]), producer.connect(), mongo.connect()]);
  });

  afterAll(async () => {
    await Promise.all([encoder.close(), producer.disconnect(), mongo.close()]);
  });

  it(`dead-letters every poison message with its reason and applies ${events} good events in order`, async () => {
    const { stream } = fixture;
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    for (const nominalId of people) await stream.register(nominalId);
    const sent = new Map<string, string[]>(people.map((id) => [id, []]));
    const poisonKeys = new Map<string, string>();

    // Each nominal's events go out one after another (so their order is known); nominals in parallel.
    const perNominal = Math.ceil(events / nominals);
    await Promise.all(
      people.map(async (nominalId, person) => {
        for (let index = 0; index < perNominal; index++) {
          const eventId = await stream.publish(nominalId);
          sent.get(nominalId)!.push(eventId);
          if (index % 10 === 5) {
            const valid = await encodedIntelligence(encoder, nominalId);
            const poison = poisonFor(nominalId, person + index, valid);
            poisonKeys.set(poison.key, poison.reason);
            await producer.send({
              topic,
              acks: -1,
              messages: [{ key: poison.key, value: poison.value }],
            });
          }
        }
      }),
    );

    const good = perNominal * nominals;
    await fixture.expectEachEventAppliedOnce(people, good);
    const records = await mongo
      .db(fixture.database)
      .collection<{ _id: string; intelligence: { eventId: string }[] }>('nominals')
      .find({ _id: { $in: people } })
      .toArray();
    for (const record of records) {
      expect(record.intelligence.map((item) => item.eventId)).toEqual(sent.get(record._id));
    }

    const letters = await eventually(
      `all ${poisonKeys.size} poison messages to be dead-lettered`,
      async () => {
        const found = await deadLettersWithKeys(kafka, new Set(poisonKeys.keys()));
        return found.size >= poisonKeys.size ? found : undefined;
      },
      120_000,
      2_000,
    );
    for (const [key, reason] of poisonKeys) {
      expect({
        key,
        errorClass: letters.get(key)?.headers?.['hub.error.class']?.toString(),
      }).toEqual({
        key,
        errorClass: reason,
      });
    }
  });
});

async function encodedIntelligence(events: HubEventStream, nominalId: string): Promise<Buffer> {
  const value = events.valueOf(topic, syntheticIntelligence(nominalId));
  return events.encode(topic, value);
}

/** Reads the registry's dead-letter topic once from the start and returns the letters with these keys. */
async function deadLettersWithKeys(
  kafka: Kafka,
  keys: Set<string>,
): Promise<Map<string, KafkaMessage>> {
  const found = new Map<string, KafkaMessage>();
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets('registry.event.dead-lettered.v1');
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `poison-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: 'registry.event.dead-lettered.v1', fromBeginning: true });
    const remaining = new Map(ends.map((end) => [end.partition, Number(end.high)]));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 30_000);
      const done = () => [...remaining.values()].every((left) => left <= 0);
      if (done()) {
        clearTimeout(timer);
        resolve();
        return;
      }
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const key = message.key?.toString();
            if (key && keys.has(key)) found.set(key, message);
            remaining.set(
              partition,
              Number(ends.find((end) => end.partition === partition)!.high) -
                Number(message.offset) -
                1,
            );
            if (done()) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}
