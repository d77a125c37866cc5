import { Controller, Get, NotFoundException, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { parseRequest } from '@hub/observability';
import { Access } from '@hub/security';
import { AnnualReportFigures } from '../figures/annual-report-figures';
import { FigureCache } from '../figures/figure-cache';
import type { AnnualReport } from '../report/annual-report';
import { renderReportHtml, renderReportPdf } from '../report';
import { formatField, reportParams, tableAs } from './figure-requests';

const jurisdictionParam = ApiParam({
  name: 'jurisdiction',
  enum: ['ENGLAND_AND_WALES', 'SCOTLAND', 'NORTHERN_IRELAND'],
});
const yearParam = ApiParam({
  name: 'year',
  description: 'The year the reporting year ends in: 2026 is 1 April 2025 to 31 March 2026.',
});

const fileName = (report: AnnualReport, extension: string): string =>
  `mappa-annual-report-${report.jurisdiction.toLowerCase().replaceAll('_', '-')}-${report.year}.${extension}`;

/** The annual report of a jurisdiction: its figures, each table as CSV, the document. */
@ApiTags('annual report')
@Controller('v1/insights/annual-reports')
export class AnnualReportController {
  constructor(
    private readonly figures: AnnualReportFigures,
    private readonly cache: FigureCache,
  ) {}

  private report(params: unknown): Promise<AnnualReport> {
    const { jurisdiction, year } = parseRequest(reportParams, params, 'annual report');
    return this.cache.get(`annual-report:${jurisdiction}:${year}`, () =>
      this.figures.report(jurisdiction, year),
    );
  }

  @Get(':jurisdiction/:year')
  @Access('insights.read')
  @jurisdictionParam
  @yearParam
  @ApiOperation({
    summary: 'The annual report figures',
    description:
      "Every table of the jurisdiction's annual report for the reporting year (small counts suppressed, the suppression noted), the trend of people managed per category over five years, and the rates per 100,000 population by area.",
  })
  @ApiOkResponse({ description: 'The report (JSON).' })
  annualReport(@Param() params: unknown): Promise<AnnualReport> {
    return this.report(params);
  }

  @Get(':jurisdiction/:year/tables/:table')
  @Access('insights.read')
  @jurisdictionParam
  @yearParam
  @ApiParam({ name: 'table', description: 'A table id, e.g. people-managed-by-category.' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOperation({ summary: 'One table of the annual report, as JSON or CSV' })
  @ApiNotFoundResponse({ description: 'The report has no such table.' })
  async table(
    @Param() params: { jurisdiction: string; year: string; table: string },
    @Query() query: unknown,
  ) {
    const { format } = parseRequest(z.object(formatField), query, 'table query');
    const report = await this.report({ jurisdiction: params.jurisdiction, year: params.year });
    const table = report.tables.find((candidate) => candidate.id === params.table);
    if (!table) {
      throw new NotFoundException(
        `the report has no table "${params.table}"; its tables are ${report.tables.map((t) => t.id).join(', ')}`,
      );
    }
    return tableAs(table, format);
  }

  @Get(':jurisdiction/:year/document.html')
  @Access('insights.read')
  @jurisdictionParam
  @yearParam
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The annual report document (HTML, charts as SVG)' })
  async html(@Param() params: unknown): Promise<StreamableFile> {
    const report = await this.report(params);
    return new StreamableFile(Buffer.from(await renderReportHtml(report), 'utf8'), {
      type: 'text/html; charset=utf-8',
      disposition: `inline; filename="${fileName(report, 'html')}"`,
    });
  }

  @Get(':jurisdiction/:year/document.pdf')
  @Access('insights.read')
  @jurisdictionParam
  @yearParam
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The annual report document (PDF)' })
  async pdf(@Param() params: unknown): Promise<StreamableFile> {
    const report = await this.report(params);
    return new StreamableFile(await renderReportPdf(report), {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName(report, 'pdf')}"`,
    });
  }
}
