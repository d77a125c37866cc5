import { BadRequestException, StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import type { Jurisdiction } from '@hub/contracts';
import { organisationDirectory } from '@hub/security';
import type { FigureTable } from '../figures/figure-table';
import type { Scope } from '../figures/management-information';
import { tableCsv } from '../report';

/** A day of the calendar: zod runs the refinement even after the pattern fails, so it checks both. */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

const calendarDay = z.string().refine(isCalendarDay, 'must be a day of the calendar, YYYY-MM-DD');

const jurisdiction = z.enum(['ENGLAND_AND_WALES', 'SCOTLAND', 'NORTHERN_IRELAND']);

/** `jurisdiction`, or `area` (whose jurisdiction the directory knows); one is needed. */
const scopeFields = {
  jurisdiction: jurisdiction.optional(),
  area: z.string().min(1).max(100).optional(),
};

export const formatField = { format: z.enum(['json', 'csv']).default('json') };

export const dayQuery = z.object({ ...scopeFields, ...formatField, asAt: calendarDay.optional() });

export const periodQuery = z.object({
  ...scopeFields,
  ...formatField,
  from: calendarDay.optional(),
  to: calendarDay.optional(),
  interval: z.enum(['month', 'quarter', 'year']).default('month'),
});

export const checksQuery = z.object({ ...scopeFields, ...formatField });

export const recordsQuery = z.object({
  area: z.string().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const reportParams = z.object({
  jurisdiction,
  year: z.coerce.number().int().min(2000).max(2100),
});

/** The scope a query names: an area's jurisdiction comes from the directory. */
export function scopeOf(query: { jurisdiction?: Jurisdiction; area?: string }): Scope {
  if (query.area) {
    const areaJurisdiction = organisationDirectory().jurisdictionOfArea(query.area);
    if (!areaJurisdiction) {
      throw new BadRequestException(`"${query.area}" is not a MAPPA area of the directory`);
    }
    if (query.jurisdiction && query.jurisdiction !== areaJurisdiction) {
      throw new BadRequestException(
        `${query.area} is in ${areaJurisdiction}, not ${query.jurisdiction}`,
      );
    }
    const canonical = organisationDirectory().data.mappaAreas.find(
      (known) => known.name.toLowerCase() === query.area!.toLowerCase(),
    )?.name;
    return { jurisdiction: areaJurisdiction, area: canonical ?? query.area };
  }
  if (!query.jurisdiction) throw new BadRequestException('give a jurisdiction or an area');
  return { jurisdiction: query.jurisdiction };
}

export function today(clock: () => Date): string {
  return clock().toISOString().slice(0, 10);
}

/** The last twelve months to `to` unless the query says otherwise. */
export function periodOf(
  query: { from?: string; to?: string },
  clock: () => Date,
): { from: string; to: string } {
  const to = query.to ?? today(clock);
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  if (from > to) throw new BadRequestException(`from (${from}) is after to (${to})`);
  return { from, to };
}

/** A table as asked: JSON, or its CSV as a download named after it. */
export function tableAs(table: FigureTable, format: 'json' | 'csv'): FigureTable | StreamableFile {
  if (format === 'json') return table;
  return new StreamableFile(Buffer.from(tableCsv(table), 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${table.id}.csv"`,
  });
}
