import { ConfigError, infrastructureConfig, loadConfig } from './index';

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
