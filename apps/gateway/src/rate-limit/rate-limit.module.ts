import { Global, Module } from '@nestjs/common';
import { RateLimitService } from './rate-limit.service';

/** Global so the chat service can ask for RateLimitService without importing this module. */
@Global()
@Module({
  providers: [RateLimitService],
  exports: [RateLimitService],
})
export class RateLimitModule {}
