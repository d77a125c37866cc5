import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { parseRequest } from '@hub/observability';
import { Access, CallAccess, type AccessContext } from '@hub/security';
import { recordCheck, recordChecks } from '../figures/record-checks';
import { RecordsBehindFigures, type RecordsBehindPage } from '../figures/records-behind';
import { CLOCK, INSIGHTS_CONFIG, type Clock } from '../infrastructure/tokens';
import type { InsightsConfig } from '../insights.config';
import { recordsQuery, scopeOf, today } from './figure-requests';

/** The records behind a recording-standard or overdue-review figure, by need-to-know. */
@ApiTags('records behind figures')
@Controller('v1/insights/checks')
export class RecordsBehindController {
  constructor(
    private readonly records: RecordsBehindFigures,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INSIGHTS_CONFIG) private readonly config: InsightsConfig,
  ) {}

  @Get(':check/records')
  @Access('insights.records')
  @ApiParam({ name: 'check', enum: recordChecks.map((check) => check.id) })
  @ApiQuery({ name: 'area', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiOperation({
    summary: 'The records behind a figure',
    description:
      "The records failing a recording standard or with a review overdue: those the caller's organisation manages or co-manages (every record for data governance). MI analysts see aggregates only. Every record listed is in the audit trail of the call.",
  })
  @ApiOkResponse({
    description: 'A page of records: ids, area, category and level, and where to read each.',
  })
  @ApiForbiddenResponse({ description: 'The caller may not list records (e.g. an MI analyst).' })
  @ApiNotFoundResponse({ description: 'No such check.' })
  async list(
    @Param('check') checkId: string,
    @Query() query: unknown,
    @CallAccess() access: AccessContext,
  ): Promise<RecordsBehindPage> {
    const check = recordCheck(checkId);
    if (!check) {
      throw new NotFoundException(
        `no check "${checkId}"; the checks are ${recordChecks.map((known) => known.id).join(', ')}`,
      );
    }
    const parsed = parseRequest(recordsQuery, query, 'records query');
    const area = parsed.area ? scopeOf({ area: parsed.area }).area : undefined;
    access.query = { check: check.id, area, page: parsed.page };
    const page = await this.records.list(
      access.caller,
      check,
      {
        today: today(this.clock),
        riskAssessmentDueDays: this.config.INSIGHTS_RISK_ASSESSMENT_DUE_DAYS,
      },
      area,
      parsed.page,
      parsed.pageSize,
    );
    access.nominalIds.push(...page.records.map((record) => record.nominalId));
    return page;
  }
}
