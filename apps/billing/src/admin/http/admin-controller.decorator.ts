import {
  applyDecorators,
  Controller,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { AdminExceptionFilter } from './admin-exception.filter';
import { JsonSafeInterceptor } from './json-safe.interceptor';

/** Unknown fields are refused, not dropped: a typo in a limit must not silently do nothing. */
const validation = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
});

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
