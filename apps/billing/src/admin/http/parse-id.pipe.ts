import { Injectable, type PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@switchyard/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else names nothing, so it is "not found" rather than a database error. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFoundError(`Not found: ${value.slice(0, 64)}`);
    return value.toLowerCase();
  }
}
