import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, syntheticNominalId } from '@hub/testing';
import { useFaultFixture } from '../support/fault-fixture';
import type { RegistryProcess } from '../support/registry-process';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000);
const nominals = 100;

/** What an instance's `GET /metrics` says it applied. */
async function eventsApplied(registry: RegistryProcess): Promise<number> {
  const text = await (await fetch(`${registry.managementUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('hub_events_consumed_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('fault: two registry instances share the work, and one is killed while events stream in', () => {
  const fixture = useFaultFixture('fault_scale_out', 2);

  it(`applies each of ${events} events exactly once, whichever instance held the nominal`, async () => {
    const [survivor, victim] = fixture.registries as [RegistryProcess, RegistryProcess];
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    const streaming = fixture.stream.publishMany(people, events);

    await eventually('both instances to apply events', async () => {
      const [first, second] = await Promise.all([eventsApplied(survivor), eventsApplied(victim)]);
      return first > 0 && second > 0 ? true : undefined;
    });
    await victim.kill();
    // The survivor takes the victim's partitions once the group notices (its session expires);
    // the victim then comes back and the partitions are shared again.
    await sleep(5_000);
    victim.start();
    await eventually(
      'the killed instance to be healthy again',
      async () => ((await victim.healthy()) ? true : undefined),
      60_000,
    );
    await streaming;

    await fixture.expectEachEventAppliedOnce(people, events);
    expect(victim.exitCount).toBe(1);
    expect(survivor.exitCount).toBe(0);
  });
});
