import { Equals, IsObject, ValidateNested } from 'class-validator';
import { NestedField, RawField } from './dto-fields.util';
import { ImageUrlDto } from './image-url.dto';

export class ImageUrlContentPartDto {
  @RawField()
  @Equals('image_url', { message: '$property must be "image_url"' })
  type!: 'image_url';

  @NestedField(() => ImageUrlDto)
  @IsObject()
  @ValidateNested()
  image_url!: ImageUrlDto;
}
