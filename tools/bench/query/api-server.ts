import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  connectMongo,
  EnvelopeFieldCipher,
  PersonKeys,
  readLocalMasterKey,
} from '@hub/persistence';
import { NominalQueries } from '../../../apps/registry/src/nominals/nominal-queries';
import { NominalsController } from '../../../apps/registry/src/nominals/nominals.controller';

/*
 * The registry's query API alone, on a database given by MONGO_URL and MONGO_DATABASE, listening on
 * PORT: what bench:query measures, without the Kafka consumer, publishers and start-up index builds
 * of the whole registry (it never writes). Run as a child process so that the load generator does
 * not share its event loop.
 */

async function main(): Promise<void> {
  const masterKey = readLocalMasterKey(process.env.HUB_MASTER_KEY_FILE ?? '');
  const mongo = await connectMongo(process.env.MONGO_URL!, process.env.MONGO_DATABASE!);
  const cipher = new EnvelopeFieldCipher(new PersonKeys(mongo.db, masterKey));
  @Module({
    controllers: [NominalsController],
    providers: [{ provide: NominalQueries, useValue: new NominalQueries(mongo.db, cipher) }],
  })
  class QueryApiModule {}
  const app = await NestFactory.create(QueryApiModule, { logger: ['error'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.once('SIGTERM', () => {
    void app.close().then(() => mongo.client.close());
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`query api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
