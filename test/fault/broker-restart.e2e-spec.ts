import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, syntheticNominalId } from '@hub/testing';
import { kafka as kafkaServer } from '../../tools/local-stack/components/kafka';
import { useFaultFixture } from '../support/fault-fixture';
import { outage, requireLocalServer } from '../support/local-outage';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000) / 2;
const nominals = 50;

describe('fault: the broker restarts while events stream in', () => {
  requireLocalServer(kafkaServer);
  const fixture = useFaultFixture('fault_broker');

  it(`loses none of ${events} events and applies each exactly once`, async () => {
    const { registry, stream } = fixture;
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    const streaming = stream.publishMany(people, events, 2);

    await sleep(3_000);
    await outage(kafkaServer, 2_000);
    // Every publish the test made was acknowledged by Kafka (a failed one would reject `streaming`).
    await streaming;

    await fixture.expectEachEventAppliedOnce(people, events);
    await eventually(
      'the registry to be healthy again',
      async () => ((await registry.healthy()) ? true : undefined),
      60_000,
    );
    expect(registry.exitCount).toBe(0);
  });

  it('stops within its shutdown bound on SIGTERM while the broker is down', async () => {
    const { registry } = fixture;
    let stoppedInMs = Number.POSITIVE_INFINITY;
    await outage(kafkaServer, 0, async () => {
      await sleep(1_000);
      const started = Date.now();
      await Promise.race([registry.stop(), sleep(90_000)]);
      if (registry.exitCount === 1) stoppedInMs = Date.now() - started;
    });
    // The consumer's steps are bounded by 15 s, the whole service by 30 s.
    expect(stoppedInMs).toBeLessThan(35_000);
  });
});
