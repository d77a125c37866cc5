import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { parseRequest, requestTrace } from '@hub/observability';
import { Access, CallAccess, type AccessContext } from '@hub/security';
import type { TransferDeadlines } from '../deadlines/transfer-deadlines';
import { CLOCK, TRANSFER_DEADLINES, type Clock } from '../infrastructure/tokens';
import { transitions, type TransferCommand } from '../workflow/transfer-state-machine';
import { commandBodies, listQuery, transferRequestBody } from './transfer-requests';
import { TransferService } from './transfer-service';
import { transferView, type TransferView } from './transfer-view';

const conflict = {
  description:
    'The transfer is in a state that does not allow the step (the body names the state and the allowed next steps), someone else changed it first, or what the step needs is missing.',
};

/** One route per command: the audit names the command's action, the OpenAPI document each body. */
function commandRoute(
  command: TransferCommand,
  summary: string,
  description: string,
): MethodDecorator {
  return (target, key, descriptor) => {
    Post(`:id/${command}`)(target, key, descriptor);
    Access(transitions[command].action)(target, key, descriptor);
    HttpCode(HttpStatus.OK)(target, key, descriptor);
    ApiOperation({ summary, description })(target, key, descriptor);
    ApiParam({ name: 'id', description: 'The transfer id.' })(target, key, descriptor);
    ApiBody({
      schema: { type: 'object' },
      description: `See the README's transfers section for the fields of ${command}.`,
    })(target, key, descriptor);
    ApiOkResponse({ description: 'The transfer after the step.' })(target, key, descriptor);
    ApiConflictResponse(conflict)(target, key, descriptor);
    ApiForbiddenResponse({
      description: `The caller's organisation is not on the side of the transfer that ${command}s.`,
    })(target, key, descriptor);
  };
}

@ApiTags('transfers')
@Controller('v1/transfers')
export class TransfersController {
  constructor(
    private readonly transfers: TransferService,
    @Inject(TRANSFER_DEADLINES) private readonly deadlines: TransferDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async step(
    id: string,
    command: TransferCommand,
    body: unknown,
    request: IncomingMessage,
    access: AccessContext,
  ): Promise<TransferView> {
    const { expectedVersion, ...input } = parseRequest(
      commandBodies[command],
      body ?? {},
      `${command} request`,
    );
    const transfer = await this.transfers.act(
      access.caller,
      id,
      command,
      input,
      requestTrace(request).correlationId,
      expectedVersion,
    );
    access.nominalIds.push(transfer.nominalId);
    access.query = { transferId: id, step: command };
    return transferView(transfer, this.clock());
  }

  @Get('deadlines')
  @Access('transfers.deadlines.read')
  @ApiOperation({
    summary: 'The deadlines in force',
    description:
      'Working days per pair of jurisdictions and per step: when a step is overdue (escalated to the MAPPA co-ordinators of both areas) and when it goes to the strategic level.',
  })
  deadlinesInForce() {
    return {
      version: this.deadlines.version,
      calendar: 'working days: Monday to Friday, UTC; bank holidays are not counted',
      pairs: this.deadlines.pairs,
    };
  }

  @Post()
  @Access('transfers.request')
  @ApiOperation({
    summary: 'Request a transfer',
    description:
      "The managing organisation asks to move a person's management to another area (permanent), or for a stay there (temporary, with the day they come back). Victim liaison units are told when the person has victims in a scheme.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['nominalId', 'kind', 'reason', 'receivingArea', 'expectedMoveOn'],
    },
  })
  @ApiCreatedResponse({ description: 'The transfer, REQUESTED, with its first due step.' })
  @ApiBadRequestResponse({ description: 'An unknown receiving area, or a bad field.' })
  @ApiNotFoundResponse({ description: 'The hub has no record of the person.' })
  @ApiConflictResponse({
    description:
      'The person already has a transfer under way, or the record is archived or merged.',
  })
  async request(
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ): Promise<TransferView> {
    const parsed = parseRequest(transferRequestBody, body, 'transfer request');
    access.nominalIds.push(parsed.nominalId);
    access.query = { receivingArea: parsed.receivingArea, kind: parsed.kind };
    const transfer = await this.transfers.request(
      access.caller,
      parsed,
      requestTrace(request).correlationId,
    );
    return transferView(transfer, this.clock());
  }

  @Get()
  @Access('transfers.read')
  @ApiOperation({
    summary: 'List transfers',
    description:
      "Transfers from or to the caller's organisation's areas (all of them for data governance), oldest request first; `overdue=true` and `escalated=true` find those needing attention.",
  })
  @ApiQuery({ name: 'state', required: false, description: 'Comma-separated states.' })
  @ApiQuery({ name: 'area', required: false })
  @ApiQuery({ name: 'nominalId', required: false })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'escalated', required: false, enum: ['true', 'false'] })
  @ApiQuery({
    name: 'after',
    required: false,
    description: 'The last transfer id of the previous page.',
  })
  @ApiQuery({ name: 'limit', required: false })
  async list(@Query() query: unknown, @CallAccess() access: AccessContext) {
    const filters = parseRequest(listQuery, query, 'transfer query');
    access.query = { ...filters };
    const found = await this.transfers.list(access.caller, { ...filters, states: filters.state });
    access.nominalIds.push(...found.map((transfer) => transfer.nominalId));
    const now = this.clock();
    return {
      transfers: found.map((transfer) => transferView(transfer, now)),
      next: found.length === filters.limit ? found[found.length - 1]._id : null,
    };
  }

  @Get(':id')
  @Access('transfers.read')
  @ApiOperation({
    summary: 'Read a transfer',
    description: 'With its history, deadlines, victim liaison notifications and next steps.',
  })
  @ApiOkResponse({ description: 'The transfer.' })
  @ApiNotFoundResponse({ description: 'No such transfer.' })
  async read(@Param('id') id: string, @CallAccess() access: AccessContext): Promise<TransferView> {
    const transfer = await this.transfers.read(access.caller, id);
    access.nominalIds.push(transfer.nominalId);
    return transferView(transfer, this.clock());
  }

  @commandRoute(
    'acknowledge',
    'Acknowledge a request (receiving area)',
    'REQUESTED → ACKNOWLEDGED.',
  )
  acknowledge(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'acknowledge', body, req, access);
  }

  @commandRoute(
    'start-consultation',
    'Start consulting (receiving area)',
    'ACKNOWLEDGED → CONSULTATION: the receiving police and lead agency, and for level 2 and 3 a MAPPA meeting.',
  )
  startConsultation(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'start-consultation', body, req, access);
  }

  @commandRoute(
    'record-consultation',
    'Record a consultation (receiving area)',
    '`with`: RECEIVING_POLICE, RECEIVING_LEAD_AGENCY or MAPPA_MEETING (with `heldOn`); `outcome`.',
  )
  recordConsultation(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'record-consultation', body, req, access);
  }

  @commandRoute(
    'accept',
    'Accept (receiving area)',
    'CONSULTATION or DISPUTED → ACCEPTED, naming the receiving lead agency, organisation and record manager; from CONSULTATION only once every consultation is recorded.',
  )
  accept(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'accept', body, req, access);
  }

  @commandRoute(
    'dispute',
    'Dispute (receiving area)',
    "ACKNOWLEDGED or CONSULTATION → DISPUTED, with a public-protection reason and the risk assessment it rests on; escalated at once to both areas' MAPPA co-ordinators. It does not stop the move.",
  )
  dispute(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'dispute', body, req, access);
  }

  @commandRoute(
    'begin-co-management',
    'The person has moved: interim co-management',
    "ACCEPTED or DISPUTED → INTERIM_CO_MANAGEMENT (either area's co-ordinators): both areas see the full record.",
  )
  beginCoManagement(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'begin-co-management', body, req, access);
  }

  @commandRoute(
    'complete',
    'Complete (receiving area, permanent)',
    "INTERIM_CO_MANAGEMENT → COMPLETED: the registry's record changes managing area, lead agency and record manager from `effectiveOn`.",
  )
  complete(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'complete', body, req, access);
  }

  @commandRoute(
    'return',
    'The person is back (sending area, temporary)',
    'INTERIM_CO_MANAGEMENT → RETURNED.',
  )
  returned(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'return', body, req, access);
  }

  @commandRoute(
    'cancel',
    "Cancel (either area's co-ordinators)",
    'Any open state → CANCELLED, with the reason in `note`.',
  )
  cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'cancel', body, req, access);
  }

  @commandRoute(
    'withdraw',
    'Withdraw (sending area)',
    'Any state before co-management → WITHDRAWN, with the reason in `note`.',
  )
  withdraw(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
    @CallAccess() access: AccessContext,
  ) {
    return this.step(id, 'withdraw', body, req, access);
  }

  @Post(':id/victim-liaison/:notificationId/acknowledge')
  @Access('transfers.victim-liaison.acknowledge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Acknowledge a victim liaison notification',
    description: 'By one of the organisations whose victim liaison unit was told; once.',
  })
  @ApiConflictResponse({ description: 'Already acknowledged.' })
  async acknowledgeVictimLiaison(
    @Param('id') id: string,
    @Param('notificationId') notificationId: string,
    @Req() request: IncomingMessage,
    @CallAccess() access: AccessContext,
  ): Promise<TransferView> {
    access.query = { transferId: id, notificationId };
    const transfer = await this.transfers.acknowledgeVictimLiaison(
      access.caller,
      id,
      notificationId,
      requestTrace(request).correlationId,
    );
    access.nominalIds.push(transfer.nominalId);
    return transferView(transfer, this.clock());
  }
}
