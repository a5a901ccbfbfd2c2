import { Equals, IsObject, ValidateNested } from 'class-validator';
import { NestedField, RawField } from './dto-fields.util';
import { FunctionDefinitionDto } from './function-definition.dto';

export class ToolDto {
  @RawField()
  @Equals('function', { message: '$property must be "function"' })
  type!: 'function';

  @NestedField(() => FunctionDefinitionDto)
  @IsObject()
  @ValidateNested()
  function!: FunctionDefinitionDto;
}
