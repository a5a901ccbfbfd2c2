import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { TerminusModule, type HealthIndicatorFunction } from '@nestjs/terminus';
import { HealthController, READINESS_CHECKS } from './health.controller';
import { LifecycleState } from './lifecycle-state';

/**
 * /health/live and /health/ready for an app: it names its indicator class and which of its
 * checks make up readiness. Exports LifecycleState, which shutdown flips to draining.
 */
@Module({})
export class HealthModule {
  static forIndicator<T>(indicator: Type<T>, checks: (indicator: T) => HealthIndicatorFunction[]): DynamicModule {
    return {
      module: HealthModule,
      // Terminus logs failed checks itself; the 503 body already says what is down.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [indicator, LifecycleState, { provide: READINESS_CHECKS, inject: [indicator], useFactory: checks }],
      exports: [LifecycleState],
    };
  }
}
