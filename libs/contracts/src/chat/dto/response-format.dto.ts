import { IsIn, IsObject, ValidateIf, ValidateNested } from 'class-validator';
import { RESPONSE_FORMAT_TYPES } from './chat-request.constants';
import { NestedField, RawField } from './dto-fields.util';
import { JsonSchemaFormatDto } from './json-schema-format.dto';

/** `json_schema` is read only for `type: 'json_schema'`, where it is required. */
export class ResponseFormatDto {
  @RawField()
  @IsIn(RESPONSE_FORMAT_TYPES)
  type!: (typeof RESPONSE_FORMAT_TYPES)[number];

  @NestedField(() => JsonSchemaFormatDto)
  @ValidateIf((format: ResponseFormatDto) => format.type === 'json_schema')
  @IsObject({ message: '$property must be an object when type is json_schema' })
  @ValidateNested()
  json_schema?: JsonSchemaFormatDto;
}
