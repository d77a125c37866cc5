import { ConfigError, infrastructureConfig, loadConfig, loadKafkaConnection } from './index';

describe('loadConfig', () => {
  it('reads the infrastructure endpoints and applies defaults', () => {
    const config = loadConfig(infrastructureConfig, {
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
      MONGO_URL: 'mongodb://127.0.0.1:27017/',
    });
    expect(config).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
      MONGO_URL: 'mongodb://127.0.0.1:27017/',
      LOG_LEVEL: 'info',
      PORT: 3000,
    });
  });

  it('names every missing or malformed setting in one error', () => {
    let caught: unknown;
    try {
      loadConfig(infrastructureConfig, { MONGO_URL: 'postgres://nope', PORT: 'eighty' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    for (const name of ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'MONGO_URL', 'PORT']) {
      expect(message).toContain(name);
    }
  });
});

describe('the Kafka security settings', () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:9092' };

  it('are all optional: a broker without security needs none', () => {
    expect(loadKafkaConnection(base)).toEqual({ KAFKA_BROKERS: ['127.0.0.1:9092'] });
  });

  it('are taken together', () => {
    const secured = {
      ...base,
      KAFKA_SASL_USERNAME: 'hub.registry',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_CA_FILE: __filename,
    };
    expect(loadKafkaConnection(secured)).toEqual({ ...secured, KAFKA_BROKERS: ['127.0.0.1:9092'] });
  });

  it('refuse some without the others, naming what is missing', () => {
    expect(() =>
      loadKafkaConnection({
        ...base,
        KAFKA_SASL_USERNAME: 'hub.registry',
        KAFKA_SASL_PASSWORD: 's',
      }),
    ).toThrow(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are set but KAFKA_CA_FILE is not/);
    expect(() => loadConfig(infrastructureConfig, { ...base, KAFKA_CA_FILE: __filename })).toThrow(
      ConfigError,
    );
  });

  it('take the password from a file instead, but not from both', () => {
    const withFile = {
      ...base,
      KAFKA_SASL_USERNAME: 'hub.registry',
      KAFKA_SASL_PASSWORD_FILE: '/run/secrets/password',
      KAFKA_CA_FILE: '/run/secrets/ca.crt',
    };
    expect(() => loadKafkaConnection(withFile)).not.toThrow();
    expect(() => loadKafkaConnection({ ...withFile, KAFKA_SASL_PASSWORD: 'p' })).toThrow(
      /both set/,
    );
  });
});
