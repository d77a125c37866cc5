import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves the registry's OpenAPI document at /docs-json and Swagger UI at /docs, generated from the
 * controllers' decorators so that the document cannot drift from the routes.
 */
export function setUpRegistryApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('MAPPA Exchange Hub — registry API')
    .setDescription(
      'The canonical record of every person managed under MAPPA, built from the events partner ' +
        'agencies publish: search nominals by name (tolerant of spelling and order), date of birth, ' +
        'identifier, area, category, level and status; read one record; follow its timeline of ' +
        'events, including those of records merged into it. Synthetic data only outside production.',
    )
    .setVersion('1')
    .addTag('nominals', 'Search, records and timelines')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
