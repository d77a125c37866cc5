import { BadRequestException, Controller, Get, HttpStatus, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { BadRequestDto } from '../nominals/nominal-api.dto';
import { AuditPageDto } from './audit-api.dto';
import {
  AuditQueries,
  defaultAuditPageSize,
  maxAuditPageSize,
  type AuditPage,
} from './audit-queries';
import { Access, CallAccess, type AccessContext } from '@hub/security';
import { parseAuditQuery } from './audit-query-params';

/**
 * The auditors' view of the trail: who saw a record, what a user saw, what an organisation did.
 * The access interceptor checks the `auditor` role and records each read of the trail in the trail.
 */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(AuditQueries) private readonly queries: AuditQueries) {}

  @Get('entries')
  @Access('audit.read')
  @ApiOperation({
    summary: 'Audit entries',
    description:
      'Entries matching every filter given (none: all), newest first, paged by sequence. The ' +
      'chain itself is verified with `npm run audit:verify`.',
  })
  @ApiQuery({ name: 'nominalId', required: false, description: 'Who saw or changed this record' })
  @ApiQuery({ name: 'username', required: false, description: 'What this user did' })
  @ApiQuery({ name: 'subject', required: false, description: 'What this token subject did' })
  @ApiQuery({
    name: 'breakGlass',
    required: false,
    enum: ['true', 'false'],
    description: 'true: only the records opened by break glass, for their review',
  })
  @ApiQuery({
    name: 'organisation',
    required: false,
    description: 'What this organisation (directory id) did',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'A day (YYYY-MM-DD) or a date-time with a time zone; inclusive',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'A day (all of it) or a date-time with a time zone; inclusive',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    type: 'integer',
    description: `Default ${defaultAuditPageSize}, at most ${maxAuditPageSize}`,
  })
  @ApiQuery({
    name: 'cursor',
    required: false,
    type: 'integer',
    description: "The previous page's `next`: entries older than that sequence",
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({
    type: BadRequestDto,
    description: 'A query parameter is invalid or unknown; `violations` names each one',
  })
  entries(
    @Query() query: Record<string, unknown>,
    @CallAccess() access: AccessContext,
  ): Promise<AuditPage> {
    access.query = { ...query };
    const parsed = parseAuditQuery(query);
    if (!parsed.ok) {
      const problems = parsed.violations.map((v) => `${v.field} ${v.problem}`);
      throw new BadRequestException({
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        message: `invalid query parameters: ${problems.join('; ')}`,
        violations: parsed.violations,
      });
    }
    return this.queries.find(parsed.value.filters, parsed.value.page);
  }
}
