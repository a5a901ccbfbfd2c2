import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CreditChangeSubscriber, type CreditLeases } from '@switchyard/holds';
import { CREDIT_LEASES } from '../infra/infra.tokens';

/**
 * Makes operators' downward changes bind on this gateway: billing announces every team whose
 * credits shrank (a downward adjustment, a disabled team), and the team's lease is revoked here
 * at once, its spare given back. While the channel is not live, leases are not used at all (each
 * request is held in Redis on its own); after a reconnect every lease is revoked, as changes may
 * have been missed meanwhile.
 */
@Injectable()
export class CreditChangeListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CreditChangeListener.name);

  constructor(
    @Inject(CreditChangeSubscriber) private readonly subscriber: CreditChangeSubscriber,
    @Inject(CREDIT_LEASES) private readonly leases: CreditLeases | null,
  ) {}

  onModuleInit(): void {
    // Not awaited: boot does not wait for Redis; until the subscription is live no lease is used.
    void this.subscriber.start({
      onChanged: (teamId) => this.leases?.revoke(teamId),
      onResubscribed: () => {
        this.logger.warn('Credit change channel reconnected: revoking every credit lease.');
        this.leases?.revokeAll();
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.stop();
  }
}
