import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

type Schemas = NonNullable<OpenAPIObject['components']>['schemas'];

/**
 * The DTOs' JSON schemas, read off their class-validator rules (types, lengths, patterns, enums,
 * required unless optional), so the document says what the pipe enforces without a second set of
 * decorators to keep in step. Nest's swagger names each body's schema after its DTO class; those
 * placeholders (empty without the CLI plugin) are replaced by the real ones here.
 */
export function withDtoSchemas(document: OpenAPIObject): OpenAPIObject {
  const fromValidators = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
  }) as Schemas;
  const schemas: Schemas = { ...document.components?.schemas };
  for (const name of Object.keys(schemas ?? {})) {
    if (fromValidators?.[name]) schemas![name] = fromValidators[name];
  }
  return { ...document, components: { ...document.components, schemas } };
}

/** The admin API (/admin/v1) as OpenAPI 3 at /docs, from its controllers and DTOs. */
export function setupAdminDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Switchyard billing: admin API')
    .setDescription(
      'Teams, API keys, credits (grant/adjust/refund with Idempotency-Key), ledger and usage. Authenticate with an admin token, or a console session (POST /admin/v1/session; writes then need x-csrf-token).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An admin token: syadm_…' })
    .build();
  const document = withDtoSchemas(SwaggerModule.createDocument(app, config));
  for (const path of Object.keys(document.paths)) if (!path.startsWith('/admin')) delete document.paths[path];
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete])
      if (operation) operation.security = [{ bearer: [] }];
  }
  SwaggerModule.setup('docs', app, document);
}
