import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { asyncApiDocument, type AsyncApiDocument } from '@hub/contracts';
import { PublicRoute } from '@hub/security';

/** Serves the AsyncAPI description of the hub's topics, as `docs/asyncapi.json` holds it. */
@ApiTags('contracts')
/** The topics' contract: documentation, no one's data, so open like the API documentation. */
@PublicRoute()
@Controller()
export class AsyncApiController {
  /** Computed once: the catalogue and the schemas do not change while the service runs. */
  private readonly document: AsyncApiDocument = asyncApiDocument();

  @Get('asyncapi.json')
  @ApiOperation({
    summary:
      'The AsyncAPI 3.0 document of every topic of the hub (channels, Avro schemas, publishers and readers), derived from the topic catalogue',
  })
  @ApiOkResponse({ description: 'The AsyncAPI 3.0.0 document, as JSON.' })
  asyncApi(): AsyncApiDocument {
    return this.document;
  }
}
