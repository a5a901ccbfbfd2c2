import { isTaskType, TASK_TYPES } from '../../../routing/task-types';
import { CHAT_LIMITS } from '../chat-request.constants';
import { ValidateByProblem } from './problem-validator.util';

interface ModelSelection {
  model?: unknown;
  task_type?: unknown;
}

const isGiven = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * `model` when no `task_type` is given. An empty `model` next to a `task_type` counts as absent:
 * SDKs that insist on a model argument (OpenAI's Python client) can then still route by task.
 */
export function IsModelSelection() {
  return ValidateByProblem('isModelSelection', (value, args) => {
    const taskTypeGiven = isGiven((args.object as ModelSelection).task_type);
    if (!isGiven(value) || (value === '' && taskTypeGiven))
      return taskTypeGiven ? undefined : '$property or task_type is required';
    if (typeof value !== 'string') return '$property must be a string';
    if (value === '') return '$property must not be empty';
    if (value.length > CHAT_LIMITS.maxModelLength)
      return `$property must be at most ${CHAT_LIMITS.maxModelLength} characters long`;
    return undefined;
  });
}

/** `task_type`, one of the twelve, and never together with a `model`. */
export function IsTaskTypeSelection() {
  return ValidateByProblem('isTaskTypeSelection', (value, args) => {
    if (!isTaskType(value)) return `$property must be one of: ${TASK_TYPES.join(', ')}`;
    const model = (args.object as ModelSelection).model;
    if (isGiven(model) && model !== '') return '$property cannot be combined with model: specify exactly one of them';
    return undefined;
  });
}
