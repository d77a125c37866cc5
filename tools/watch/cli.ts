import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { IdentityTokens } from '../../libs/testing/src/identity-tokens';
import { EventStreamRefused, openEventStream, type StreamMessage } from './event-stream';

const usage = `usage: npm run watch -- --area "<area>" [--area "<area>" …] [--user <username>]
  Prints the transfer steps and overdue escalations of the areas as they happen (Ctrl-C to stop).
  --area   an area your organisation serves (default: all of them)
  --user   a person of the local stack, <organisation id>.<role>, e.g. police-scotland.transfer-coordinator
           (password from .stack/secrets/identity.json); not needed when HUB_ACCESS_TOKEN holds a token
Connects to TRANSFER_COORDINATOR_URL (default http://127.0.0.1:3002).`;

const reconnectDelayMs = { initial: 1_000, max: 30_000 };

interface TransferFields {
  transferId?: string;
  sendingArea?: string;
  receivingArea?: string;
  step?: string;
  state?: string;
  dueStep?: string | null;
  dueAt?: string | null;
  escalation?: string;
  metadata?: { occurredAt?: string };
}

/** One line per event: when, which way, which transfer, what happened and what is due next. */
export function lineOf(message: StreamMessage, colour: boolean): string {
  const event = JSON.parse(message.data) as TransferFields;
  const at = (event.metadata?.occurredAt ?? new Date().toISOString()).replace(/\.\d+Z$/, 'Z');
  const route = `${event.sendingArea ?? '?'} → ${event.receivingArea ?? '?'}`;
  if (message.event === 'transfer-overdue') {
    const text = `${at}  OVERDUE  ${route}  ${event.transferId}  ${event.step} was due ${event.dueAt} (${event.state}); escalated to ${event.escalation}`;
    return colour ? `\u001b[1;31m${text}\u001b[0m` : text;
  }
  const due = event.dueStep ? `; ${event.dueStep} due ${event.dueAt}` : '';
  return `${at}  step     ${route}  ${event.transferId}  ${event.step} → ${event.state}${due}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      area: { type: 'string', multiple: true },
      user: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const given = process.env.HUB_ACCESS_TOKEN?.trim();
  if (!given && !values.user) {
    console.error(
      `name the person to watch as (--user), or give a token in HUB_ACCESS_TOKEN; e.g.\n` +
        `  npm run watch -- --area "Lothian and Borders" --user police-scotland.transfer-coordinator\n\n${usage}`,
    );
    return 2;
  }
  const base = (process.env.TRANSFER_COORDINATOR_URL?.trim() || 'http://127.0.0.1:3002').replace(
    /\/$/,
    '',
  );
  const query = new URLSearchParams(
    (values.area ?? []).map((area): [string, string] => ['area', area]),
  );
  const url = `${base}/v1/transfers/stream${query.size > 0 ? `?${query.toString()}` : ''}`;
  // Tokens live 5 minutes: a person's is fetched anew (from the cache while valid) at each connection.
  const tokens = new IdentityTokens();
  const tokenOf = async () => given ?? (await tokens.userToken(values.user!));

  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const colour = process.stdout.isTTY === true;
  let lastEventId: string | undefined;
  let delay = reconnectDelayMs.initial;
  while (!stop.signal.aborted) {
    try {
      const stream = openEventStream(url, {
        headers: { authorization: `Bearer ${await tokenOf()}` },
        ...(lastEventId !== undefined && { lastEventId }),
        signal: stop.signal,
      });
      for await (const item of stream) {
        delay = reconnectDelayMs.initial;
        if ('comment' in item) {
          if (item.comment.startsWith('watching')) console.error(`(${item.comment})`);
          continue;
        }
        lastEventId = item.message.lastEventId;
        console.log(lineOf(item.message, colour));
      }
      if (!stop.signal.aborted) console.error('(the stream ended; reconnecting)');
    } catch (error) {
      if (stop.signal.aborted) break;
      // A refusal does not pass by waiting (except the service being unavailable a moment).
      if (error instanceof EventStreamRefused && error.status >= 400 && error.status < 500) {
        console.error(`refused: ${error.status} ${error.body}`);
        return 1;
      }
      console.error(
        `(disconnected: ${error instanceof Error ? error.message : String(error)}; retrying in ${delay / 1000} s)`,
      );
    }
    await sleep(delay, undefined, { signal: stop.signal }).catch(() => undefined);
    delay = Math.min(delay * 2, reconnectDelayMs.max);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
