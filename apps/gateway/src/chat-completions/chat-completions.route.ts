import type { IngressRoute } from '../ingress/data-plane.ingress';
import type { ChatCompletionsService } from './chat-completions.service';

/** POST /v1/chat/completions as the ingress serves it: the body goes to ChatCompletionsService. */
export function chatCompletionsRoute(chat: ChatCompletionsService): IngressRoute {
  return { path: '/v1/chat/completions', serve: (body, ctx, res, key) => chat.handle(body, ctx, res, key) };
}
