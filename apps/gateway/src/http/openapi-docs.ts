import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { CreateChatCompletionDto } from '@switchyard/contracts';
import { dtoSchemas } from '@switchyard/observability';

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
 * The /v1 API as OpenAPI 3, served at /docs (UI) and /docs-json. Routes come from the controllers;
 * request bodies from the class-validator DTOs that validate them (dtoSchemas).
 */
export function setupOpenApiDocs(app: INestApplication): OpenAPIObject {
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
    schemas: { ...document.components?.schemas, ...dtoSchemas([CreateChatCompletionDto]), OpenAiError: ERROR_SCHEMA },
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
  // The chat route is the ingress's (ingress/data-plane.ingress.ts), not a controller's: described here.
  document.paths['/v1/chat/completions'] = {
    post: {
      summary: 'Create a chat completion (JSON, or SSE with stream: true)',
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateChatCompletionDto' } } },
      },
      responses: {
        '200': { description: 'A chat.completion object, or an SSE stream of chat.completion.chunk events' },
        ...Object.fromEntries(
          ['400', '401', '402', '403', '404', '413', '415', '429', '502', '503', '504'].map((s) => [s, errors]),
        ),
      },
    },
  };
  SwaggerModule.setup('docs', app, document);
  return document;
}
