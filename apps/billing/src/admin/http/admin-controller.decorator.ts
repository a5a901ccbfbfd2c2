import { applyDecorators, Controller, UseGuards, UseInterceptors, UsePipes } from '@nestjs/common';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { AdminValidationPipe } from './admin-validation.pipe';
import { JsonSafeInterceptor } from './json-safe.interceptor';

const validation = new AdminValidationPipe();

/**
 * An /admin/v1 controller: admin-token auth and scope, validated input, bigint-safe JSON. Errors
 * take AdminExceptionFilter, global (bootstrap.ts), so unknown routes are answered the same way.
 */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`admin/v1/${path}`),
    UseGuards(AdminAuthGuard),
    UsePipes(validation),
    UseInterceptors(JsonSafeInterceptor),
  );
}
