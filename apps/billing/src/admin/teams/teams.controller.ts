import { Body, Get, HttpCode, Inject, Logger, Param, Patch, Post, Query } from '@nestjs/common';
import { LedgerService } from '@switchyard/ledger';
import { CreditChangePublisher } from '@switchyard/holds';
import { type AdminPrincipal, TeamService } from '@switchyard/admin';
import { Principal } from '../auth/admin-principal';
import { assertAllTeams } from '../auth/team-access.util';
import { CreateTeamDto, ListTeamsQueryDto, UpdateTeamDto } from '../dto/team.dto';
import { AdminController } from '../http/admin-controller.decorator';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { ConsoleStatsService } from '../overview/console-stats.service';
import { CreditHolds } from '@switchyard/holds';

@AdminController('teams')
export class TeamsController {
  private readonly logger = new Logger(TeamsController.name);

  constructor(
    @Inject(TeamService) private readonly teams: TeamService,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(CreditChangePublisher) private readonly changes: CreditChangePublisher,
    @Inject(ConsoleStatsService) private readonly stats: ConsoleStatsService,
    @Inject(CreditHolds) private readonly holds: CreditHolds,
  ) {}

  @Post()
  create(@Principal() principal: AdminPrincipal, @Body() body: CreateTeamDto) {
    assertAllTeams(principal);
    return this.teams.create(body.name, principal);
  }

  /**
   * Teams by id, each with its balance, held and available credits and 30 days of spend (oldest
   * first): three statements and one holds round trip for the page, whatever its size.
   */
  @Get()
  async list(@Principal() principal: AdminPrincipal, @Query() query: ListTeamsQueryDto) {
    const rows = await this.stats.teamsPage(query, principal.teamId);
    const page = rows.slice(0, query.limit);
    const ids = page.map((t) => t.id);
    const [held, spend] = await Promise.all([this.holds.heldOf(ids), this.stats.spendByTeam(ids)]);
    const teams = page.map((team) => {
      const heldMicro = held.get(team.id) ?? 0n;
      return { ...team, heldMicro, availableMicro: team.balanceMicro - heldMicro, spend30d: spend.get(team.id) ?? [] };
    });
    return { teams, nextCursor: rows.length > query.limit ? ids[ids.length - 1] : null };
  }

  @Get(':teamId')
  async get(@Param('teamId', ParseIdPipe) teamId: string) {
    const [team, account] = await Promise.all([this.teams.get(teamId), this.ledger.balanceOf(teamId)]);
    return { ...team, balanceMicro: account.balanceMicro };
  }

  @Patch(':teamId')
  update(
    @Principal() principal: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Body() body: UpdateTeamDto,
  ) {
    return this.teams.update(teamId, body, principal);
  }

  /** The team's keys stop working on every gateway at once, and the gateways give back its leases. */
  @Post(':teamId/disable')
  @HttpCode(200)
  async disable(@Principal() principal: AdminPrincipal, @Param('teamId', ParseIdPipe) teamId: string) {
    const team = await this.teams.disable(teamId, principal);
    // Best effort, as the keys' broadcast: the disable is committed, and an unheard lease goes back when idle.
    await this.changes
      .announce(teamId)
      .catch((err: unknown) => this.logger.warn({ msg: 'team disable not announced', teamId, err: String(err) }));
    return team;
  }

  @Post(':teamId/enable')
  @HttpCode(200)
  enable(@Principal() principal: AdminPrincipal, @Param('teamId', ParseIdPipe) teamId: string) {
    return this.teams.enable(teamId, principal);
  }
}
