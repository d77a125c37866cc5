import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, syntheticNominalId } from '@hub/testing';
import { ferretdb } from '../../tools/local-stack/components/ferretdb';
import { useFaultFixture } from '../support/fault-fixture';
import { outage, requireLocalServer } from '../support/local-outage';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000) / 2;
const nominals = 50;
const outageMs = 10_000;

describe('fault: the database stops for 10 s while events stream in', () => {
  requireLocalServer(ferretdb);
  const fixture = useFaultFixture('fault_db');

  it(`backs off while the database is down and applies each of ${events} events exactly once`, async () => {
    const { registry, stream } = fixture;
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    const streaming = stream.publishMany(people, events, 2);

    await sleep(3_000);
    await outage(ferretdb, outageMs, () =>
      eventually('the registry to report the outage', async () =>
        (await registry.healthy()) ? undefined : true,
      ),
    );
    await streaming;

    await fixture.expectEachEventAppliedOnce(people, events);
    expect(registry.exitCount).toBe(0);
    expect(await registry.healthy()).toBe(true);
  });
});
