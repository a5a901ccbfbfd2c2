import { ValidationError } from 'class-validator';
import { firstViolation } from './first-violation.util';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe(firstViolation.name, () => {
  it('returns undefined when there is no violation', () => {
    expect(firstViolation([])).toBeUndefined();
    expect(firstViolation([error('messages', undefined, [])])).toBeUndefined();
  });

  it('joins properties and array indexes into an OpenAI-style param', () => {
    const tree = error('messages', undefined, [
      error('2', undefined, [error('tool_call_id', { isString: 'tool_call_id must be a string' })]),
    ]);
    expect(firstViolation([tree])).toEqual({
      param: 'messages[2].tool_call_id',
      message: 'messages[2].tool_call_id must be a string',
    });
  });

  it('extends the param with a relative path a custom validator put in its message', () => {
    const tree = error('tools', { hasUniqueFunctionNames: 'tools[3].function.name must be unique within tools' });
    expect(firstViolation([tree])).toEqual({
      param: 'tools[3].function.name',
      message: 'tools[3].function.name must be unique within tools',
    });
  });

  it('prefers a type check over a range check on the same value', () => {
    const tree = error('temperature', {
      max: 'temperature must not be greater than 2',
      isNumber: 'temperature must be a number',
    });
    expect(firstViolation([tree])?.message).toBe('temperature must be a number');
  });

  it('words a non-object array item plainly', () => {
    const tree = error('messages', undefined, [
      error('1', { nestedValidation: 'each value in nested property messages must be either object or array' }),
    ]);
    expect(firstViolation([tree])).toEqual({ param: 'messages[1]', message: 'messages[1] must be an object' });
  });

  it('keeps a message that does not start with the property, and a longer property name is not a path', () => {
    expect(firstViolation([error('model', { x: 'Either one is required' })])).toEqual({
      param: 'model',
      message: 'Either one is required',
    });
    expect(firstViolation([error('stop', { x: 'stop_words is wrong' })])).toEqual({
      param: 'stop',
      message: 'stop_words is wrong',
    });
  });
});
