import { testStackEnv } from '../../tools/local-stack/config';
import { resolveHubPathAliases } from './hub-path-aliases';
import { rememberStartedByTests } from './stack-state';

/**
 * Brings up a stack of the test run's own (its own folder and ports, so that tests never write where
 * `npm run hub` reads) and hands its endpoints to the test workers through the environment. Servers
 * given through KAFKA_BROKERS, SCHEMA_REGISTRY_URL or MONGO_URL are used instead of starting ours.
 */
export default async function globalSetup(): Promise<void> {
  // tools/local-stack/settings.ts reads the environment when first imported: set it first. The test
  // workers inherit it, so that their view of the stack (e.g. `ferretdb.localEndpoint`) is this one.
  Object.assign(process.env, testStackEnv(process.env));
  resolveHubPathAliases();
  const settings = await import('../../tools/local-stack/settings');
  if (settings.stackDir !== process.env.HUB_STACK_DIR) {
    throw new Error(
      `the local stack's settings were read before the test stack's were set (${settings.stackDir})`,
    );
  }
  const { up, kafkaEnvFor, provisioningPrincipal } = await import('../../tools/local-stack/stack');
  const { endpoints, started } = await up();
  // Test producers publish for every agency: by default a test's Kafka client is the provisioning
  // principal; the apps a test starts connect as their own (see hub-apps.ts, registry-process.ts).
  Object.assign(process.env, endpoints, kafkaEnvFor(provisioningPrincipal()));
  rememberStartedByTests(started);
}
