import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HubKafkaTransport } from '@hub/messaging';
import { AuditTrail, type MongoConnection } from '@hub/persistence';
import { AUDIT_MONGO, MONGO } from './tokens';

/** Closes the service's connections last on the way out. */
@Injectable()
export class InsightsLifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(MONGO) private readonly mongo: MongoConnection,
    @Inject(AUDIT_MONGO) private readonly auditMongo: MongoConnection,
    private readonly transport: HubKafkaTransport,
    private readonly auditTrail: AuditTrail,
  ) {}

  /** Nest closes microservices after the shutdown hooks: stop consuming while the database is open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.auditTrail.close();
    await this.auditMongo.client.close();
    await this.mongo.client.close();
  }
}
