import { InvalidRequestError } from '../../errors/invalid-request.error';
import { validateChatRequest } from '../validate-chat-request';

/** Test data for the chat request specs (not exported from the library). */
export const userMessage = { role: 'user', content: 'What is the capital of France?' };

export const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** A minimal valid request with `overrides` merged in (an `undefined` override removes the field). */
export function chatRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { model: 'gpt-4o-mini', messages: [userMessage], ...overrides };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/** A request whose only message is `message`. */
export function withMessages(...messages: unknown[]): Record<string, unknown> {
  return chatRequest({ messages });
}

export interface Rejection {
  param: string | undefined;
  message: string;
}

/** The InvalidRequestError a body is rejected with; fails the test when it is accepted. */
export function rejectionOf(body: unknown): Rejection {
  try {
    validateChatRequest(body);
  } catch (err) {
    if (err instanceof InvalidRequestError) return { param: err.param, message: err.message };
    throw err;
  }
  throw new Error(`expected a rejection for ${JSON.stringify(body)}`);
}
