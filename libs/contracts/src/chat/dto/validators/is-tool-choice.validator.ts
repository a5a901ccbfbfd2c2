import { TOOL_CHOICE_MODES } from '../chat-request.constants';
import { NamedToolChoiceDto } from '../named-tool-choice.dto';
import { functionNameOf } from './has-unique-function-names.validator';
import { nestedProblem, ValidateByProblem } from './problem-validator.util';

const MODES: readonly unknown[] = TOOL_CHOICE_MODES;

function shapeProblem(value: unknown): string | undefined {
  if (typeof value === 'string')
    return MODES.includes(value)
      ? undefined
      : `$property must be one of: ${TOOL_CHOICE_MODES.join(', ')}, or a named function`;
  if (!(value instanceof NamedToolChoiceDto)) return '$property must be a string or an object';
  const problem = nestedProblem(value);
  return problem === undefined ? undefined : `$property.${problem}`;
}

/**
 * `tool_choice`: 'none' | 'auto' | 'required' | {type:'function', function:{name}}. Like OpenAI,
 * it needs `tools`, and a named function must be one of them.
 */
export function IsToolChoice() {
  return ValidateByProblem('isToolChoice', (value, args) => {
    const problem = shapeProblem(value);
    if (problem !== undefined) return problem;
    const tools = (args.object as { tools?: unknown }).tools;
    const names = Array.isArray(tools) ? tools.map(functionNameOf) : [];
    if (names.length === 0) return '$property is only allowed when tools are specified';
    if (value instanceof NamedToolChoiceDto && !names.includes(value.function.name)) {
      return '$property.function.name must be the name of a function in tools';
    }
    return undefined;
  });
}
