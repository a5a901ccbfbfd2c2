export * from './text-tokens.util';
export * from './chat-prompt-tokens.util';
export { countImageTokens, IMAGE_BASE_TOKENS, IMAGE_TILE_TOKENS, MAX_IMAGE_TOKENS } from './image-tokens.util';
