import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import type { BenchOptions } from './options';
import type { BenchPublisher } from './publisher';

/** What every scenario shares: the stack's clients, the publisher and the workload. */
export interface BenchContext {
  options: BenchOptions;
  /**
   * The Kafka connection settings (KAFKA_BROKERS and, on a secured broker, KAFKA_SASL_* and
   * KAFKA_CA_FILE) of the bench's own clients and of the registry it runs.
   */
  kafkaEnv: { bench: Record<string, string>; registry: Record<string, string> };
  kafka: Kafka;
  mongo: MongoClient;
  publisher: BenchPublisher;
  /** Distinguishes this run's topics, groups and databases from any other's. */
  runId: string;
  /** The M nominals. */
  nominalIds: string[];
  /** The nominal of each of the N intelligence events, round-robin over `nominalIds`. */
  intelligenceTargets: string[];
  /**
   * Bench topics (and their groups) to delete at the end of the run, once the producer is closed:
   * a producer that published to a deleted topic keeps asking for its metadata and fails.
   */
  benchTopics: { topic: string; groupId: string }[];
}
