import { answerWithError } from '@switchyard/observability';
import type { ErrorEncoder } from '../door';

/** OpenAI's error shape (plus the seed's top-level message), through the one mapping both apps use. */
export const chatErrorsEncoder: ErrorEncoder = { answer: answerWithError };
