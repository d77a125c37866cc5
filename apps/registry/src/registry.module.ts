import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { consumerGroupCatalogue, topicCatalogue, type TopicName } from '@hub/contracts';
import {
  CoPartitionedAssigner,
  consumerHealthProbe,
  ensureTopics,
  EventPublisher,
  HubKafkaTransport,
  kafkaHealthProbe,
  KAFKA,
  messagingProviders,
  SCHEMA_REGISTRY,
  schemaRegistryHealthProbe,
  type HubSchemaRegistry,
} from '@hub/messaging';
import { TerminusModule } from '@nestjs/terminus';
import {
  HealthController,
  healthProbesProvider,
  hubLoggerModule,
  HubHttpModule,
  MetricsController,
} from '@hub/observability';
import { httpSettingsOf } from '@hub/config';
import {
  AuditedAccess,
  AuditTrail,
  connectMongo,
  EnvelopeFieldCipher,
  mongoHealthProbe,
  PersonKeys,
  readLocalMasterKey,
  type MongoConnection,
  type PersonFieldCipher,
} from '@hub/persistence';
import { ChangedRecordPublisher } from './changes/changed-record-publisher';
import { auditProviders } from './audit/audit.providers';
import { AuditController } from './audit/audit.controller';
import { AsyncApiController } from './contracts/asyncapi.controller';
import { NominalCommandsController } from './commands/nominal-commands.controller';
import { RecordCommands } from './commands/record-commands';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DisclosureCases } from './disclosure/disclosure-cases';
import { DisclosureCasesController } from './disclosure/disclosure-cases.controller';
import { DisclosureHandling } from './disclosure/disclosure-handling';
import { DuplicateCandidates } from './duplicates/duplicate-candidates';
import { DuplicatesController } from './duplicates/duplicates.controller';
import { RecordEventsController } from './ingest/record-events.controller';
import { RecordIngest } from './ingest/record-ingest.service';
import { ensureDatabaseIndexes } from './infrastructure/database-indexes';
import { RegistryLifecycle } from './infrastructure/registry-lifecycle';
import {
  EVENT_PUBLISHER,
  MONGO,
  PERSON_FIELD_CIPHER,
  REGISTRY_CONFIG,
} from './infrastructure/tokens';
import { NominalStore } from './nominals/nominal-store';
import { NominalQueries } from './nominals/nominal-queries';
import { NominalsController } from './nominals/nominals.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { ParkedEvents } from './parking/parked-events';
import { DateReachedSweep } from './dates/date-reached-sweep';
import { DueDates } from './dates/due-dates';
import { ParkingExpiry } from './parking/parking-expiry';
import { SearchDocuments } from './search/search-documents';
import { RecordReviews } from './reviews/record-reviews';
import { ReviewDecisions } from './reviews/review-decisions';
import { ReviewSweep } from './reviews/review-sweep';
import { ReviewsController } from './reviews/reviews.controller';
import { RecordRemoval } from './removal/record-removal';
import { RecordRemovals } from './removal/record-removals';
import { RemovalsController } from './removal/removals.controller';
import { ACCESS_AUDIT, organisationDirectory, securityProviders } from '@hub/security';
import { CommandAccess } from './access/command-access';
import { RecordAccessFacts } from './access/record-access-facts';
import type { RegistryConfig } from './registry.config';

/**
 * The topics the registry publishes on, from the catalogue: the hub's own typed topics (its
 * decisions, the days reached, the changed records).
 */
const publishedTopics = (Object.keys(topicCatalogue) as TopicName[]).filter((topic) => {
  const { publishers, valueSchema } = topicCatalogue[topic];
  return publishers.includes('HUB') && valueSchema !== null;
});

/** What a program embedding the registry may replace; `main.ts` replaces nothing. */
export interface RegistryOverrides {
  /**
   * Only for `bench:ingest`'s baseline (ingest without encryption, in the same run): no setting
   * reaches this, so that no deployment can turn encryption off.
   */
  fieldCipher?: PersonFieldCipher;
  /** What time it is for the review and removal work; the system clock unless a test moves it. */
  clock?: () => Date;
}

@Module({})
export class RegistryModule {
  static forRoot(config: RegistryConfig, overrides: RegistryOverrides = {}): DynamicModule {
    // Read first: a registry that cannot encrypt does not start (ConfigError with the reason).
    const masterKey = readLocalMasterKey(config.HUB_MASTER_KEY_FILE);
    const clock = overrides.clock ?? (() => new Date());
    return {
      module: RegistryModule,
      imports: [
        hubLoggerModule('registry', config.LOG_LEVEL),
        TerminusModule,
        HubHttpModule.forRoot(httpSettingsOf(config)),
      ],
      controllers: [
        AsyncApiController,
        AuditController,
        DeadLettersController,
        HealthController,
        MetricsController,
        NominalsController,
        OrganisationsController,
        NominalCommandsController,
        DuplicatesController,
        ReviewsController,
        RemovalsController,
        DisclosureCasesController,
        RecordEventsController,
      ],
      providers: [
        healthProbesProvider({
          inject: [KAFKA, MONGO, HubKafkaTransport],
          useFactory: (kafka: Kafka, mongo: MongoConnection, transport: HubKafkaTransport) => [
            kafkaHealthProbe(kafka),
            schemaRegistryHealthProbe(config.SCHEMA_REGISTRY_URL),
            mongoHealthProbe(mongo.db),
            consumerHealthProbe(() => transport.state),
          ],
        }),
        ...messagingProviders({
          clientId: 'registry',
          kafka: config,
          schemaRegistryUrl: config.SCHEMA_REGISTRY_URL,
        }),
        {
          // Every query the registry runs is served by an index, created here before any runs.
          provide: MONGO,
          useFactory: async () => {
            const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DATABASE);
            await ensureDatabaseIndexes(mongo.db);
            return mongo;
          },
        },
        {
          // Each person's data key; `destroy(nominalId)` crypto-shreds the person's content.
          provide: PersonKeys,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new PersonKeys(mongo.db, masterKey),
        },
        {
          provide: PERSON_FIELD_CIPHER,
          inject: [PersonKeys],
          useFactory: (personKeys: PersonKeys): PersonFieldCipher =>
            overrides.fieldCipher ?? new EnvelopeFieldCipher(personKeys),
        },
        {
          provide: NominalStore,
          inject: [MONGO, PERSON_FIELD_CIPHER],
          useFactory: (mongo: MongoConnection, cipher: PersonFieldCipher) =>
            new NominalStore(mongo.db, cipher),
        },
        { provide: REGISTRY_CONFIG, useValue: config },
        ...securityProviders({
          issuer: config.OIDC_ISSUER_URL,
          clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_S,
        }),
        {
          provide: RecordAccessFacts,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new RecordAccessFacts(mongo.db),
        },
        CommandAccess,
        {
          provide: NominalQueries,
          inject: [MONGO, PERSON_FIELD_CIPHER],
          useFactory: (mongo: MongoConnection, cipher: PersonFieldCipher) =>
            new NominalQueries(mongo.db, cipher),
        },
        {
          // Ready to publish before the first event is consumed: topics, schemas, connection.
          provide: EVENT_PUBLISHER,
          inject: [KAFKA, SCHEMA_REGISTRY],
          useFactory: async (kafka: Kafka, schemas: HubSchemaRegistry) => {
            await ensureTopics(kafka, publishedTopics);
            await schemas.registerTopicSchemas(publishedTopics);
            const publisher = new EventPublisher(kafka, schemas);
            await publisher.connect();
            return publisher;
          },
        },
        {
          provide: ParkedEvents,
          inject: [MONGO, PERSON_FIELD_CIPHER],
          useFactory: (mongo: MongoConnection, cipher: PersonFieldCipher) =>
            new ParkedEvents(mongo.db, config.REGISTRY_PARKING_LIMIT_MS, cipher),
        },
        {
          provide: DuplicateCandidates,
          inject: [MONGO, NominalStore],
          useFactory: (mongo: MongoConnection, store: NominalStore) =>
            new DuplicateCandidates(mongo.db, store.nominals),
        },
        {
          provide: ChangedRecordPublisher,
          inject: [MONGO, NominalStore, EVENT_PUBLISHER, PinoLogger],
          useFactory: (
            mongo: MongoConnection,
            store: NominalStore,
            publisher: EventPublisher,
            logger: PinoLogger,
          ) => new ChangedRecordPublisher(mongo.db, store, publisher, logger),
        },
        {
          provide: DueDates,
          inject: [MONGO, NominalStore],
          useFactory: (mongo: MongoConnection, store: NominalStore) =>
            new DueDates(mongo.db, store.nominals),
        },
        {
          provide: DateReachedSweep,
          inject: [DueDates, EVENT_PUBLISHER, PinoLogger],
          useFactory: (dueDates: DueDates, publisher: EventPublisher, logger: PinoLogger) =>
            new DateReachedSweep(dueDates, publisher, logger),
        },
        {
          provide: RecordReviews,
          inject: [MONGO, EVENT_PUBLISHER],
          useFactory: (mongo: MongoConnection, publisher: EventPublisher) =>
            new RecordReviews(mongo.db, publisher, clock),
        },
        {
          provide: ReviewSweep,
          inject: [MONGO, RecordReviews, PinoLogger],
          useFactory: (mongo: MongoConnection, reviews: RecordReviews, logger: PinoLogger) =>
            new ReviewSweep(mongo.db, reviews, logger, clock),
        },
        {
          provide: RecordRemovals,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new RecordRemovals(mongo.db),
        },
        {
          provide: RecordRemoval,
          inject: [
            MONGO,
            RecordRemovals,
            EVENT_PUBLISHER,
            PersonKeys,
            DisclosureCases,
            AuditTrail,
            PinoLogger,
          ],
          useFactory: (
            mongo: MongoConnection,
            removals: RecordRemovals,
            publisher: EventPublisher,
            keys: PersonKeys,
            disclosureCases: DisclosureCases,
            auditTrail: AuditTrail,
            logger: PinoLogger,
          ) =>
            new RecordRemoval(
              mongo.db,
              removals,
              publisher,
              keys,
              disclosureCases,
              auditTrail,
              organisationDirectory(),
              logger,
              config.REGISTRY_CRASH_AFTER_REMOVAL_STEP,
            ),
        },
        {
          provide: ReviewDecisions,
          inject: [RecordReviews, NominalStore, RecordCommands, RecordRemovals, RecordRemoval],
          useFactory: (
            reviews: RecordReviews,
            store: NominalStore,
            commands: RecordCommands,
            removals: RecordRemovals,
            removal: RecordRemoval,
          ) => new ReviewDecisions(reviews, store, commands, removals, removal, clock),
        },
        {
          provide: DisclosureCases,
          inject: [MONGO, PERSON_FIELD_CIPHER],
          useFactory: (mongo: MongoConnection, cipher: PersonFieldCipher) =>
            new DisclosureCases(mongo.db, cipher),
        },
        {
          provide: DisclosureHandling,
          inject: [DisclosureCases, NominalQueries],
          useFactory: (cases: DisclosureCases, queries: NominalQueries) =>
            new DisclosureHandling(cases, queries),
        },
        {
          provide: ParkingExpiry,
          inject: [ParkedEvents, EVENT_PUBLISHER, PinoLogger],
          useFactory: (parked: ParkedEvents, publisher: EventPublisher, logger: PinoLogger) =>
            new ParkingExpiry(
              parked,
              publisher,
              config.REGISTRY_CONSUMER_GROUP,
              config.REGISTRY_PARKING_LIMIT_MS,
              logger,
            ),
        },
        {
          // Remade at start-up when its keys are made differently (or were never made), before
          // the consumer or the API use it.
          provide: SearchDocuments,
          inject: [MONGO, NominalStore, PinoLogger],
          useFactory: async (mongo: MongoConnection, store: NominalStore, logger: PinoLogger) => {
            const search = new SearchDocuments(mongo.db, store.nominals);
            await search.rebuildIfOutdated(logger);
            return search;
          },
        },
        {
          provide: RecordIngest,
          inject: [
            NominalStore,
            SearchDocuments,
            DueDates,
            RecordReviews,
            RecordRemovals,
            ParkedEvents,
            DuplicateCandidates,
            ChangedRecordPublisher,
            EVENT_PUBLISHER,
          ],
          useFactory: (
            store: NominalStore,
            search: SearchDocuments,
            dueDates: DueDates,
            reviews: RecordReviews,
            removals: RecordRemovals,
            parked: ParkedEvents,
            duplicates: DuplicateCandidates,
            changes: ChangedRecordPublisher,
            publisher: EventPublisher,
          ) =>
            new RecordIngest({
              store,
              search,
              dueDates,
              reviews,
              removals,
              parked,
              duplicates,
              changes,
              publisher,
              groupId: config.REGISTRY_CONSUMER_GROUP,
              crashBeforePublishing: config.REGISTRY_CRASH_BEFORE_PUBLISHING,
            }),
        },
        {
          provide: RecordCommands,
          inject: [NominalStore, DuplicateCandidates, EVENT_PUBLISHER],
          useFactory: (
            store: NominalStore,
            duplicates: DuplicateCandidates,
            publisher: EventPublisher,
          ) => new RecordCommands(store, duplicates, publisher),
        },
        ...auditProviders,
        {
          provide: ACCESS_AUDIT,
          inject: [AuditTrail],
          useFactory: (trail: AuditTrail) => new AuditedAccess(trail),
        },
        RegistryLifecycle,
        {
          provide: HubKafkaTransport,
          inject: [KAFKA, SCHEMA_REGISTRY, PinoLogger],
          useFactory: (kafka: Kafka, schemas: HubSchemaRegistry, logger: PinoLogger) =>
            new HubKafkaTransport({
              kafka,
              schemas,
              groupId: config.REGISTRY_CONSUMER_GROUP,
              newGroupStartsAt: config.REGISTRY_NEW_GROUP_STARTS_AT,
              group: consumerGroupCatalogue.registry,
              // Partition N of every topic to one instance: one writer per nominal.
              partitionAssigners: [CoPartitionedAssigner],
              logger,
              onFatal: (error: Error) => {
                logger.fatal(
                  { err: error },
                  'the registry consumer crashed and will not recover; exiting',
                );
                process.exit(1);
              },
            }),
        },
      ],
    };
  }
}
