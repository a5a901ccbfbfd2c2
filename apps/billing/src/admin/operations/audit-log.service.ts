import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@switchyard/db';

/** The admin audit trail, newest first. */
@Injectable()
export class AuditLogService {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  list(teamId: string | null, limit: number) {
    return this.prisma.adminAuditLog.findMany({
      where: teamId ? { teamId } : {},
      orderBy: { id: 'desc' },
      take: limit,
    });
  }
}
