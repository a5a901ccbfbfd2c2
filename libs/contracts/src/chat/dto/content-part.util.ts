import { isJsonObject, toInstance } from './dto-fields.util';
import { ImageUrlContentPartDto } from './image-url-content-part.dto';
import { TextContentPartDto } from './text-content-part.dto';

export type ContentPartDto = TextContentPartDto | ImageUrlContentPartDto;

/**
 * Raw `content` → what IsMessageContent checks: strings and non-arrays as they are, array
 * items with a known `type` as part DTOs, anything else untouched (and so rejected).
 */
export function toMessageContent(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw;
  return raw.map((part: unknown) => {
    if (!isJsonObject(part)) return part;
    if (part.type === 'text') return toInstance(TextContentPartDto, part);
    if (part.type === 'image_url') return toInstance(ImageUrlContentPartDto, part);
    return part;
  });
}
