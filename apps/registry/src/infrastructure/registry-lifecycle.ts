import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HubKafkaTransport, type EventPublisher } from '@hub/messaging';
import type { MongoConnection } from '@hub/persistence';
import { AuditPublisher } from '../audit/audit-publisher';
import { AuditTrail } from '@hub/persistence';
import { ChangedRecordPublisher } from '../changes/changed-record-publisher';
import { DateReachedSweep } from '../dates/date-reached-sweep';
import { ParkingExpiry } from '../parking/parking-expiry';
import { ReviewSweep } from '../reviews/review-sweep';
import { RecordRemoval } from '../removal/record-removal';
import type { RegistryConfig } from '../registry.config';
import { EVENT_PUBLISHER, MONGO, REGISTRY_CONFIG } from './tokens';

/**
 * The registry's background duties once it runs (publishing changes left over by a crash,
 * dead-lettering events whose nominal never came, deriving records again when their day comes,
 * raising reviews, completing removals), and closing its connections last on the way out.
 */
@Injectable()
export class RegistryLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly changes: ChangedRecordPublisher,
    private readonly parkingExpiry: ParkingExpiry,
    private readonly dateReached: DateReachedSweep,
    private readonly reviewSweep: ReviewSweep,
    private readonly removal: RecordRemoval,
    private readonly transport: HubKafkaTransport,
    private readonly auditTrail: AuditTrail,
    private readonly auditPublisher: AuditPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.changes.start(this.config.REGISTRY_CHANGE_SWEEP_MS);
    this.parkingExpiry.start(this.config.REGISTRY_PARKING_SWEEP_MS);
    this.dateReached.start(this.config.REGISTRY_DATE_SWEEP_MS);
    this.reviewSweep.start(this.config.REGISTRY_REVIEW_SWEEP_MS);
    // A removal a crash interrupted completes before the API answers about anyone.
    await this.removal.resume();
    this.removal.start(this.config.REGISTRY_REMOVAL_SWEEP_MS);
    this.auditPublisher.start(this.config.REGISTRY_AUDIT_PUBLISH_SWEEP_MS);
  }

  /** Nest closes microservices after the shutdown hooks: stop consuming while the database is open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }

  async onApplicationShutdown(): Promise<void> {
    // Entries accepted before the server closed are stored; those not yet published wait for the
    // next start's catch-up.
    await this.auditTrail.close();
    await this.auditPublisher.stop();
    await this.parkingExpiry.stop();
    await this.dateReached.stop();
    await this.reviewSweep.stop();
    await this.removal.stop();
    await this.changes.stop();
    await this.publisher.disconnect();
    await this.mongo.client.close();
  }
}
