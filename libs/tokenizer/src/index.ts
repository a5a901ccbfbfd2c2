export * from './text-tokens.util';
export * from './chat-prompt-tokens.util';
export * from './embedding-input-tokens.util';
