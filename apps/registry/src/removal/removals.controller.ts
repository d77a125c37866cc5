import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { parseRequest } from '@hub/observability';
import { Access, CallAccess, type AccessContext } from '@hub/security';
import { RemovalCertificateDto, RemovalPageDto } from './removal-api.dto';
import { certificateOf, RecordRemovals } from './record-removals';

const listQuery = z.strictObject({
  status: z.enum(['IN_PROGRESS', 'COMPLETED']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

@ApiTags('record lifecycle')
@Controller('v1/removals')
export class RemovalsController {
  constructor(private readonly removals: RecordRemovals) {}

  @Get()
  @Access('removals.read')
  @ApiOperation({
    summary: 'Removal certificates, newest decision first',
    description:
      'Every removal decided at a retention review: the ids removed, the decision, who took it, when and why, and the steps done. IN_PROGRESS: the registry is completing it (it resumes after a crash or an outage).',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['IN_PROGRESS', 'COMPLETED'] })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: RemovalPageDto })
  async list(@Query() query: unknown, @CallAccess() access: AccessContext) {
    const { status, page, pageSize } = parseRequest(listQuery, query, 'query');
    const { items, total } = await this.removals.list(status, page, pageSize);
    access.nominalIds = items.map((removal) => removal._id);
    return { items: items.map(certificateOf), page, pageSize, total };
  }

  @Get(':nominalId')
  @Access('removals.read')
  @ApiOperation({
    summary: "A person's removal certificate",
    description: 'Also found by the id of a record that was merged into the one removed.',
  })
  @ApiOkResponse({ type: RemovalCertificateDto })
  @ApiNotFoundResponse({ description: 'No removal of this id.' })
  async get(@Param('nominalId') nominalId: string, @CallAccess() access: AccessContext) {
    access.nominalIds = [nominalId];
    const removal = await this.removals.of(nominalId);
    if (!removal) throw new NotFoundException(`no removal of nominal ${nominalId}`);
    return certificateOf(removal);
  }
}
