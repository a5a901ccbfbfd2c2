/**
 * GenAI semantic-convention attribute names (OpenTelemetry "gen_ai.*", still incubating: the
 * OTel docs advise copying incubating names rather than importing them, so they live here), and
 * Switchyard's own, under `switchyard.`.
 */
export const GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
/** OTel messaging convention: how many messages a batch span handled. */
export const MESSAGING_BATCH_MESSAGE_COUNT = 'messaging.batch.message_count';

/** What the request costs, as the decimal credits string the client sees in `usage.credits`. */
export const SWITCHYARD_CREDITS = 'switchyard.credits';
export const SWITCHYARD_REQUEST_ID = 'switchyard.request_id';
export const SWITCHYARD_TEAM_ID = 'switchyard.team_id';
export const SWITCHYARD_TASK_TYPE = 'switchyard.task_type';
export const SWITCHYARD_TIER = 'switchyard.tier';
/** An upstream attempt's position (1 = first try) and the alias it called. */
export const SWITCHYARD_ATTEMPT = 'switchyard.attempt';
export const SWITCHYARD_MODEL_ALIAS = 'switchyard.model';
/** How many distinct teams one billing batch debited. */
export const SWITCHYARD_BATCH_TEAMS = 'switchyard.batch.teams';
