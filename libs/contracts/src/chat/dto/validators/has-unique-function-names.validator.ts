import { isJsonObject } from '../dto-fields.util';
import { ValidateByProblem } from './problem-validator.util';

/** The function name of a raw or transformed tool, if it has a string one. */
export function functionNameOf(tool: unknown): string | undefined {
  if (!isJsonObject(tool) || !isJsonObject(tool.function)) return undefined;
  const name = tool.function.name;
  return typeof name === 'string' ? name : undefined;
}

/** Two tools with the same name are ambiguous, and Anthropic rejects them. */
export function HasUniqueFunctionNames() {
  return ValidateByProblem('hasUniqueFunctionNames', (value) => {
    if (!Array.isArray(value)) return undefined;
    const seen = new Set<string>();
    for (let i = 0; i < value.length; i += 1) {
      const name = functionNameOf(value[i]);
      if (name === undefined) continue;
      if (seen.has(name)) return `$property[${i}].function.name must be unique within tools`;
      seen.add(name);
    }
    return undefined;
  });
}
