/** 4xx with `{ error: { message, type, param, code }, message }`: OpenAI's error shape, as every refusal must be. */
export function isOpenAiClientError(status: number, body: string): boolean {
  if (status < 400 || status > 499) return false;
  try {
    const parsed = JSON.parse(body) as { error?: Record<string, unknown>; message?: unknown };
    const e = parsed.error;
    return (
      !!e &&
      typeof e.message === 'string' &&
      typeof e.type === 'string' &&
      typeof e.code === 'string' &&
      (e.param === null || typeof e.param === 'string') &&
      typeof parsed.message === 'string'
    );
  } catch {
    return false;
  }
}
