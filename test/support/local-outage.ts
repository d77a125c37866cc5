import { setTimeout as sleep } from 'node:timers/promises';
import type { StackComponent } from '../../tools/local-stack/components/component';
import { stopServer, waitUntilReady } from '../../tools/local-stack/processes';

/** Outage tests stop servers of the local stack; one given through the environment is not theirs. */
export function requireLocalServer(server: StackComponent): void {
  const given = process.env[server.envVar];
  if (given !== server.localEndpoint) {
    throw new Error(
      `this test stops the local stack's ${server.name}; ${server.envVar} points elsewhere (${given})`,
    );
  }
}

/**
 * Stops a local server, runs `whileDown` and waits `downForMs`, then starts it again and waits
 * until it answers.
 */
export async function outage(
  server: StackComponent,
  downForMs: number,
  whileDown: () => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  await stopServer(server.name);
  await Promise.all([whileDown(), sleep(downForMs)]);
  await server.start();
  await waitUntilReady(server.name, () => server.isReady(server.localEndpoint), 120_000);
}
