import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { dtoSchemas } from '@switchyard/observability';
import type { DataPlaneRoute } from '../pipeline/route-table';

const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        type: { type: 'string' },
        param: { type: 'string', nullable: true },
        code: { type: 'string' },
      },
    },
    message: { type: 'string' },
  },
};

/**
 * The /v1 API as OpenAPI 3, served at /docs (UI) and /docs-json. Control routes come from the
 * controllers, data-plane routes from their doors (the ingress serves them, not a controller);
 * request bodies from the class-validator DTOs that validate them (dtoSchemas).
 */
export function setupOpenApiDocs(app: INestApplication, routes: readonly DataPlaneRoute[]): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Switchyard gateway')
    .setDescription(
      "OpenAI-compatible chat completions with prepaid credits. Errors use OpenAI's shape (see OpenAiError).",
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: sy_live_…' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const path of Object.keys(document.paths)) if (!path.startsWith('/v1')) delete document.paths[path];
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...dtoSchemas(routes.map((route) => route.door.docs.requestBody)),
      OpenAiError: ERROR_SCHEMA,
    },
  } as OpenAPIObject['components'];
  const errors = {
    description: 'OpenAI error shape',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/OpenAiError' } } },
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.delete, item.patch]) {
      if (!operation) continue;
      operation.security = [{ bearer: [] }];
      operation.responses = { ...operation.responses, '400': errors, '401': errors, '429': errors };
    }
  }
  for (const { path, door } of routes) {
    const { summary, requestBody, okDescription, errorStatuses } = door.docs;
    document.paths[path] = {
      post: {
        summary,
        security: [{ bearer: [] }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${requestBody.name}` } } },
        },
        responses: {
          '200': { description: okDescription },
          ...Object.fromEntries(errorStatuses.map((status) => [status, errors])),
        },
      },
    };
  }
  SwaggerModule.setup('docs', app, document);
  return document;
}
