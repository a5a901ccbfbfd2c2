import { Inject, Injectable } from '@nestjs/common';
import type { PipelineContext } from '../pipeline/pipeline-context';
import type { PipelineHook, StageName } from '../pipeline/pipeline-stage';
import { RateLimitService } from './rate-limit.service';

/**
 * A billed request's completion tokens count against its key's and team's TPM window, the one
 * they were produced in (admit counted the prompt's when the request came in).
 */
@Injectable()
export class TpmAccountingHook implements PipelineHook {
  readonly name = 'tpm-accounting';

  constructor(@Inject(RateLimitService) private readonly rateLimits: RateLimitService) {}

  after(stage: StageName, ctx: PipelineContext): void {
    if (stage !== 'record-usage' || ctx.costMicro == null || !ctx.usage) return;
    this.rateLimits.addCompletionTokens(ctx.key, ctx.usage.completionTokens);
  }
}
