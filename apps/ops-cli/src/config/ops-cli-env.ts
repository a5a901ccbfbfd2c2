import { IsOptional, IsString } from 'class-validator';

/** Every variable the ops CLI reads, validated once when a command runs (see ops-cli-config.ts). */
export class OpsCliEnv {
  /** Billing's base URL, e.g. http://127.0.0.1:3001. */
  @IsOptional()
  @IsString()
  ADMIN_URL?: string;

  /** An admin token (syadm_…): write scope for commands that change anything. */
  @IsOptional()
  @IsString()
  ADMIN_TOKEN?: string;
}
