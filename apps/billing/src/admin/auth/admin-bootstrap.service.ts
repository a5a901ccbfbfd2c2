import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AdminTokenService } from '@switchyard/admin';
import { BILLING_ENV, type BillingEnv } from '../../config/billing-env';

/** At boot, ADMIN_TOKEN (when set) becomes a write, all-teams admin token: the first way in. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  constructor(
    @Inject(AdminTokenService) private readonly tokens: AdminTokenService,
    @Inject(BILLING_ENV) private readonly env: BillingEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.ADMIN_TOKEN) return;
    await this.tokens.ensureBootstrapToken(this.env.ADMIN_TOKEN);
    new Logger('Admin').log('Bootstrap admin token from ADMIN_TOKEN is in place.');
  }
}
