import {
  applyDecorators,
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  AgencySymbols,
  JurisdictionSymbols,
  MappaCategorySymbols,
  MappaLevelSymbols,
  NominalStatusSymbols,
} from '@hub/contracts';
import {
  Access,
  breakGlassHeader,
  CallAccess,
  decide,
  organisationDirectory,
  type AccessContext,
  type RecordFacts,
} from '@hub/security';
import { RecordAccessFacts, recordFactsOf } from '../access/record-access-facts';
import {
  nationalSearchView,
  recordFor,
  timelineEntryFor,
  type NationalSearchView,
} from '../access/record-views';
import { maxNameQueryParts } from '../search/name-keys';
import {
  BadRequestDto,
  MergedRecordDto,
  NominalRecordDto,
  NominalSearchPageDto,
  NotFoundDto,
  TimelinePageDto,
} from './nominal-api.dto';
import {
  defaultPageSize,
  maxPageSize,
  nameMatchThreshold,
  NameSearchTooBroadError,
  NominalQueries,
  type Lookup,
  type NominalRecordView,
  type NominalSummary,
  type Page,
  type TimelineEntry,
} from './nominal-queries';
import {
  parseSearchQuery,
  parseTimelineQuery,
  type Parsed,
  type Violation,
} from './nominal-query-params';

/** The parts of Express's request and response used here (Express 5 ships no types of its own). */
interface HttpRequest {
  originalUrl: string;
}
interface HttpResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

interface MergedRecord {
  statusCode: number;
  message: string;
  mergedInto: string;
  location: string;
}

function badRequest(violations: Violation[]): BadRequestException {
  const problems = violations.map((violation) => `${violation.field} ${violation.problem}`);
  return new BadRequestException({
    statusCode: HttpStatus.BAD_REQUEST,
    error: 'Bad Request',
    message: `invalid query parameters: ${problems.join('; ')}`,
    violations,
  });
}

/**
 * For a result whose record could not be read back (changed in between): nobody is placed as
 * managing it, so nobody gets more than the search view of it without a reason.
 */
function unmanagedFacts(summary: NominalSummary): RecordFacts {
  return {
    managingArea: summary.managingArea,
    jurisdiction: summary.jurisdiction,
    leadAgency: 'HUB',
    coManagerAgencies: [],
    custodyEstablishment: null,
  };
}

function valid<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  throw badRequest(parsed.violations);
}

/** The query string of a request URL, with its `?`, or ''. */
function queryStringOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start);
}

const pageQueries = applyDecorators(
  ApiQuery({ name: 'page', required: false, type: 'integer', description: '1-based; default 1' }),
  ApiQuery({
    name: 'pageSize',
    required: false,
    type: 'integer',
    description: `Default ${defaultPageSize}, at most ${maxPageSize}`,
  }),
);

const notFound = ApiNotFoundResponse({ type: NotFoundDto, description: 'No nominal has this id' });
const badQuery = ApiBadRequestResponse({
  type: BadRequestDto,
  description: 'A query parameter is invalid or unknown; `violations` names each one',
});
const idParam = ApiParam({ name: 'id', description: 'The hub id of the nominal' });

/**
 * The registry's read API: find people across agencies, read one person's canonical record, and
 * follow how it came to be. A record merged into another answers 308 with the survivor's address,
 * so links and bookmarks to the retired id keep working.
 */
@ApiTags('nominals')
@Controller('v1/nominals')
export class NominalsController {
  // Named, not read from type metadata: tools/bench/query runs this controller under tsx, whose
  // esbuild emits none.
  constructor(
    @Inject(NominalQueries) private readonly queries: NominalQueries,
    @Inject(RecordAccessFacts) private readonly accessFacts: RecordAccessFacts,
  ) {}

  private readonly directory = organisationDirectory();

  @Get()
  @Access('nominals.search')
  @ApiOperation({
    summary: 'Search nominals',
    description:
      'Records matching every given criterion (at least one is required). A name search matches ' +
      'the name and the aliases whatever the order of the parts and tolerates misspellings and ' +
      `phonetic variants; results scoring below ${nameMatchThreshold} are left out and the best ` +
      'match comes first. Other searches are ordered by family name. Merged records are left out ' +
      'unless `status` asks for them.',
  })
  @ApiQuery({
    name: 'name',
    required: false,
    description:
      `Free text, e.g. "SMITH John" or "Jon Smyth", at most ${maxNameQueryParts} parts; matched ` +
      'against names and aliases. A name shared with too many records to rank (a lone initial) ' +
      'answers 400: add another criterion',
  })
  @ApiQuery({
    name: 'dateOfBirth',
    required: false,
    description: 'YYYY-MM-DD',
    example: '1980-04-23',
  })
  @ApiQuery({
    name: 'identifier',
    required: false,
    description: "Any agency identifier's value; case and spaces are ignored",
  })
  @ApiQuery({ name: 'area', required: false, description: 'Managing MAPPA area, any case' })
  @ApiQuery({ name: 'jurisdiction', required: false, enum: [...JurisdictionSymbols] })
  @ApiQuery({
    name: 'category',
    required: false,
    enum: [...MappaCategorySymbols],
    description: 'MAPPA category; "2" means CATEGORY_2',
  })
  @ApiQuery({
    name: 'level',
    required: false,
    enum: [...MappaLevelSymbols],
    description: 'MAPPA level; "3" means LEVEL_3',
  })
  @ApiQuery({
    name: 'status',
    required: false,
    description: `Comma-separated, of ${NominalStatusSymbols.join(', ')}; default: all but MERGED`,
  })
  @pageQueries
  @ApiOkResponse({ type: NominalSearchPageDto })
  @badQuery
  async search(
    @Query() query: Record<string, unknown>,
    @CallAccess() access: AccessContext,
    @Headers(breakGlassHeader) reason?: string,
  ): Promise<Page<(NominalSummary & { view: 'full' }) | NationalSearchView>> {
    const { criteria, page } = valid(parseSearchQuery(query));
    access.query = { ...criteria };
    let found: Page<NominalSummary>;
    try {
      found = await this.queries.search(criteria, page);
    } catch (error) {
      if (error instanceof NameSearchTooBroadError) {
        throw badRequest([{ field: 'name', problem: error.message }]);
      }
      throw error;
    }
    const facts = await this.accessFacts.of(found.items.map((item) => item.id));
    access.nominalIds = found.items.map((item) => item.id);
    const items = found.items.map((item) => {
      const itemFacts = facts.get(item.id) ?? unmanagedFacts(item);
      const decision = decide(access.caller, 'record.read', itemFacts, reason);
      if (decision.allowed && decision.breakGlass) access.breakGlassReason = reason;
      return decision.allowed && decision.grant === 'full'
        ? { view: 'full' as const, ...item }
        : nationalSearchView(item, itemFacts, this.directory);
    });
    return { ...found, items };
  }

  @Get(':id')
  @ApiOperation({
    summary: "A nominal's canonical record",
    description:
      'Everything the hub holds on the person, with the current address and the current risk ' +
      'management plan worked out. The events it was built from are in the timeline.',
  })
  @idParam
  @ApiOkResponse({ type: NominalRecordDto })
  @ApiResponse({
    status: HttpStatus.PERMANENT_REDIRECT,
    type: MergedRecordDto,
    description: 'Merged into another record; Location is that record',
  })
  @notFound
  @Access('record.read')
  async record(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: HttpResponse,
    @CallAccess() access: AccessContext,
    @Headers(breakGlassHeader) reason?: string,
  ): Promise<(NominalRecordView & { view: 'full' }) | NationalSearchView | MergedRecord> {
    access.nominalIds = [id];
    const lookup = await this.queries.record(id);
    if (lookup.outcome === 'unknown') await this.accessFacts.refuseMissing([id]);
    if (lookup.outcome !== 'found') return this.answer(id, lookup, response, '');
    const record = lookup.value;
    const facts = recordFactsOf(record);
    const decision = decide(access.caller, 'record.read', facts, reason);
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    if (decision.grant !== 'full' || !decision.relation) {
      access.note = 'national search view';
      return nationalSearchView(
        {
          ...record,
          managingArea: record.management.managingArea,
          jurisdiction: record.management.jurisdiction,
        },
        facts,
        this.directory,
      );
    }
    if (decision.breakGlass) access.breakGlassReason = reason;
    return recordFor(access.caller, decision.relation, facts, record, this.directory);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary: "A nominal's timeline",
    description:
      'The events applied to the record and to every record merged into it, newest first unless ' +
      '`order=asc`, paged.',
  })
  @idParam
  @ApiQuery({
    name: 'eventType',
    required: false,
    description: 'Comma-separated event types, e.g. IntelligenceShared,AddressRecorded',
  })
  @ApiQuery({
    name: 'agency',
    required: false,
    description: `Comma-separated producing agencies, of ${AgencySymbols.join(', ')}`,
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'Occurred at or after: YYYY-MM-DD (start of day, UTC) or date-time with zone',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'Occurred at or before: YYYY-MM-DD (the whole day, UTC) or date-time with zone',
  })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'], description: 'Default desc' })
  @pageQueries
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiResponse({
    status: HttpStatus.PERMANENT_REDIRECT,
    type: MergedRecordDto,
    description: "Merged into another record; Location is that record's timeline, same query",
  })
  @badQuery
  @notFound
  @Access('timeline.read')
  async timeline(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
    @CallAccess() access: AccessContext,
    @Headers(breakGlassHeader) reason?: string,
  ): Promise<Page<TimelineEntry> | MergedRecord> {
    access.nominalIds = [id];
    const { filters, page } = valid(parseTimelineQuery(query));
    const facts = (await this.accessFacts.of([id])).get(id);
    if (!facts) return this.accessFacts.refuseMissing([id]);
    const decision = decide(access.caller, 'timeline.read', facts, reason);
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    if (decision.breakGlass) access.breakGlassReason = reason;
    const lookup = await this.queries.timeline(id, filters, page);
    const relation = decision.relation ?? 'other-area';
    const visible: Lookup<Page<TimelineEntry>> =
      lookup.outcome === 'found'
        ? {
            ...lookup,
            value: {
              ...lookup.value,
              items: lookup.value.items.map((entry) =>
                timelineEntryFor(access.caller, relation, facts, entry, this.directory),
              ),
            },
          }
        : lookup;
    return this.answer(id, visible, response, `/timeline${queryStringOf(request.originalUrl)}`);
  }

  /** The found value, a 308 to where a merged record went (plus `suffix`), or a 404. */
  private answer<T>(
    id: string,
    lookup: Lookup<T>,
    response: HttpResponse,
    suffix: string,
  ): T | MergedRecord {
    switch (lookup.outcome) {
      case 'found':
        return lookup.value;
      case 'unknown':
        throw new NotFoundException(`no nominal with id ${id}`);
      case 'merged': {
        // 308, not 301: the method is kept, and clients may remember the survivor's address.
        const location = `/v1/nominals/${encodeURIComponent(lookup.mergedInto)}${suffix}`;
        response.status(HttpStatus.PERMANENT_REDIRECT);
        response.setHeader('Location', location);
        return {
          statusCode: HttpStatus.PERMANENT_REDIRECT,
          message: `nominal ${id} was merged into ${lookup.mergedInto}; its record is now at ${location}`,
          mergedInto: lookup.mergedInto,
          location,
        };
      }
    }
  }
}
