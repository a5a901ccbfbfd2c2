import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IMAGE_DETAILS } from './chat-request.constants';
import { RawField } from './dto-fields.util';

export class ImageUrlDto {
  /** A remote image or an inline `data:` URL; the size is bounded by the body limit. */
  @RawField()
  @IsString()
  @Matches(/^(https?:\/\/|data:)/i, { message: '$property must be an http(s) or data: URL' })
  url!: string;

  @RawField()
  @IsOptional()
  @IsIn(IMAGE_DETAILS)
  detail?: (typeof IMAGE_DETAILS)[number];
}
