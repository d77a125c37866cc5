import { Controller, Headers, Query, Sse, type MessageEvent } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import type { IncomingMessage } from 'node:http';
import {
  Access,
  AdmitStream,
  CallAccess,
  organisationDirectory,
  type AccessContext,
} from '@hub/security';
import { TransferLiveFeed } from './transfer-live-feed';
import { lastEventIdOf, liveStream, watchedAreas } from './transfer-stream';

/**
 * The stream's own refusals (400, 403), decided before Nest writes its headers; what is watched
 * goes into the audit entry.
 */
function admitWatch(request: IncomingMessage, access: AccessContext): void {
  // Express has parsed the query by the guard stage (`area` repeated is an array).
  const query = (request as IncomingMessage & { query?: Record<string, unknown> }).query ?? {};
  access.query = { ...query }; // what was asked, for the entry of a refusal
  const areas = watchedAreas(query, access.caller, organisationDirectory());
  const lastEventId = lastEventIdOf(request.headers['last-event-id']);
  access.query = { areas, ...(lastEventId !== undefined && { lastEventId }) };
}

@ApiTags('transfers')
@Controller('v1/transfers')
export class TransferStreamController {
  constructor(private readonly feed: TransferLiveFeed) {}

  @Sse('stream')
  @Access('transfers.watch')
  @AdmitStream(admitWatch)
  @ApiOperation({
    summary: 'Watch transfers as they happen (server-sent events)',
    description:
      'The steps (`event: transfer-step`) and overdue escalations (`event: transfer-overdue`) of transfers from or to the areas watched, from now on: `id` is the event id, `data` the decoded event as JSON. A comment every 15 s keeps proxies from closing the connection. A client reconnecting with `Last-Event-ID` gets what it missed if this instance still holds it. Audited once, when the stream opens.',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({
    name: 'area',
    required: false,
    description:
      "Areas to watch, repeated or comma-separated; default every area the caller's organisation serves.",
  })
  @ApiOkResponse({ description: 'The stream.' })
  @ApiBadRequestResponse({ description: 'An unknown area, or an unknown parameter.' })
  @ApiForbiddenResponse({ description: "An area the caller's organisation does not serve." })
  stream(
    @Query() query: unknown,
    @Headers('last-event-id') lastEventIdHeader: unknown,
    @CallAccess() access: AccessContext,
  ): Observable<MessageEvent> {
    // Admitted (admitWatch): the areas are known and the caller may watch them.
    const areas = watchedAreas(query, access.caller, organisationDirectory());
    const lastEventId = lastEventIdOf(lastEventIdHeader);
    return liveStream(this.feed, areas, lastEventId);
  }
}
