import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors, UsePipes } from '@nestjs/common';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { AdminExceptionFilter } from './admin-exception.filter';
import { AdminValidationPipe } from './admin-validation.pipe';
import { JsonSafeInterceptor } from './json-safe.interceptor';

const validation = new AdminValidationPipe();

/** An /admin/v1 controller: admin-token auth and scope, validated input, OpenAI-shaped errors, bigint-safe JSON. */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`admin/v1/${path}`),
    UseGuards(AdminAuthGuard),
    UsePipes(validation),
    UseFilters(AdminExceptionFilter),
    UseInterceptors(JsonSafeInterceptor),
  );
}
