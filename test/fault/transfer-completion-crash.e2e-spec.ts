import { setTimeout as sleep } from 'node:timers/promises';
import { HubSchemaRegistry } from '@hub/messaging';
import {
  eventually,
  identityTokens,
  syntheticNominalId,
  syntheticRegistration,
  tailTopic,
  type TopicTail,
} from '@hub/testing';
import { openRegistryFixture, type RegistryFixture } from '../support/registry-fixture';
import { TransferCoordinatorProcess } from '../support/transfer-coordinator-process';
import {
  sidesOf,
  TransferDriver,
  type TransferSides,
  type TransferView,
} from '../../tools/transfers/transfer-driver';

/** People managed by Greater Manchester Police, moved to Merseyside. */
const sendingArea = 'Greater Manchester';
const receivingArea = 'Merseyside';
const sides: TransferSides = sidesOf(sendingArea, 'POLICE', receivingArea)!;
const burst = Number(process.env.FAULT_TEST_TRANSFERS ?? 20);

/** The distinct event ids of each transfer's steps on `transfer.step.recorded.v1`, as read. */
class TransferStepLog {
  private readonly ids = new Map<string, Set<string>>();
  private tail?: TopicTail;

  async open(fixture: RegistryFixture): Promise<void> {
    const schemas = new HubSchemaRegistry(process.env.SCHEMA_REGISTRY_URL!);
    this.tail = await tailTopic(
      fixture.kafka,
      schemas,
      'transfer.step.recorded.v1',
      'test-transfer-steps',
      (step) => {
        const key = `${step.transferId}:${step.step}`;
        const held = this.ids.get(key) ?? new Set<string>();
        held.add(step.metadata.eventId);
        this.ids.set(key, held);
      },
    );
  }

  /** Distinct event ids of `transferId`'s `step`: duplicates of one event count once. */
  distinct(transferId: string, step: string): number {
    return this.ids.get(`${transferId}:${step}`)?.size ?? 0;
  }

  close(): Promise<void> {
    return this.tail?.close() ?? Promise.resolve();
  }
}

describe('fault: the transfer coordinator dies while completing transfers', () => {
  let fixture: RegistryFixture;
  let coordinator: TransferCoordinatorProcess;
  let driver: TransferDriver;
  const steps = new TransferStepLog();

  beforeAll(async () => {
    fixture = await openRegistryFixture('fault_transfer');
    await steps.open(fixture);
    coordinator = await TransferCoordinatorProcess.create({
      MONGO_URL: process.env.MONGO_URL!,
      MONGO_DATABASE: `${fixture.run}_transfers`,
      AUDIT_MONGO_DATABASE: fixture.run,
      TRANSFER_CONSUMER_GROUP: `transfer-coordinator.${fixture.run}`,
      // The changed-record topic from its start: the people a test registers are never missed,
      // however long the group takes to join.
      TRANSFER_NEW_GROUP_STARTS_AT: 'earliest',
      // Events left unpublished by a crash go out within a second of the restart.
      TRANSFER_OUTBOX_SWEEP_MS: '1000',
    });
    await startCoordinator();
    driver = new TransferDriver(coordinator.url, identityTokens());
  });

  afterAll(async () => {
    await coordinator?.stop();
    await steps.close();
    await fixture?.mongo.db(`${fixture.run}_transfers`).dropDatabase();
    await fixture?.close();
  });

  async function startCoordinator(extra: Record<string, string> = {}): Promise<void> {
    coordinator.start(extra);
    await eventually(
      'the transfer coordinator to be healthy',
      async () => ((await coordinator.healthy()) ? true : undefined),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${coordinator.outputTail()}`);
    });
  }

  /** A person registered in Greater Manchester, their transfer to Merseyside in co-management. */
  async function transferInCoManagement(): Promise<TransferView> {
    const nominalId = syntheticNominalId();
    await fixture.events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId, { managingArea: sendingArea }),
    );
    await fixture.client.recordWhen(nominalId, () => true, 'to be registered');
    const requested = await driver.request(
      sides.sender,
      {
        nominalId,
        kind: 'PERMANENT',
        reason: 'Moving to live with family in Merseyside (synthetic).',
        receivingArea,
        expectedMoveOn: new Date().toISOString().slice(0, 10),
      },
      60_000,
    );
    return driver.toCoManagement(sides, requested);
  }

  /** Completed once: in its history, on Kafka, and on the registry's record. */
  async function expectCompletedOnce(transfer: TransferView): Promise<void> {
    const stored = await driver.read(sides.receiver, transfer.transferId);
    expect(stored.state).toBe('COMPLETED');
    expect(stored.history.filter((entry) => entry.step === 'COMPLETED')).toHaveLength(1);
    await eventually(`transfer ${transfer.transferId}'s completion on Kafka`, () =>
      Promise.resolve(steps.distinct(transfer.transferId, 'COMPLETED') > 0 ? true : undefined),
    );
    // Give a second publication of the outbox (a sweep after the restart) time to show.
    await sleep(2_000);
    expect(steps.distinct(transfer.transferId, 'COMPLETED')).toBe(1);
    const record = await fixture.client.recordWhen(
      transfer.nominalId,
      (view) =>
        (view.management as { managingArea?: string } | undefined)?.managingArea === receivingArea,
      `to be managed in ${receivingArea}`,
    );
    const assignments = (
      record.managementHistory as { management: { managingArea: string } }[]
    ).filter((item) => item.management.managingArea === receivingArea);
    expect(assignments).toHaveLength(1);
  }

  it.each([1, 2, 3])(
    'run %i: killed right after storing a completion, before publishing it: completed once after the restart',
    async () => {
      const transfer = await transferInCoManagement();
      await coordinator.stop();
      await startCoordinator({ TRANSFER_CRASH_AFTER_COMPLETING: transfer.transferId });

      // The process dies while answering: the call fails, or (a proxy's way) answers an error.
      const answer = await driver
        .call(sides.receiver, 'POST', `/v1/transfers/${transfer.transferId}/complete`, {})
        .catch((error: unknown) => error);
      expect(answer).not.toMatchObject({ status: 200 });
      await coordinator.ended();
      expect(coordinator.endedBy).toBe('SIGKILL');

      await startCoordinator();
      await expectCompletedOnce(transfer);
    },
  );

  it(`killed with SIGKILL while ${burst} completions are in flight: each transfer is completed and published, or still in co-management`, async () => {
    const transfers: TransferView[] = [];
    for (let n = 0; n < burst; n++) transfers.push(await transferInCoManagement());

    const calls = transfers.map((transfer) =>
      driver
        .call(sides.receiver, 'POST', `/v1/transfers/${transfer.transferId}/complete`, {})
        .catch(() => undefined),
    );
    // Some completions stored, some not yet asked, some in between.
    await sleep(50 + Math.random() * 150);
    await coordinator.kill();
    await Promise.all(calls);
    await startCoordinator();

    let completed = 0;
    for (const transfer of transfers) {
      const stored = await driver.read(sides.receiver, transfer.transferId);
      if (stored.state === 'COMPLETED') {
        completed += 1;
        await expectCompletedOnce(transfer);
      } else {
        expect(stored.state).toBe('INTERIM_CO_MANAGEMENT');
        expect(stored.history.filter((entry) => entry.step === 'COMPLETED')).toHaveLength(0);
      }
    }
    // Whatever was not completed published no completion, once the outbox had its chance.
    await sleep(3_000);
    for (const transfer of transfers) {
      const stored = await driver.read(sides.receiver, transfer.transferId);
      if (stored.state !== 'COMPLETED') {
        expect(steps.distinct(transfer.transferId, 'COMPLETED')).toBe(0);
      }
    }
    // The kill is meant to land mid-burst; report where it did, for a reader of the run.
    process.stderr.write(`transfer burst: ${completed} of ${burst} completed before the kill\n`);
  });
});
