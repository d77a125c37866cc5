import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, syntheticNominalId } from '@hub/testing';
import { useFaultFixture } from '../support/fault-fixture';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000);
const nominals = 100;
const kills = 3;

describe('fault: the registry is killed with SIGKILL while events stream in', () => {
  const fixture = useFaultFixture('fault_crash');

  it(`applies each of ${events} events exactly once across ${kills} kills`, async () => {
    const { registry, stream } = fixture;
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    const streaming = stream.publishMany(people, events);

    for (let kill = 0; kill < kills; kill++) {
      await sleep(2_000 + Math.random() * 3_000);
      await registry.kill();
      await sleep(500);
      registry.start();
      await eventually(
        `the registry to be healthy after kill ${kill + 1}`,
        async () => ((await registry.healthy()) ? true : undefined),
        60_000,
      );
    }
    await streaming;

    await fixture.expectEachEventAppliedOnce(people, events);
    expect(registry.exitCount).toBe(kills);
  });
});
