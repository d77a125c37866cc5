import type { Admin, Kafka } from 'kafkajs';
import { consumerMetrics } from './consumer-metrics';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages published and not yet committed by the group. */
  lag: number;
}

/**
 * The group's lag as an operator means it: the end of each assigned partition minus the group's
 * committed offset (minus the start of the partition while the group has committed nothing).
 * Measuring it from fetched batches would say 0 while the fetched messages wait to be applied.
 */
export class LagMonitor {
  private assignment: Record<string, number[]> = {};
  private admin?: Admin;
  private timer?: NodeJS.Timeout;
  private measuring?: Promise<PartitionLag[]>;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The partitions this member owns now; the others stop being reported. */
  assigned(assignment: Record<string, number[]>): void {
    for (const [topic, partitions] of Object.entries(this.assignment)) {
      for (const partition of partitions) {
        if (!assignment[topic]?.includes(partition)) {
          consumerMetrics.lag.remove({ group: this.groupId, topic, partition: String(partition) });
        }
      }
    }
    this.assignment = assignment;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.measure().catch((error: unknown) => this.onError(error));
    }, intervalMs);
    this.timer.unref();
  }

  /** Measures every assigned partition now and updates `hub_consumer_lag`. */
  measure(): Promise<PartitionLag[]> {
    this.measuring ??= this.measureOnce().finally(() => (this.measuring = undefined));
    return this.measuring;
  }

  private async measureOnce(): Promise<PartitionLag[]> {
    const topics = Object.keys(this.assignment).filter((t) => this.assignment[t]?.length);
    if (topics.length === 0) return [];
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    const admin = this.admin;
    const committed = await admin.fetchOffsets({ groupId: this.groupId, topics });
    const lags: PartitionLag[] = [];
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const done = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      for (const partition of this.assignment[topic] ?? []) {
        const end = ends.find((entry) => entry.partition === partition);
        if (!end) continue;
        const offset = Number(done.find((entry) => entry.partition === partition)?.offset ?? -1);
        // Nothing committed, or committed below what retention kept: counted from the log's start.
        const from = Math.max(offset, Number(end.low));
        const lag = Math.max(0, Number(end.high) - from);
        consumerMetrics.lag.set({ group: this.groupId, topic, partition: String(partition) }, lag);
        lags.push({ topic, partition, lag });
      }
    }
    return lags;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.measuring?.catch(() => undefined);
    await this.admin?.disconnect();
    this.admin = undefined;
  }
}
