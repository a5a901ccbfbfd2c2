import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import { UsageBillingService } from './usage-billing.service';
import { UsageProcessor } from './usage.processor';

@Module({
  // Registering the queue brings in BullMQ's worker registrar; its Queue also lets billing
  // inspect failed jobs. Connection and prefix come from BullModule.forRoot in AppModule.
  imports: [BullModule.registerQueue({ name: USAGE_EVENTS_QUEUE })],
  providers: [UsageBillingService, UsageProcessor],
})
export class UsageModule {}
