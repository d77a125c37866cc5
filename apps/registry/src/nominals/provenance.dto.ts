import { ApiProperty } from '@nestjs/swagger';
import { AgencySymbols, type Agency } from '@hub/contracts';

export const agencies = [...AgencySymbols];

/** Who recorded an item of the record, and when (`Provenance` in nominal.documents.ts). */
export class ProvenanceDto {
  @ApiProperty({ type: String, description: 'The event that recorded the item' })
  eventId!: string;
  @ApiProperty({ enum: agencies })
  recordedBy!: Agency;
  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: string;
}
