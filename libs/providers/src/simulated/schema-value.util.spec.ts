import { randomFromDigest } from './deterministic-random.util';
import { valueForSchema } from './schema-value.util';
import { schemaViolations } from './schema-violations.test-util';

type Schema = Record<string, unknown>;

const SCHEMAS: Array<[string, Schema]> = [
  [
    'a weather tool',
    {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
      additionalProperties: false,
    },
  ],
  [
    'bounded numbers and strings',
    {
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 5, maximum: 6 },
        ratio: { type: 'number', exclusiveMinimum: 0, maximum: 0.5 },
        code: { type: 'string', minLength: 30, maxLength: 40 },
        short: { type: 'string', maxLength: 3 },
      },
      required: ['count', 'ratio', 'code', 'short'],
    },
  ],
  [
    'nested arrays, nullable types, anyOf, const and $ref',
    {
      type: 'object',
      properties: {
        items: { type: 'array', minItems: 2, maxItems: 4, items: { $ref: '#/$defs/item' } },
        note: { type: ['string', 'null'] },
        mode: { const: 'fast' },
        either: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1, maximum: 3 }] },
      },
      required: ['items', 'note', 'mode', 'either'],
      $defs: {
        item: {
          type: 'object',
          properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
          required: ['sku', 'qty'],
        },
      },
    },
  ],
  ['required names without property schemas', { type: 'object', required: ['query', 'when'] }],
  [
    'allOf',
    {
      allOf: [
        { type: 'object', properties: { a: { type: 'boolean' } }, required: ['a'] },
        { properties: { b: { type: 'number' } }, required: ['b'] },
      ],
    },
  ],
];

describe(valueForSchema.name, () => {
  it.each(SCHEMAS)('produces a value that satisfies %s, for many seeds', (_name, schema) => {
    for (let seed = 0; seed < 50; seed++) {
      const random = randomFromDigest(seed.toString(16).padStart(32, '0'));
      expect(schemaViolations(valueForSchema(schema, random, 'the topic'), schema)).toEqual([]);
    }
  });

  it('fills free-text and well-known fields with plausible values', () => {
    const schema = {
      type: 'object',
      properties: {
        query: { type: 'string' },
        email: { type: 'string' },
        start_date: { type: 'string' },
        city: { type: 'string' },
      },
      required: ['query', 'email', 'start_date', 'city'],
    };
    const value = valueForSchema(schema, randomFromDigest('0'.repeat(32)), 'best ramen near me') as Record<
      string,
      string
    >;
    expect(value).toMatchObject({ query: 'best ramen near me', email: 'user@example.com', start_date: '2025-01-15' });
    expect(value['city']).toMatch(/^[A-Z]/);
  });

  it('survives a self-referencing schema', () => {
    const schema = {
      $ref: '#/$defs/node',
      $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } }, required: ['child'] } },
    };
    expect(() => valueForSchema(schema, randomFromDigest('1'.repeat(32)), '')).not.toThrow();
  });
});
