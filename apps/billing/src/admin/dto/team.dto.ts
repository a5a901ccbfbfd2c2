import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageLimit } from './page-limit.decorator';

export class CreateTeamDto {
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class UpdateTeamDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class ListTeamsQueryDto {
  @IsOptional()
  @IsUUID()
  after?: string;

  @PageLimit(500)
  limit: number = 100;

  /** A part of the team's name, matched in any case. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}
