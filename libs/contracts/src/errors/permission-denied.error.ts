import { SwitchyardError } from './switchyard.error';

/** The caller is known but may not do this: a model outside its allow-list, a read-only token (403). */
export class PermissionDeniedError extends SwitchyardError {
  constructor(message: string, param?: string) {
    super('permission_denied', message, { param });
  }
}
