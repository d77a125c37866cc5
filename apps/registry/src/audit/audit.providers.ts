import type { Provider } from '@nestjs/common';
import type { EventPublisher } from '@hub/messaging';
import type { MongoConnection } from '@hub/persistence';
import { PinoLogger } from 'nestjs-pino';
import { EVENT_PUBLISHER, MONGO } from '../infrastructure/tokens';
import { auditEntriesOf } from '@hub/persistence';
import { AuditPublisher } from './audit-publisher';
import { AuditQueries } from './audit-queries';
import { AuditTrail } from '@hub/persistence';

/**
 * The audit trail of the registry: the trail every audited request records in (the guard injects
 * `AuditTrail`), its publication on the audit topic and the auditors' queries.
 */
export const auditProviders: Provider[] = [
  {
    provide: AuditPublisher,
    inject: [MONGO, EVENT_PUBLISHER, PinoLogger],
    useFactory: (mongo: MongoConnection, publisher: EventPublisher, logger: PinoLogger) =>
      new AuditPublisher(mongo.db, publisher, logger),
  },
  {
    provide: AuditTrail,
    inject: [MONGO, AuditPublisher],
    useFactory: (mongo: MongoConnection, publisher: AuditPublisher) =>
      new AuditTrail(auditEntriesOf(mongo.db), { onStored: () => publisher.notify() }),
  },
  {
    provide: AuditQueries,
    inject: [MONGO],
    useFactory: (mongo: MongoConnection) => new AuditQueries(auditEntriesOf(mongo.db)),
  },
];
