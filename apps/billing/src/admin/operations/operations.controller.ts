import { Body, Get, HttpCode, Inject, Logger, Param, Post, Query } from '@nestjs/common';
import { TeamNotFoundError } from '@switchyard/contracts';
import { ReconciliationService } from '@switchyard/ledger';
import { type AdminPrincipal, AdminTokenService } from '@switchyard/admin';
import { Principal } from '../auth/admin-principal';
import { assertAllTeams, canSeeTeam } from '../auth/team-access.util';
import { AuditQueryDto, CreateAdminTokenDto, PageQueryDto, ReconciliationQueryDto } from '../dto/operations.dto';
import { AdminController } from '../http/admin-controller.decorator';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { AuditLogService } from './audit-log.service';
import { FailedEventsService } from './failed-events.service';
import { ReconciliationStatusStore } from './reconciliation-status.store';

const logger = new Logger('Reconciliation');

/** Cross-team operations: failed billing events, reconciliation, the audit trail and admin tokens. */
@AdminController('')
export class OperationsController {
  constructor(
    @Inject(FailedEventsService) private readonly failed: FailedEventsService,
    @Inject(ReconciliationService) private readonly reconciliation: ReconciliationService,
    @Inject(AuditLogService) private readonly audit: AuditLogService,
    @Inject(AdminTokenService) private readonly tokens: AdminTokenService,
    @Inject(ReconciliationStatusStore) private readonly status: ReconciliationStatusStore,
  ) {}

  @Get('billing/failed-events')
  listFailed(@Principal() principal: AdminPrincipal, @Query() query: PageQueryDto) {
    return this.failed.list(principal, query);
  }

  @Post('billing/failed-events/:jobId/replay')
  @HttpCode(200)
  replay(@Principal() principal: AdminPrincipal, @Param('jobId') jobId: string) {
    return this.failed.replay(principal, jobId);
  }

  /**
   * Every invariant of the ledger and the holds; `ok: false` lists each drift. A scoped token checks
   * its team. An all-teams run is what /metrics reports (switchyard_reconciliation_*).
   */
  @Get('reconciliation')
  async reconcile(@Principal() principal: AdminPrincipal, @Query() query: ReconciliationQueryDto) {
    if (query.teamId && !canSeeTeam(principal, query.teamId)) throw new TeamNotFoundError(query.teamId);
    const teamId = principal.teamId ?? query.teamId ?? null;
    const report = await this.reconciliation.run(teamId);
    // The operator asked for the report, not for the metric: an unreachable Redis costs the metric only.
    if (teamId === null)
      await this.status.record(report).catch((err) => logger.warn(`Reconciliation not recorded for /metrics: ${err}`));
    return report;
  }

  @Get('audit-log')
  auditLog(@Principal() principal: AdminPrincipal, @Query() query: AuditQueryDto) {
    if (query.teamId && !canSeeTeam(principal, query.teamId)) throw new TeamNotFoundError(query.teamId);
    return this.audit.list(principal.teamId ?? query.teamId ?? null, query.limit);
  }

  @Post('admin-tokens')
  createToken(@Principal() principal: AdminPrincipal, @Body() body: CreateAdminTokenDto) {
    assertAllTeams(principal);
    return this.tokens.create({ name: body.name, scope: body.scope, teamId: body.teamId ?? null }, principal);
  }

  @Get('admin-tokens')
  listTokens(@Principal() principal: AdminPrincipal) {
    return this.tokens.list(principal.teamId);
  }

  @Post('admin-tokens/:tokenId/revoke')
  @HttpCode(200)
  revokeToken(@Principal() principal: AdminPrincipal, @Param('tokenId', ParseIdPipe) tokenId: string) {
    return this.tokens.revoke(tokenId, principal.teamId, principal);
  }
}
