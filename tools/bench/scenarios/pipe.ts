import type { BenchContext } from '../context';
import type { ScenarioResult } from '../measure';
import { publishedAtOf } from '../publisher';
import { runConsumerScenario } from './consumer-scenario';

/** (i) The raw pipe: kafkajs consuming in batches, only counting and resolving offsets. */
export function runPipe(ctx: BenchContext): Promise<ScenarioResult> {
  return runConsumerScenario(ctx, 'pipe', (consumer, _topic, tally) =>
    consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const now = Date.now();
        for (const message of batch.messages) {
          tally.latencies.add(now - publishedAtOf(message.headers));
          tally.applied += 1;
          resolveOffset(message.offset);
        }
        tally.lastAppliedAt = now;
        await heartbeat();
      },
    }),
  );
}
