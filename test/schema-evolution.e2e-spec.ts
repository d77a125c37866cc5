import { randomUUID } from 'node:crypto';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { hubLogicalTypes, type NominalChanged } from '@hub/contracts';
import { readReleasedSchemas } from '../libs/contracts/src/avro/compatibility';
import { HubSchemaRegistry } from '@hub/messaging';
import { changedRecord } from '@hub/testing';

/**
 * Consumers read every event as the topic's schema is now: an event written under an older
 * version of the contract comes with the fields added since, at their defaults.
 */
describe('decoding an event written under an older schema', () => {
  const url = process.env.SCHEMA_REGISTRY_URL!;
  const subject = `test-evolution-${randomUUID()}-value`;
  const client = new SchemaRegistry(
    { host: url },
    { [SchemaType.AVRO]: { logicalTypes: hubLogicalTypes } },
  );

  afterAll(async () => {
    await fetch(`${url}/subjects/${subject}`, { method: 'DELETE' });
  });

  it('fills the changed record’s timeline, added since, with its defaults', async () => {
    const released = readReleasedSchemas()['registry.nominal.changed.v1-value'];
    const beforeTimeline = released
      .filter((schema) => !JSON.stringify(schema).includes('"timeline"'))
      .at(-1)!;
    const { id } = await client.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(beforeTimeline) },
      { subject },
    );
    const written = await client.encode(id, changedRecord({ nominalId: 'N-EVOLUTION-1' }));

    const schemas = new HubSchemaRegistry(url);
    const asWritten = (await schemas.decode(written)).value as Partial<NominalChanged>;
    expect(asWritten.timeline).toBeUndefined();

    const asNow = (await schemas.decode(written, 'registry.nominal.changed.v1'))
      .value as NominalChanged;
    expect(asNow.nominalId).toBe('N-EVOLUTION-1');
    expect(asNow.timeline).toEqual({
      registeredOn: null,
      arrangements: [],
      management: [],
      custody: [],
      supervisionEvents: [],
      complianceActions: [],
      archivedOn: null,
    });
  });
});
