/** An error answer in OpenAI's shape with the seed's top-level message, whatever the wording. */
export function openAiErrorBody(type: string, code: string, param: string | null = null) {
  return { error: { message: expect.any(String), type, param, code }, message: expect.any(String) };
}
