import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post, Req } from '@nestjs/common';
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
import { Access, CallAccess, type AccessContext, type Action } from '@hub/security';
import { actingUserOf, CommandAccess } from '../access/command-access';
import { parseRequest } from '@hub/observability';
import { requestTrace } from '@hub/observability';
import { RecordCommands, type AcceptedCommand } from './record-commands';

const archiveRequest = z.strictObject({
  reason: z.string().trim().min(1, 'is required').max(2_000),
  actingUser: z.string().trim().min(1).max(200).optional(),
});

const archiveRequestDoc = {
  schema: {
    type: 'object',
    required: ['reason'],
    properties: {
      reason: {
        type: 'string',
        example: 'No longer meets MAPPA criteria: notification period ended',
      },
      actingUser: {
        type: 'string',
        description:
          'Optional: the command is recorded as the authenticated user; any other name is refused',
      },
    },
  },
};

@ApiTags('record lifecycle')
@Controller('v1/nominals/:id')
export class NominalCommandsController {
  constructor(
    private readonly commands: RecordCommands,
    @Inject(CommandAccess) private readonly access: CommandAccess,
  ) {}

  /** The request's reason and acting user, once the caller may run `action` on the record. */
  private async authorised(
    action: Action,
    id: string,
    body: unknown,
    what: string,
    access: AccessContext,
  ): Promise<{ reason: string; actingUser: string }> {
    const { reason, actingUser } = parseRequest(archiveRequest, body, what);
    access.query = { reason };
    await this.access.check(access, action, [id]);
    return { reason, actingUser: actingUserOf(access, actingUser) };
  }

  @Post('archive')
  @Access('command.archive')
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
  async archive(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ): Promise<AcceptedCommand> {
    const command = await this.authorised('command.archive', id, body, 'archive request', access);
    return this.commands.archive(id, { ...command, ...requestTrace(request) });
  }

  @Post('reactivate')
  @Access('command.reactivate')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Re-activate an archived record',
    description: 'Publishes a NominalArchiveStatusChanged event (REACTIVATED).',
  })
  @ApiBody(archiveRequestDoc)
  @ApiAcceptedResponse({ description: 'The decision is on Kafka.' })
  @ApiNotFoundResponse({ description: 'No such nominal.' })
  @ApiConflictResponse({ description: 'The record is not archived, or was merged.' })
  async reactivate(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ): Promise<AcceptedCommand> {
    const command = await this.authorised(
      'command.reactivate',
      id,
      body,
      're-activation request',
      access,
    );
    return this.commands.reactivate(id, { ...command, ...requestTrace(request) });
  }

  @Post('unmerge')
  @Access('command.unmerge')
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
  async unmerge(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ): Promise<AcceptedCommand> {
    const command = await this.authorised('command.unmerge', id, body, 'unmerge request', access);
    return this.commands.unmerge(id, { ...command, ...requestTrace(request) });
  }
}
