import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

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

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}
