import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connectMongo } from '@hub/persistence';
import { AnnualReportFigures } from '../../apps/insights/src/figures/annual-report-figures';
import { FigureCache } from '../../apps/insights/src/figures/figure-cache';
import { isJurisdiction } from '../../apps/insights/src/figures/jurisdiction-terms';
import { insightsConfigSchema } from '../../apps/insights/src/insights.config';
import { InsightsStore } from '../../apps/insights/src/read-model/insights-store';
import { renderReportHtml, renderReportPdf, trendChartSvg } from '../../apps/insights/src/report';
import { endpointsOf } from '../local-stack/stack';

const usage = `usage: npm run report -- --jurisdiction <ENGLAND_AND_WALES|SCOTLAND|NORTHERN_IRELAND> --year <yyyy> [options]
Writes the annual report of a jurisdiction for the reporting year ending on 31 March <yyyy>, as HTML
and PDF, from the insights read model (kept by the insights service, or by npm run insights:rebuild).
options:
  --out <dir>        where to write (default: reports/)
  --chart <file>     also write the trend chart alone as SVG (the README's is docs/annual-report-trend.svg)
  --database <db>    the read model's database (default: MONGO_DATABASE or mappa_insights)
Uses MONGO_URL, else the local stack's; INSIGHTS_SUPPRESSION_THRESHOLD as the service does.`;

class ReportError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      jurisdiction: { type: 'string' },
      year: { type: 'string' },
      out: { type: 'string', default: 'reports' },
      chart: { type: 'string' },
      database: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const jurisdiction = values.jurisdiction?.toUpperCase() ?? '';
  const year = Number(values.year);
  if (!isJurisdiction(jurisdiction)) throw new ReportError(`give --jurisdiction\n${usage}`);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ReportError(
      `give --year as the year the reporting year ends in, e.g. 2026\n${usage}`,
    );
  }
  // Only what the report reads: the database and the suppression threshold.
  const config = insightsConfigSchema
    .pick({ MONGO_URL: true, MONGO_DATABASE: true, INSIGHTS_SUPPRESSION_THRESHOLD: true })
    .parse({
      ...endpointsOf(),
      ...process.env,
      ...(values.database && { MONGO_DATABASE: values.database }),
    });
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DATABASE);
  try {
    const store = new InsightsStore(mongo.db);
    const people = await store.people.countDocuments({ removedAt: { $exists: false } });
    if (people === 0) {
      throw new ReportError(
        `the read model in ${config.MONGO_DATABASE} is empty: run the hub (npm run hub) or npm run insights:rebuild first`,
      );
    }
    // One read of each jurisdiction's periods serves every count of the report and its trend.
    const figures = new AnnualReportFigures(
      store,
      config.INSIGHTS_SUPPRESSION_THRESHOLD,
      () => new Date(),
      new FigureCache(60 * 60_000),
    );
    const report = await figures.report(jurisdiction, year);
    const name = `mappa-annual-report-${jurisdiction.toLowerCase().replaceAll('_', '-')}-${year}`;
    const out = resolve(values.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, `${name}.html`), await renderReportHtml(report));
    writeFileSync(resolve(out, `${name}.pdf`), await renderReportPdf(report));
    console.log(
      `wrote ${out}/${name}.html and .pdf: ${report.tables.length} tables, year ${report.yearLabel}, from ${people.toLocaleString('en-GB')} people`,
    );
    if (values.chart) {
      mkdirSync(dirname(resolve(values.chart)), { recursive: true });
      writeFileSync(resolve(values.chart), await trendChartSvg(report));
      console.log(`wrote the trend chart to ${values.chart}`);
    }
    return 0;
  } finally {
    await mongo.client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ReportError
        ? error.message
        : `report failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
