import { ApiProperty } from '@nestjs/swagger';
import { AgencySymbols, JurisdictionSymbols, type Agency, type Jurisdiction } from '@hub/contracts';

/** `Organisation` of libs/security's directory, described for API consumers. */
export class OrganisationContactDto {
  @ApiProperty({ type: String })
  team!: string;
  @ApiProperty({ type: String, format: 'email' })
  email!: string;
}

export class OrganisationSystemDto {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its Kafka user (SCRAM)' })
  kafkaPrincipal!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Its OAuth client (client credentials)',
  })
  oauthClientId!: string | null;
}

export class OrganisationDto {
  @ApiProperty({ type: String, example: 'police-greater-manchester' })
  id!: string;
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ enum: [...AgencySymbols] })
  agencyType!: Agency;
  @ApiProperty({ enum: [...JurisdictionSymbols] })
  jurisdiction!: Jurisdiction;
  @ApiProperty({
    type: [String],
    description: 'MAPPA (PPANI) areas served; empty for national bodies',
  })
  mappaAreas!: string[];
  @ApiProperty({ type: OrganisationContactDto })
  contact!: OrganisationContactDto;
  @ApiProperty({ type: [OrganisationSystemDto] })
  systems!: OrganisationSystemDto[];
}

export class OrganisationDirectoryDto {
  @ApiProperty({ type: String, description: 'The directory version, raised on every change' })
  version!: string;
  @ApiProperty({ type: [OrganisationDto] })
  organisations!: OrganisationDto[];
}
