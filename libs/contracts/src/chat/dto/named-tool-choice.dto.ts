import { Equals, IsObject, ValidateNested } from 'class-validator';
import { NestedField, RawField } from './dto-fields.util';
import { ToolChoiceFunctionDto } from './tool-choice-function.dto';

/** `tool_choice: {type: 'function', function: {name}}`: the model must call that function. */
export class NamedToolChoiceDto {
  @RawField()
  @Equals('function', { message: '$property must be "function"' })
  type!: 'function';

  @NestedField(() => ToolChoiceFunctionDto)
  @IsObject()
  @ValidateNested()
  function!: ToolChoiceFunctionDto;
}
