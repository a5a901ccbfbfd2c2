import { Equals, IsString } from 'class-validator';
import { RawField } from './dto-fields.util';

export class TextContentPartDto {
  @RawField()
  @Equals('text', { message: '$property must be "text"' })
  type!: 'text';

  @RawField()
  @IsString()
  text!: string;
}
