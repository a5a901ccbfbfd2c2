import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AdminTokenService } from '@switchyard/admin';
import { BILLING_CONFIG, type BillingConfig } from '../../config/billing-config';

/** At boot, ADMIN_TOKEN (when set) becomes a write, all-teams admin token: the first way in. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  constructor(
    @Inject(AdminTokenService) private readonly tokens: AdminTokenService,
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { bootstrapToken } = this.config.admin;
    if (!bootstrapToken) return;
    await this.tokens.ensureBootstrapToken(bootstrapToken);
    new Logger('Admin').log('Bootstrap admin token from ADMIN_TOKEN is in place.');
  }
}
