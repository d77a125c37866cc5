import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { parseRequest } from '../http/request-validation';
import { requestTrace } from '../http/request-context';
import { RecordCommands, type AcceptedCommand } from './record-commands';

const archiveRequest = z.strictObject({
  reason: z.string().trim().min(1, 'is required').max(2_000),
  actingUser: z.string().trim().min(1, 'is required').max(200),
});

const archiveRequestDoc = {
  schema: {
    type: 'object',
    required: ['reason', 'actingUser'],
    properties: {
      reason: {
        type: 'string',
        example: 'No longer meets MAPPA criteria: notification period ended',
      },
      actingUser: { type: 'string', example: 'record.manager@example.invalid' },
    },
  },
};

@ApiTags('record lifecycle')
@Controller('v1/nominals/:id')
export class NominalCommandsController {
  constructor(private readonly commands: RecordCommands) {}

  @Post('archive')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Archive a record',
    description:
      'Publishes a NominalArchiveStatusChanged event; the record shows ARCHIVED once the registry has applied it. The record stays and can be re-activated.',
  })
  @ApiBody(archiveRequestDoc)
  @ApiAcceptedResponse({
    description: 'The decision is on Kafka (event id, topic, partition, offset).',
  })
  @ApiNotFoundResponse({ description: 'No such nominal.' })
  @ApiConflictResponse({ description: 'Already archived, or merged into another record.' })
  archive(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
  ): Promise<AcceptedCommand> {
    const { reason, actingUser } = parseRequest(archiveRequest, body, 'archive request');
    return this.commands.archive(id, { reason, actingUser, ...requestTrace(request) });
  }

  @Post('reactivate')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Re-activate an archived record',
    description: 'Publishes a NominalArchiveStatusChanged event (REACTIVATED).',
  })
  @ApiBody(archiveRequestDoc)
  @ApiAcceptedResponse({ description: 'The decision is on Kafka.' })
  @ApiNotFoundResponse({ description: 'No such nominal.' })
  @ApiConflictResponse({ description: 'The record is not archived, or was merged.' })
  reactivate(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
  ): Promise<AcceptedCommand> {
    const { reason, actingUser } = parseRequest(archiveRequest, body, 're-activation request');
    return this.commands.reactivate(id, { reason, actingUser, ...requestTrace(request) });
  }

  @Post('unmerge')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Undo a wrong merge (data governance)',
    description:
      'For a record that was merged into another: publishes a MergeUndone event. Once applied, this record is restored with what it held at the merge and the facts addressed to it since, and the survivor gives back the names, identifiers and items the merge brought it; both timelines show the unmerge, with the acting user and the reason.',
  })
  @ApiBody(archiveRequestDoc)
  @ApiAcceptedResponse({ description: 'The decision is on Kafka.' })
  @ApiNotFoundResponse({ description: 'No such nominal.' })
  @ApiConflictResponse({ description: 'The record is not merged into another.' })
  unmerge(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
  ): Promise<AcceptedCommand> {
    const { reason, actingUser } = parseRequest(archiveRequest, body, 'unmerge request');
    return this.commands.unmerge(id, { reason, actingUser, ...requestTrace(request) });
  }
}
