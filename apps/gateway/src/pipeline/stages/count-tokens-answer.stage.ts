import { Injectable } from '@nestjs/common';
import { sendJson } from '../../http/json-response';
import type { PipelineContext } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/** count_tokens' answer: the counted prompt, with no upstream call to time or route headers to set. */
@Injectable()
export class CountTokensAnswerStage implements PipelineStage {
  readonly name = 'encode-answer';
  readonly door = 'messages_count_tokens';

  run(ctx: PipelineContext): void {
    sendJson(ctx.res, 200, ctx.door.answer.encode(ctx));
  }
}
