import { IsString, Length } from 'class-validator';

export class SignInDto {
  /** An admin token (syadm_…, or the bootstrap ADMIN_TOKEN). */
  @IsString()
  @Length(1, 500)
  token!: string;
}
