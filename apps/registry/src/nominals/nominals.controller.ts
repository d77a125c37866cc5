import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { NominalStore } from './nominal-store';
import type { HistoryDocument, NominalDocument } from './nominal.documents';

function withoutNominalId<T extends { nominalId: string }>(entry: T): Omit<T, 'nominalId'> {
  const copy: Partial<T> = { ...entry };
  delete copy.nominalId;
  return copy as Omit<T, 'nominalId'>;
}

function recordView(nominal: NominalDocument, history: HistoryDocument[]) {
  return {
    id: nominal._id,
    version: nominal.version,
    createdAt: nominal.createdAt,
    updatedAt: nominal.updatedAt,
    intelligence: nominal.intelligence,
    history: history.map(({ _id, ...entry }) => ({ eventId: _id, ...withoutNominalId(entry) })),
  };
}

@Controller('v1/nominals')
export class NominalsController {
  constructor(private readonly store: NominalStore) {}

  /** The canonical record of one nominal with the history of events it was built from. */
  @Get(':id')
  async get(@Param('id') id: string) {
    const nominal = await this.store.findNominal(id);
    if (!nominal) throw new NotFoundException(`no nominal with id ${id}`);
    return recordView(nominal, await this.store.historyOf(id));
  }
}
