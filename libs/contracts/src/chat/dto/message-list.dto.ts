import { CHAT_LIMITS } from './chat-request.constants';
import { RawField } from './dto-fields.util';
import { IsObjectArray } from './validators/is-object-array.validator';

/** `messages` as a list: 1..maxMessages objects. CreateChatCompletionDto states the same rule, then validates each one. */
export const IsMessageList = () => IsObjectArray(1, CHAT_LIMITS.maxMessages);

/** Only the list rule of `messages`, so a DTO pass can check it before it looks into any message. */
export class MessageListDto {
  @RawField()
  @IsMessageList()
  messages!: unknown;
}
