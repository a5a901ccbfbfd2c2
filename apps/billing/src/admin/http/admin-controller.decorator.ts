import { applyDecorators, Controller, UseGuards, UseInterceptors, UsePipes } from '@nestjs/common';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { AdminValidationPipe } from './admin-validation.pipe';
import { JsonSafeInterceptor } from './json-safe.interceptor';

const validation = new AdminValidationPipe();

/**
 * An /admin/v1 controller: admin-token auth and scope, validated input, bigint-safe JSON. Errors
 * take AdminExceptionFilter, global (bootstrap.ts), so unknown routes are answered the same way.
 * `authenticated: false` is for the console's session routes only, which check their own credential.
 */
export function AdminController(path: string, { authenticated = true } = {}): ClassDecorator {
  return applyDecorators(
    Controller(`admin/v1/${path}`),
    ...(authenticated ? [UseGuards(AdminAuthGuard)] : []),
    UsePipes(validation),
    UseInterceptors(JsonSafeInterceptor),
  );
}
