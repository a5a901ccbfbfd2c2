import { chatDoor } from './doors/chat/chat.door';
import type { Door } from './doors/door';

/** A data-plane route: the path the ingress takes (in every spelling express would) and its door. */
export interface DataPlaneRoute {
  readonly path: string;
  readonly door: Door;
}

/** Every data-plane route. A new client API is a folder under doors/ and one line here. */
export const DATA_PLANE_ROUTES: readonly DataPlaneRoute[] = [{ path: '/v1/chat/completions', door: chatDoor }];
