export const TIERS = ['core', 'pro', 'ultra'] as const;
export type Tier = (typeof TIERS)[number];

export const TASK_TYPES = [
  'simple_chat',
  'summarize',
  'extract',
  'translate',
  'code_gen',
  'tool_orchestrate',
  'image_gen',
  'file_ops',
  'web_browse',
  'creative',
  'deep_reasoning',
  'agentic_complex',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const CAPABILITIES = ['tools', 'vision', 'json_schema', 'streaming'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export function isTaskType(value: unknown): value is TaskType {
  return typeof value === 'string' && (TASK_TYPES as readonly string[]).includes(value);
}
