import { chatDoor } from './doors/chat/chat.door';
import type { Door } from './doors/door';
import { embeddingsDoor } from './doors/embeddings/embeddings.door';
import { countTokensDoor } from './doors/messages/count-tokens.door';
import { messagesDoor } from './doors/messages/messages.door';

/** A data-plane route: the path the ingress takes (in every spelling express would) and its door. */
export interface DataPlaneRoute {
  readonly path: string;
  readonly door: Door;
}

/** Every data-plane route. A new client API is a folder under doors/ and one line here. */
export const DATA_PLANE_ROUTES: readonly DataPlaneRoute[] = [
  { path: '/v1/chat/completions', door: chatDoor },
  { path: '/v1/embeddings', door: embeddingsDoor },
  { path: '/v1/messages', door: messagesDoor },
  { path: '/v1/messages/count_tokens', door: countTokensDoor },
];
