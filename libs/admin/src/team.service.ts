import { TeamNotFoundError } from '@switchyard/contracts';
import type { Prisma, PrismaClient } from '@switchyard/db';
import type { AdminActor } from './admin-actor.types';
import { recordAudit } from './admin-audit.util';
import type { KeyRevocationPublisher } from '@switchyard/keys';

export interface TeamView {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  createdAt: Date;
  updatedAt: Date;
}

const VIEW = { id: true, name: true, status: true, createdAt: true, updatedAt: true } as const;
type Tx = Prisma.TransactionClient;

/**
 * Teams, each change audited in its own transaction. Disabling or re-enabling a team is
 * broadcast for each of its keys, so every gateway re-reads them at once.
 */
export class TeamService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly revocations?: KeyRevocationPublisher,
  ) {}

  create(name: string, actor: AdminActor): Promise<TeamView> {
    return this.prisma.$transaction(async (tx) => {
      const team = await tx.team.create({ data: { name }, select: VIEW });
      await recordAudit(tx, actor, {
        action: 'team.create',
        targetType: 'team',
        targetId: team.id,
        teamId: team.id,
        before: null,
        after: team,
      });
      return team;
    });
  }

  get(teamId: string): Promise<TeamView> {
    return this.findTeam(this.prisma, teamId);
  }

  update(teamId: string, changes: { name?: string }, actor: AdminActor): Promise<TeamView> {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.findTeam(tx, teamId);
      const after = await tx.team.update({ where: { id: teamId }, data: changes, select: VIEW });
      await recordAudit(tx, actor, {
        action: 'team.update',
        targetType: 'team',
        targetId: teamId,
        teamId,
        before,
        after,
      });
      return after;
    });
  }

  disable(teamId: string, actor: AdminActor): Promise<TeamView> {
    return this.setStatus(teamId, 'disabled', actor);
  }

  enable(teamId: string, actor: AdminActor): Promise<TeamView> {
    return this.setStatus(teamId, 'active', actor);
  }

  private async setStatus(teamId: string, status: 'active' | 'disabled', actor: AdminActor): Promise<TeamView> {
    const { team, hashes } = await this.prisma.$transaction(async (tx) => {
      const before = await this.findTeam(tx, teamId);
      if (before.status === status) return { team: before, hashes: [] as string[] };
      const after = await tx.team.update({ where: { id: teamId }, data: { status }, select: VIEW });
      await recordAudit(tx, actor, {
        action: status === 'disabled' ? 'team.disable' : 'team.enable',
        targetType: 'team',
        targetId: teamId,
        teamId,
        before,
        after,
      });
      const keys = await tx.apiKey.findMany({ where: { teamId }, select: { keyHash: true } });
      return { team: after, hashes: keys.map((k) => k.keyHash) };
    });
    if (hashes.length > 0) await this.revocations?.publish(hashes);
    return team;
  }

  private async findTeam(db: Pick<Tx, 'team'>, teamId: string): Promise<TeamView> {
    const team = await db.team.findUnique({ where: { id: teamId }, select: VIEW });
    if (!team) throw new TeamNotFoundError(teamId);
    return team;
  }
}
