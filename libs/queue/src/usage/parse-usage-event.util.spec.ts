import type { UsageEvent } from '@switchyard/contracts';
import { usageEventFixture } from '@switchyard/testing';
import { MalformedUsageEventError } from './malformed-usage-event.error';
import { parseUsageEvent } from './parse-usage-event.util';

const VALID_EVENT = usageEventFixture({
  requestId: 'req_01',
  taskType: 'summarize',
  kind: 'chat',
  usage: { promptTokens: 120, completionTokens: 30, cachedReadTokens: 0, cacheCreationTokens: 0 },
  costMicro: '120000',
  latencyMs: 85,
  occurredAt: '2025-01-02T03:04:05.678Z',
});
function validEvent(): UsageEvent {
  return structuredClone(VALID_EVENT);
}

function withField(field: string, value: unknown): unknown {
  return { ...validEvent(), [field]: value };
}

describe(parseUsageEvent.name, () => {
  it('returns a well-formed event unchanged', () => {
    expect(parseUsageEvent(validEvent())).toEqual(validEvent());
  });

  it('accepts a client request id and a null task type', () => {
    const event = { ...validEvent(), clientRequestId: 'client-7', taskType: null };
    expect(parseUsageEvent(event)).toEqual(event);
  });

  it('reads an event without a kind (from a producer older than embeddings) as chat, and keeps embedding', () => {
    const { kind: _kind, ...older } = validEvent();
    expect(parseUsageEvent(older)).toEqual(validEvent());
    expect(parseUsageEvent(withField('kind', 'embedding'))).toEqual({ ...validEvent(), kind: 'embedding' });
    expect(() => parseUsageEvent(withField('kind', 'image'))).toThrow(expect.objectContaining({ field: 'kind' }));
  });

  it('drops fields it does not know', () => {
    expect(parseUsageEvent({ ...validEvent(), extra: 'x' })).toEqual(validEvent());
  });

  it('keeps a well-formed traceparent and drops a malformed one without refusing the event', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(parseUsageEvent({ ...validEvent(), traceparent })).toEqual({ ...validEvent(), traceparent });
    expect(parseUsageEvent({ ...validEvent(), traceparent: 'not-a-traceparent' })).toEqual(validEvent());
    expect(parseUsageEvent({ ...validEvent(), traceparent: 42 })).toEqual(validEvent());
  });

  it('accepts the largest cost a BigInt column can hold', () => {
    expect(parseUsageEvent(withField('costMicro', '9223372036854775807')).costMicro).toBe('9223372036854775807');
  });

  it.each([
    ['event', null],
    ['event', 'a string'],
    ['event', []],
  ])('rejects a payload that is not an object (%s = %p)', (field, payload) => {
    expect(() => parseUsageEvent(payload)).toThrow(expect.objectContaining({ field }));
  });

  it.each<[string, unknown]>([
    ['v', 2],
    ['v', undefined],
    ['requestId', ''],
    ['requestId', 42],
    ['requestId', 'x'.repeat(201)],
    ['clientRequestId', undefined],
    ['teamId', 'not-a-uuid'],
    ['apiKeyId', undefined],
    ['model', null],
    ['provider', ''],
    ['upstreamModel', 7],
    ['tier', 'platinum'],
    ['taskType', 'dancing'],
    ['taskType', undefined],
    ['usage', null],
    ['costMicro', '-1'],
    ['costMicro', '1.5'],
    ['costMicro', '007'],
    ['costMicro', 100],
    ['costMicro', '9223372036854775808'],
    ['latencyMs', -1],
    ['latencyMs', 1.5],
    ['status', 'failed'],
    ['occurredAt', 'yesterday'],
    ['occurredAt', '2025-13-45T00:00:00Z'],
  ])('rejects %s = %p', (field, value) => {
    expect(() => parseUsageEvent(withField(field, value))).toThrow(MalformedUsageEventError);
    expect(() => parseUsageEvent(withField(field, value))).toThrow(expect.objectContaining({ field }));
  });

  it.each(['promptTokens', 'completionTokens', 'cachedReadTokens', 'cacheCreationTokens'])(
    'rejects a negative or missing usage.%s',
    (field) => {
      for (const value of [-1, undefined, '3', 2 ** 31]) {
        const event = { ...validEvent(), usage: { ...validEvent().usage, [field]: value } };
        expect(() => parseUsageEvent(event)).toThrow(expect.objectContaining({ field: `usage.${field}` }));
      }
    },
  );
});
