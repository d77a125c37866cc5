import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseRequest } from '@hub/observability';
import { Access } from '@hub/security';
import { FigureCache } from '../figures/figure-cache';
import { ManagementInformation } from '../figures/management-information';
import { CLOCK, INSIGHTS_CONFIG, type Clock } from '../infrastructure/tokens';
import type { InsightsConfig } from '../insights.config';
import {
  checksQuery,
  dayQuery,
  periodOf,
  periodQuery,
  scopeOf,
  tableAs,
  today,
} from './figure-requests';

const scopeQueries = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  ApiQuery({
    name: 'jurisdiction',
    required: false,
    enum: ['ENGLAND_AND_WALES', 'SCOTLAND', 'NORTHERN_IRELAND'],
  })(target, key, descriptor);
  ApiQuery({
    name: 'area',
    required: false,
    description: 'A MAPPA area of the directory; its jurisdiction is implied.',
  })(target, key, descriptor);
  ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })(target, key, descriptor);
  ApiOkResponse({ description: 'A table of figures (JSON), or its CSV with format=csv.' })(
    target,
    key,
    descriptor,
  );
};

/** Management information: aggregates only, small counts suppressed, each with its query. */
@ApiTags('management information')
@Controller('v1/insights')
export class FiguresController {
  constructor(
    private readonly figures: ManagementInformation,
    private readonly cache: FigureCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INSIGHTS_CONFIG) private readonly config: InsightsConfig,
  ) {}

  @Get('people-managed')
  @Access('insights.read')
  @ApiOperation({
    summary: 'People managed on a day',
    description:
      'By category and level (PPANI: category of risk), in a jurisdiction or one area, on any day (`asAt`, today by default): from the periods of state of every record, so that a past day is counted as it stood.',
  })
  @ApiQuery({ name: 'asAt', required: false, description: 'YYYY-MM-DD' })
  @scopeQueries
  async peopleManaged(@Query() query: unknown) {
    const parsed = parseRequest(dayQuery, query, 'figure query');
    const table = await this.cached(
      'managedOn',
      [scopeOf(parsed), parsed.asAt ?? today(this.clock)],
      () => this.figures.managedOn(scopeOf(parsed), parsed.asAt ?? today(this.clock)),
    );
    return tableAs(table, parsed.format);
  }

  @Get('people-managed/over-time')
  @Access('insights.read')
  @ApiOperation({
    summary: 'People managed over time',
    description:
      'People managed on the last day of each month, quarter or year of the period (the last twelve months by default), per category.',
  })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'interval', required: false, enum: ['month', 'quarter', 'year'] })
  @scopeQueries
  async peopleManagedOverTime(@Query() query: unknown) {
    const parsed = parseRequest(periodQuery, query, 'figure query');
    const table = await this.cached(
      'managedOverTime',
      [scopeOf(parsed), periodOf(parsed, this.clock), parsed.interval],
      () =>
        this.figures.managedOverTime(
          scopeOf(parsed),
          periodOf(parsed, this.clock),
          parsed.interval,
        ),
    );
    return tableAs(table, parsed.format);
  }

  @Get('transfers')
  @Access('insights.read')
  @ApiOperation({
    summary: 'Transfers in and out',
    description: 'Transfers requested and completed during the period, out of and into each area.',
  })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @scopeQueries
  async transfers(@Query() query: unknown) {
    const parsed = parseRequest(periodQuery, query, 'figure query');
    const table = await this.cached(
      'transfers',
      [scopeOf(parsed), periodOf(parsed, this.clock)],
      () => this.figures.transfers(scopeOf(parsed), periodOf(parsed, this.clock)),
    );
    return tableAs(table, parsed.format);
  }

  @Get('transfers/step-times')
  @Access('insights.read')
  @ApiOperation({
    summary: 'How long transfer steps took',
    description:
      'For each awaited step: how many were taken in the period, the median days, how many late against their deadline, how many still awaited past it.',
  })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @scopeQueries
  async transferStepTimes(@Query() query: unknown) {
    const parsed = parseRequest(periodQuery, query, 'figure query');
    const table = await this.cached(
      'transferStepTimes',
      [scopeOf(parsed), periodOf(parsed, this.clock)],
      () => this.figures.transferStepTimes(scopeOf(parsed), periodOf(parsed, this.clock)),
    );
    return tableAs(table, parsed.format);
  }

  @Get('recording-standards')
  @Access('insights.read')
  @ApiOperation({
    summary: 'Records failing the recording standards',
    description:
      'Per area, how many records fail each standard today (no record manager, no risk assessment in time, notification overdue, no current address, contradictory facts). The records behind a count: `GET /v1/insights/checks/{check}/records`.',
  })
  @scopeQueries
  async recordingStandards(@Query() query: unknown) {
    const parsed = parseRequest(checksQuery, query, 'figure query');
    const table = await this.cached(
      'checksByArea',
      [scopeOf(parsed), 'recording-standard', this.settings()],
      () => this.figures.checksByArea(scopeOf(parsed), 'recording-standard', this.settings()),
    );
    return tableAs(table, parsed.format);
  }

  @Get('overdue-reviews')
  @Access('insights.read')
  @ApiOperation({
    summary: 'Overdue reviews',
    description:
      'Per area, how many records have a risk assessment review, a category and level review, or a retention review overdue today.',
  })
  @scopeQueries
  async overdueReviews(@Query() query: unknown) {
    const parsed = parseRequest(checksQuery, query, 'figure query');
    const table = await this.cached(
      'checksByArea',
      [scopeOf(parsed), 'overdue-review', this.settings()],
      () => this.figures.checksByArea(scopeOf(parsed), 'overdue-review', this.settings()),
    );
    return tableAs(table, parsed.format);
  }

  /** The figure as computed for the same question in the last INSIGHTS_CACHE_SECONDS. */
  private cached<T>(figure: string, question: unknown[], compute: () => Promise<T>): Promise<T> {
    return this.cache.get(`${figure}:${JSON.stringify(question)}`, compute);
  }

  private settings() {
    return {
      today: today(this.clock),
      riskAssessmentDueDays: this.config.INSIGHTS_RISK_ASSESSMENT_DUE_DAYS,
    };
  }
}
