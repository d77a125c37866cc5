import { BadRequestException, ForbiddenException, type MessageEvent } from '@nestjs/common';
import { concat, filter, interval, map, merge, of, takeUntil, type Observable } from 'rxjs';
import { z } from 'zod';
import { parseRequest } from '@hub/observability';
import {
  accessRules,
  areaKey,
  mayWatchArea,
  type Caller,
  type OrganisationDirectory,
} from '@hub/security';
import type { LiveTransferEvent, TransferLiveFeed } from './transfer-live-feed';

/**
 * Proxies and load balancers drop a connection that stays silent for a minute or so (nginx 60 s,
 * AWS ALB 60 s): a comment every 15 s keeps the stream open between events.
 */
export const heartbeatIntervalMs = 15_000;

const areaList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((entry) => entry.split(','))
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  )
  .pipe(z.array(z.string().max(100)).max(50));

export const streamQuery = z.strictObject({ area: areaList.optional() });

/**
 * The areas a caller watches, by their directory names: those asked for (`area`, repeated or
 * comma-separated), else every area the caller's organisation serves (every area for national
 * staff, whose organisation serves none). 400 for an area the directory does not know, 403 for one
 * the caller may not watch, before anything is streamed.
 */
export function watchedAreas(
  query: unknown,
  caller: Caller,
  directory: OrganisationDirectory,
): string[] {
  const asked = parseRequest(streamQuery, query ?? {}, 'live view query').area ?? [];
  const known = new Map(
    directory.organisations
      .flatMap((organisation) => organisation.mappaAreas)
      .map((area) => [areaKey(area), area] as const),
  );
  const areas = asked.length > 0 ? asked : [...caller.organisation.mappaAreas];
  if (areas.length === 0) {
    const national = accessRules['transfers.watch'].national ?? [];
    if (!caller.roles.some((role) => national.includes(role))) {
      throw new BadRequestException(
        `${caller.organisation.name} serves no area: name the areas to watch with \`area\``,
      );
    }
    return [...new Set(known.values())];
  }
  const unknown = areas.filter((area) => !known.has(areaKey(area)));
  if (unknown.length > 0) {
    throw new BadRequestException(
      `unknown area ${unknown.map((area) => JSON.stringify(area)).join(', ')}: the areas are those of GET /v1/organisations`,
    );
  }
  const refused = areas.filter((area) => !mayWatchArea(caller, area));
  if (refused.length > 0) {
    throw new ForbiddenException(
      `${caller.organisation.name} does not serve ${refused.join(', ')}: ${accessRules['transfers.watch'].why}`,
    );
  }
  return [...new Set(areas.map((area) => known.get(areaKey(area))!))];
}

/** Whether an event concerns one of the watched areas (by `areaKey`). */
export function concernsAreas(entry: LiveTransferEvent, keys: ReadonlySet<string>): boolean {
  return keys.has(areaKey(entry.event.sendingArea)) || keys.has(areaKey(entry.event.receivingArea));
}

/** One SSE message: the event's type and id, the decoded event as JSON (dates as ISO-8601). */
export function messageOf(entry: LiveTransferEvent): MessageEvent {
  return { type: entry.type, id: entry.event.metadata.eventId, data: entry.event };
}

/** A `Last-Event-ID` worth looking for: an event id, not whatever a client sends. */
export function lastEventIdOf(header: unknown): string | undefined {
  return typeof header === 'string' && /^[\w-]{1,100}$/.test(header) ? header : undefined;
}

/**
 * A caller's stream: a comment at once (Nest sends the headers with the first message, and the
 * access interceptor audits the call then, so the client learns at once that it is watching), the
 * events of the watched areas, and a heartbeat comment; it ends when the feed stops.
 */
export function liveStream(
  feed: TransferLiveFeed,
  areas: readonly string[],
  lastEventId: string | undefined,
  heartbeatMs = heartbeatIntervalMs,
): Observable<MessageEvent> {
  const keys = new Set(areas.map(areaKey));
  const events = feed.since(lastEventId).pipe(
    filter((entry) => concernsAreas(entry, keys)),
    map(messageOf),
  );
  const heartbeat = interval(heartbeatMs).pipe(map((): MessageEvent => ({ comment: 'heartbeat' })));
  const opening: MessageEvent = {
    comment:
      `watching transfers of ${areas.join(', ')}` +
      (lastEventId === undefined
        ? ''
        : `; resuming after ${lastEventId} where this instance still holds it`),
  };
  return concat(of(opening), merge(events, heartbeat).pipe(takeUntil(feed.ended$)));
}
