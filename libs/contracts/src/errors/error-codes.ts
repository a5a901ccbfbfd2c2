/** Every error a client can see. Adding one without a mapping in toOpenAiError fails to compile. */
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'invalid_api_key'
  | 'insufficient_credits'
  | 'permission_denied'
  | 'model_not_found'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'request_timeout'
  | 'request_header_fields_too_large'
  | 'rate_limit_exceeded'
  | 'upstream_bad_request'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'service_unavailable'
  | 'internal_error';
