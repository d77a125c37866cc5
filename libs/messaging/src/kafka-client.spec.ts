import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@hub/config';
import { kafkaClientOptions } from './kafka-client';

describe('kafkaClientOptions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-client-spec-'));
  const ca = join(dir, 'ca.crt');
  const passwordFile = join(dir, 'password');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  writeFileSync(passwordFile, 's3cret\n');
  const brokers = ['127.0.0.1:9092'];

  it('connects in plain text when no credentials are given', () => {
    expect(kafkaClientOptions({ KAFKA_BROKERS: brokers })).toEqual({ brokers });
  });

  it('uses SCRAM-SHA-512 over TLS, trusting only the given CA', () => {
    expect(
      kafkaClientOptions({
        KAFKA_BROKERS: brokers,
        KAFKA_SASL_USERNAME: 'hub.registry',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_CA_FILE: ca,
      }),
    ).toEqual({
      brokers,
      ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')], rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'hub.registry', password: 'p' },
    });
  });

  it('reads the password from a file, without its line end', () => {
    const options = kafkaClientOptions({
      KAFKA_BROKERS: brokers,
      KAFKA_SASL_USERNAME: 'hub.registry',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
      KAFKA_CA_FILE: ca,
    });
    expect(options.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'hub.registry',
      password: 's3cret',
    });
  });

  it('names the setting whose file cannot be read', () => {
    const missing = () =>
      kafkaClientOptions({
        KAFKA_BROKERS: brokers,
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_CA_FILE: join(dir, 'nope.crt'),
      });
    expect(missing).toThrow(ConfigError);
    expect(missing).toThrow(/KAFKA_CA_FILE=.*nope\.crt cannot be read/);
  });
});
