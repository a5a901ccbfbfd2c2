import {
  type DynamicModule,
  type FactoryProvider,
  Global,
  type ModuleMetadata,
  Module,
  type Provider,
} from '@nestjs/common';
import { PRISMA_OPTIONS } from './prisma.constants';
import { PrismaService } from './prisma.service';
import type { PrismaClientOptions } from './prisma.types';

export interface PrismaModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: (...deps: never[]) => PrismaClientOptions | Promise<PrismaClientOptions>;
}

/** Registers one PrismaService for the whole app (global: import it once, in the root module). */
@Global()
@Module({})
export class PrismaModule {
  static forRoot(options: PrismaClientOptions): DynamicModule {
    return PrismaModule.withOptions({ provide: PRISMA_OPTIONS, useValue: options });
  }

  static forRootAsync({ imports = [], inject = [], useFactory }: PrismaModuleAsyncOptions): DynamicModule {
    return { ...PrismaModule.withOptions({ provide: PRISMA_OPTIONS, inject, useFactory }), imports };
  }

  private static withOptions(optionsProvider: Provider): DynamicModule {
    return {
      module: PrismaModule,
      global: true,
      providers: [optionsProvider, PrismaService],
      exports: [PrismaService],
    };
  }
}
