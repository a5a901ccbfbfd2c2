import { type AdminStack, startAdminStack } from './support/admin-stack';

// Real: billing as a process with its docs on; the document is read as a client generator would.
let stack: AdminStack;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;

beforeAll(async () => {
  stack = await startAdminStack({ DOCS_ENABLED: 'true' });
  doc = await (await fetch(`${stack.url}/docs-json`)).json();
});

afterAll(async () => {
  await stack?.stop();
});

/**
 * Every write of the admin API: the fields its body requires, or null for one that takes no body.
 * A new POST/PATCH route fails the first test until it is listed here.
 */
const WRITES: Record<string, string[] | null> = {
  'POST /admin/v1/session': ['token'],
  'POST /admin/v1/teams': ['name'],
  'PATCH /admin/v1/teams/{teamId}': [],
  'POST /admin/v1/teams/{teamId}/disable': null,
  'POST /admin/v1/teams/{teamId}/enable': null,
  'POST /admin/v1/teams/{teamId}/keys': ['name'],
  'PATCH /admin/v1/teams/{teamId}/keys/{keyId}': [],
  'POST /admin/v1/teams/{teamId}/keys/{keyId}/revoke': null,
  'POST /admin/v1/teams/{teamId}/keys/{keyId}/rotate': null,
  'POST /admin/v1/teams/{teamId}/credits/grants': ['amountMicro'],
  'POST /admin/v1/teams/{teamId}/credits/adjustments': ['amountMicro', 'memo'],
  'POST /admin/v1/teams/{teamId}/credits/refunds': ['requestId'],
  'POST /admin/v1/billing/failed-events/{jobId}/replay': null,
  'POST /admin/v1/admin-tokens': ['name', 'scope'],
  'POST /admin/v1/admin-tokens/{tokenId}/revoke': null,
};

function writes(): [string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }][] {
  return Object.entries(doc.paths as Record<string, Record<string, object>>).flatMap(([path, item]) =>
    (['post', 'patch', 'put'] as const)
      .filter((method) => item[method])
      .map((method) => [`${method.toUpperCase()} ${path}`, item[method]] as [string, never]),
  );
}

const schemaOf = (ref: string) => doc.components.schemas[ref.replace('#/components/schemas/', '')];

describe('the admin API’s OpenAPI document', () => {
  it('gives every write with a body a JSON schema with its fields and the ones it requires', () => {
    expect(
      writes()
        .map(([name]) => name)
        .sort(),
    ).toEqual(Object.keys(WRITES).sort());
    for (const [name, operation] of writes()) {
      const ref = operation.requestBody?.content['application/json']?.schema.$ref;
      if (WRITES[name] === null) {
        expect({ name, body: operation.requestBody }).toEqual({ name, body: undefined });
        continue;
      }
      const schema = schemaOf(ref as string);
      expect({ name, type: schema.type, hasFields: Object.keys(schema.properties ?? {}).length > 0 }).toEqual({
        name,
        type: 'object',
        hasFields: true,
      });
      expect({ name, required: [...(schema.required ?? [])].sort() }).toEqual({ name, required: WRITES[name] });
    }
  });

  it('carries the validation rules: patterns, bounds, enums and nullable settings', () => {
    const grant = schemaOf('GrantDto');
    expect(grant.properties.amountMicro).toEqual({ type: 'string', pattern: '^\\d{1,19}$' });
    const key = schemaOf('UpdateApiKeyDto');
    expect(key.properties.rpmLimit).toMatchObject({ type: 'integer', minimum: 1, nullable: true });
    expect(key.properties.allowedTiers).toMatchObject({
      type: 'array',
      nullable: true,
      items: { enum: ['core', 'pro', 'ultra'] },
    });
    expect(schemaOf('CreateAdminTokenDto').properties.scope).toEqual({ type: 'string', enum: ['read', 'write'] });
  });

  it('documents the usage groupings the console charts', () => {
    const params = doc.paths['/admin/v1/teams/{teamId}/usage'].get.parameters as { name: string; schema: object }[];
    expect(params.find((p) => p.name === 'groupBy')?.schema).toEqual({
      type: 'string',
      enum: ['day', 'model', 'key', 'task_type', 'tier', 'day_model', 'day_tier'],
    });
    expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['top', 'from', 'to']));
  });
});
