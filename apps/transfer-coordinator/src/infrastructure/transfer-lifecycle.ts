import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HubKafkaTransport, type EventPublisher } from '@hub/messaging';
import { AuditTrail, type MongoConnection } from '@hub/persistence';
import { TransferLiveFeed } from '../live-view/transfer-live-feed';
import { OverdueSweep } from '../escalation/overdue-sweep';
import { TransferOutbox } from '../outbox/transfer-outbox';
import type { TransferCoordinatorConfig } from '../transfer-coordinator.config';
import { AUDIT_MONGO, EVENT_PUBLISHER, MONGO, TRANSFER_CONFIG } from './tokens';

/**
 * The coordinator's background duties once it runs (publishing events a crash left behind,
 * escalating overdue steps), and closing its connections last on the way out.
 */
@Injectable()
export class TransferLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(TRANSFER_CONFIG) private readonly config: TransferCoordinatorConfig,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    @Inject(AUDIT_MONGO) private readonly auditMongo: MongoConnection,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly outbox: TransferOutbox,
    private readonly overdue: OverdueSweep,
    private readonly transport: HubKafkaTransport,
    private readonly auditTrail: AuditTrail,
    private readonly liveFeed: TransferLiveFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.outbox.start(this.config.TRANSFER_OUTBOX_SWEEP_MS);
    this.overdue.start(this.config.TRANSFER_OVERDUE_SWEEP_MS);
    await this.liveFeed.start();
  }

  /**
   * Nest closes microservices after the shutdown hooks: stop consuming while the database is open.
   * The live view's streams end here too: the HTTP server, closed after the hooks, waits for every
   * open response, and a stream would otherwise never end.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.liveFeed.stop(), this.transport.close()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.auditTrail.close();
    await this.overdue.stop();
    await this.outbox.stop();
    await this.publisher.disconnect();
    await this.auditMongo.client.close();
    await this.mongo.client.close();
  }
}
