import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { AgencySymbols } from '@hub/contracts';
import { Access, areaKey, organisationDirectory, type Organisation } from '@hub/security';
import { parseRequest } from '@hub/observability';
import { OrganisationDirectoryDto, OrganisationDto } from './organisation-api.dto';

const listQuery = z.strictObject({
  agencyType: z.enum(AgencySymbols).optional(),
  area: z.string().trim().min(1).max(100).optional(),
});

/** The organisation directory as members see it: who is who, the areas they serve, whom to contact. */
@ApiTags('organisations')
@Controller('v1/organisations')
@Access('organisations.read')
export class OrganisationsController {
  private readonly directory = organisationDirectory();

  @Get()
  @ApiOperation({
    summary: 'The member organisations of the hub',
    description:
      "From the directory file in the hub's repository (its version is given): each organisation's agency type, jurisdiction, MAPPA areas, contact and systems.",
  })
  @ApiQuery({ name: 'agencyType', required: false, enum: [...AgencySymbols] })
  @ApiQuery({
    name: 'area',
    required: false,
    description: 'A MAPPA area the organisation serves, any case',
  })
  @ApiOkResponse({ type: OrganisationDirectoryDto })
  list(@Query() query: unknown): { version: string; organisations: Organisation[] } {
    const { agencyType, area } = parseRequest(listQuery, query, 'query');
    const organisations = this.directory.organisations.filter(
      (organisation) =>
        (agencyType === undefined || organisation.agencyType === agencyType) &&
        (area === undefined ||
          organisation.mappaAreas.some((served) => areaKey(served) === areaKey(area))),
    );
    return { version: this.directory.version, organisations };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One member organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiNotFoundResponse({ description: 'No organisation has this id' })
  get(@Param('id') id: string): Organisation {
    const organisation = this.directory.organisation(id);
    if (!organisation)
      throw new NotFoundException(`no organisation with id ${id} in the directory`);
    return organisation;
  }
}
