import {
  BadRequestException,
  ForbiddenException,
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { Access, CallAccess, type AccessContext } from '@hub/security';
import type { Kafka } from 'kafkajs';
import { consumerGroupCatalogue } from '@hub/contracts';
import {
  inspectDeadLetter,
  readDeadLetters,
  replayDeadLetters,
  type DeadLetter,
  type DeadLetterFilter,
  type HubSchemaRegistry,
  KAFKA,
  SCHEMA_REGISTRY,
} from '@hub/messaging';

const deadLetterTopic = consumerGroupCatalogue.registry.deadLetterTopic;

interface FilterInput {
  sourceTopic?: string;
  consumerGroup?: string;
  errorClass?: string;
  since?: string;
  until?: string;
  limit?: string | number;
}

function dateOf(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new BadRequestException({
      message: 'invalid filter',
      violations: [{ field, problem: 'must be an ISO-8601 date-time' }],
    });
  }
  return date;
}

function filterOf(input: FilterInput): { filter: DeadLetterFilter; limit: number } {
  const limit = input.limit === undefined ? 100 : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new BadRequestException({
      message: 'invalid filter',
      violations: [{ field: 'limit', problem: 'must be an integer from 1 to 10000' }],
    });
  }
  return {
    limit,
    filter: {
      sourceTopic: input.sourceTopic,
      consumerGroup: input.consumerGroup,
      errorClass: input.errorClass,
      since: dateOf(input.since, 'since'),
      until: dateOf(input.until, 'until'),
    },
  };
}

/** A dead letter without its raw bytes and headers (`inspect` shows those). */
function describeDeadLetter(letter: DeadLetter): Omit<DeadLetter, 'value' | 'headers'> {
  const described: Partial<DeadLetter> = { ...letter };
  delete described.value;
  delete described.headers;
  return described as Omit<DeadLetter, 'value' | 'headers'>;
}

/** The people dead letters are about (their Kafka keys), so that "who saw NOM-X" finds these reads too. */
function keysOf(letters: DeadLetter[]): string[] {
  return letters.flatMap((letter) => (letter.key ? [letter.key] : []));
}

/** The registry's dead letters, for operators and the console: list, inspect, replay. */
@Controller('v1/dead-letters')
@Access('dead-letters.read')
export class DeadLettersController {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SCHEMA_REGISTRY) private readonly schemas: HubSchemaRegistry,
  ) {}

  /** Dead letters matching the filter (source topic, consumer group, error class, time range), oldest first. */
  @Get()
  async list(@Query() query: FilterInput, @CallAccess() access: AccessContext) {
    const { filter, limit } = filterOf(query);
    const letters = await readDeadLetters(this.kafka, deadLetterTopic, filter, limit);
    access.nominalIds = keysOf(letters);
    return letters.map(describeDeadLetter);
  }

  /** One dead letter with its value decoded where possible. */
  @Get(':partition/:offset')
  async inspect(
    @Param('partition') partition: string,
    @Param('offset') offset: string,
    @CallAccess() access: AccessContext,
  ) {
    const id = `${deadLetterTopic}/${partition}/${offset}`;
    const letters = await readDeadLetters(this.kafka, deadLetterTopic, {}, Number.MAX_SAFE_INTEGER);
    const letter = letters.find((candidate) => candidate.id === id);
    if (!letter) throw new NotFoundException(`no dead letter ${id}`);
    access.nominalIds = keysOf([letter]);
    return inspectDeadLetter(this.schemas, letter);
  }

  /** Sends the matching dead letters back to their topics; `dryRun: true` only reports what would be sent. */
  @Post('replay')
  @Access('dead-letters.replay')
  async replay(@Body() given: unknown, @CallAccess() access: AccessContext) {
    // Express 5 leaves an absent body undefined. A replay sends events again: it is never implied.
    if (given === null || typeof given !== 'object' || Array.isArray(given)) {
      throw new BadRequestException(
        'the body must be a JSON object: the filter of the dead letters to replay ({} for all), and dryRun',
      );
    }
    const body = given as FilterInput & { dryRun?: boolean };
    if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') {
      throw new BadRequestException({
        message: 'invalid request',
        violations: [{ field: 'dryRun', problem: 'must be true or false' }],
      });
    }
    const { filter, limit } = filterOf(body);
    const letters = await readDeadLetters(this.kafka, deadLetterTopic, filter, limit);
    access.nominalIds = keysOf(letters);
    access.query = { ...body };
    try {
      return await replayDeadLetters(this.kafka, letters, { dryRun: body.dryRun ?? false });
    } catch (error) {
      // The registry's Kafka user may not write agencies' topics (it could forge their facts).
      if ((error as { type?: string }).type === 'TOPIC_AUTHORIZATION_FAILED') {
        throw new ForbiddenException(
          "the registry may not publish on agencies' topics; replay these dead letters as an operator " +
            'with `npm run dead-letters -- replay` (the provisioning user), after a dry run here',
        );
      }
      throw error;
    }
  }
}
