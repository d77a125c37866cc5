import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the insights service's OpenAPI document at /docs-json and Swagger UI at /docs. */
export function setUpInsightsApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('MAPPA Exchange Hub — insights API')
    .setDescription(
      'Management information and the MAPPA (PPANI) annual report figures, computed as at any day ' +
        "from the hub's event history: people managed by category and level, registered sex " +
        'offenders per 100,000 population, restrictive orders, returns to custody, transfers and ' +
        'their step times, overdue reviews and recording standards. Published tables suppress small ' +
        'counts (and the cells that would reveal them); every table carries the query that produced ' +
        'it, and is downloadable as CSV. MI analysts see aggregates only; the records behind a ' +
        'figure are listed by need-to-know, and every call is audited.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addTag('management information', 'Figures over time, per area')
    .addTag('annual report', 'The annual report per jurisdiction and year')
    .addTag('records behind figures', 'Drill-down to records, by need-to-know')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
