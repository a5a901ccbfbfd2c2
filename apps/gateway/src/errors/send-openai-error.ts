// The writer both apps share (@switchyard/observability); kept under this name for the body parser.
export { sendErrorAnswer as sendOpenAiError } from '@switchyard/observability';
