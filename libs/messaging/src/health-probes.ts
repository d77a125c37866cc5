import type { Kafka } from 'kafkajs';
import type { ConsumerState } from './consumer/consumer-runner';

/** Kafka answers when a metadata request lists at least one broker and a controller. */
export function kafkaHealthProbe(kafka: Kafka) {
  return {
    name: 'kafka',
    async check(): Promise<void> {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('the cluster reports no brokers');
      } finally {
        await admin.disconnect();
      }
    },
  };
}

/** The schema registry answers when its subject list does. */
export function schemaRegistryHealthProbe(url: string) {
  return {
    name: 'schemaRegistry',
    async check(): Promise<void> {
      const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(3_000) });
      if (!response.ok) throw new Error(`GET /subjects answered ${response.status}`);
    },
  };
}

/** A consumer is healthy while it consumes; starting, backing off, stopped or crashed are reported. */
export function consumerHealthProbe(state: () => ConsumerState) {
  return {
    name: 'consumer',
    check(): Promise<void> {
      const current = state();
      if (current === 'running') return Promise.resolve();
      return Promise.reject(new Error(`the consumer is ${current}`));
    },
  };
}
