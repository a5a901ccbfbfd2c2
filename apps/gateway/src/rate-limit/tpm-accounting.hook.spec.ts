import type { PipelineContext } from '../pipeline/pipeline-context';
import type { RateLimitService } from './rate-limit.service';
import { TpmAccountingHook } from './tpm-accounting.hook';

const key = { keyId: 'key-1', teamId: 'team-1' };
const usage = { promptTokens: 10, completionTokens: 42, cachedReadTokens: 0, cacheCreationTokens: 0 };

function hookWithLimits() {
  const addCompletionTokens = jest.fn();
  const hook = new TpmAccountingHook({ addCompletionTokens } as unknown as RateLimitService);
  return { hook, addCompletionTokens };
}

describe(TpmAccountingHook.name, () => {
  it('adds a billed request’s completion tokens to its key’s windows once its usage is recorded', () => {
    const { hook, addCompletionTokens } = hookWithLimits();
    const ctx = { key, usage, costMicro: 7n } as unknown as PipelineContext;
    hook.after('encode-answer', ctx);
    expect(addCompletionTokens).not.toHaveBeenCalled();
    hook.after('record-usage', ctx);
    expect(addCompletionTokens).toHaveBeenCalledWith(key, 42);
  });

  it('adds nothing for a streamed request whose billing failed (its usage was never recorded)', () => {
    const { hook, addCompletionTokens } = hookWithLimits();
    hook.after('record-usage', { key, usage, costMicro: null } as unknown as PipelineContext);
    expect(addCompletionTokens).not.toHaveBeenCalled();
  });
});
