/**
 * Bounds on what a chat request may contain. Text itself (message content, tool-call arguments,
 * image data URLs) is bounded only by the HTTP body limit: it is copied, never walked.
 * Everything that is walked or multiplies work (arrays, nesting, identifiers) is bounded here.
 */
export const CHAT_LIMITS = {
  maxMessages: 2048,
  maxContentParts: 256,
  maxToolCallsPerMessage: 128,
  maxTools: 128,
  maxStopSequences: 4,
  maxStopLength: 512,
  maxModelLength: 256,
  maxUserLength: 256,
  maxNameLength: 256,
  maxToolCallIdLength: 512,
  maxDescriptionLength: 16_384,
  /** Deepest JSON nesting accepted anywhere in the body (a tool's JSON schema is the deep part). */
  maxDepth: 64,
  /** Most JSON values (objects, arrays, scalars) a body may hold before any DTO work starts. */
  maxJsonValues: 250_000,
} as const;

export const DEFAULT_MAX_TOKENS = 4096;
export const DEFAULT_TEMPERATURE = 0.7;

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;
export const TOOL_CHOICE_MODES = ['none', 'auto', 'required'] as const;
export const RESPONSE_FORMAT_TYPES = ['text', 'json_object', 'json_schema'] as const;
export const IMAGE_DETAILS = ['auto', 'low', 'high'] as const;

/** OpenAI's rule for function and JSON-schema names; Anthropic's is the same. */
export const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const FUNCTION_NAME_MESSAGE = '$property must be 1-64 letters, digits, underscores or dashes';

/** The top-level fields Switchyard reads; every other field of a request is ignored. */
export const CHAT_REQUEST_FIELDS = [
  'model',
  'task_type',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'seed',
  'stop',
  'user',
  'presence_penalty',
  'frequency_penalty',
  'n',
] as const;
