import type { EventOf } from '@hub/contracts';
import type { BenchContext } from '../context';
import type { ScenarioResult } from '../measure';
import { publishedAtOf } from '../publisher';
import { runConsumerScenario } from './consumer-scenario';

type Intelligence = EventOf<'police.intelligence.shared.v1'>;

interface IntelligenceItem {
  eventId: string;
  occurredAt: Date;
  text: string;
  sourceEvaluation: string;
  intelligenceAssessment: string;
  handlingCode: string;
}

interface NominalIntelligence {
  _id: string;
  items: IntelligenceItem[];
}

/**
 * (ii) The naive consumer, as the stock NestJS Kafka transport would run a handler: one message at
 * a time (eachMessage, one partition at a time), decoded through the schema registry, one MongoDB
 * round trip each (an upsert pushing the item into a per-nominal document), in a fresh database.
 */
export async function runNaive(ctx: BenchContext): Promise<ScenarioResult> {
  const database = `bench_naive_${ctx.runId}`;
  const nominals = ctx.mongo.db(database).collection<NominalIntelligence>('nominal_intelligence');
  try {
    return await runConsumerScenario(ctx, 'naive', (consumer, _topic, tally) =>
      consumer.run({
        eachMessage: async ({ message }) => {
          try {
            const { value } = await ctx.publisher.schemas.decode(message.value);
            const event = value as Intelligence;
            await nominals.updateOne(
              { _id: event.nominalId },
              {
                $push: {
                  items: {
                    eventId: event.metadata.eventId,
                    occurredAt: event.metadata.occurredAt,
                    text: event.text,
                    sourceEvaluation: event.sourceEvaluation,
                    intelligenceAssessment: event.intelligenceAssessment,
                    handlingCode: event.handlingCode,
                  },
                },
              },
              { upsert: true },
            );
          } catch (error) {
            tally.error ??= error instanceof Error ? error : new Error(String(error));
            throw error;
          }
          const now = Date.now();
          tally.latencies.add(now - publishedAtOf(message.headers));
          tally.applied += 1;
          tally.lastAppliedAt = now;
        },
      }),
    );
  } finally {
    await ctx.mongo
      .db(database)
      .dropDatabase()
      .catch(() => undefined);
  }
}
