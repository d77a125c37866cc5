import type { Consumer } from 'kafkajs';
import type { BenchContext } from '../context';
import { Latencies, ownRss, resultOf, waitForApplied, type ScenarioResult } from '../measure';
import { intelligenceTopic } from '../publisher';
import { createBenchTopic, joined } from './bench-topic';

/** What a consumer scenario's handler updates as messages are applied. */
export interface Tally {
  applied: number;
  lastAppliedAt: number;
  latencies: Latencies;
  /** The first error the handler hit: the scenario stops on it. */
  error?: Error;
}

/**
 * Runs a scenario on its own fresh bench topic and consumer group: the N intelligence events,
 * encoded exactly as on police.intelligence.shared.v1, are published while `start` consumes them.
 * Throughput is from the first publish to the last message applied; peak memory is this process's.
 */
export async function runConsumerScenario(
  ctx: BenchContext,
  scenario: string,
  start: (consumer: Consumer, topic: string, tally: Tally) => Promise<void>,
): Promise<ScenarioResult> {
  const topic = `bench.intelligence.raw.v1.${scenario}-${ctx.runId}`;
  const groupId = `bench-${scenario}-${ctx.runId}`;
  const total = ctx.intelligenceTargets.length;
  const tally: Tally = { applied: 0, lastAppliedAt: 0, latencies: new Latencies() };
  await createBenchTopic(ctx.kafka, topic);
  ctx.benchTopics.push({ topic, groupId });
  const consumer = ctx.kafka.consumer({ groupId });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const hasJoined = joined(consumer);
    await start(consumer, topic, tally);
    await hasJoined;

    const rss = ownRss();
    const startedAt = Date.now();
    let publishError: Error | undefined;
    ctx.publisher
      .publish(intelligenceTopic, topic, ctx.intelligenceTargets)
      .catch((error: unknown) => {
        publishError = error instanceof Error ? error : new Error(String(error));
      });
    await waitForApplied({
      scenario,
      total,
      stallMs: ctx.options.stallMs,
      pollMs: 100,
      applied: () => tally.applied,
      failure: () =>
        publishError
          ? new Error(`publishing failed: ${publishError.message}`)
          : tally.error && new Error(`consuming failed: ${tally.error.message}`),
    });
    const peak = rss.stop();
    return resultOf(scenario, total, tally.lastAppliedAt - startedAt, tally.latencies, peak);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}
