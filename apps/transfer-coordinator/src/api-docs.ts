import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the transfer coordinator's OpenAPI document at /docs-json and Swagger UI at /docs. */
export function setUpTransferApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('MAPPA Exchange Hub — transfer coordinator API')
    .setDescription(
      "Transfers of a person's management between MAPPA and PPANI areas, within a jurisdiction and " +
        'across UK borders: request, acknowledge, consult, accept or dispute, co-manage, complete or ' +
        'return; deadlines per pair of jurisdictions, escalation of overdue steps, victim liaison ' +
        'notifications, and a live view for co-ordinators. Synthetic data only outside production.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addTag('transfers', 'The transfer workflow')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
