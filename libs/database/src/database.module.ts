import {
  Global,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { join } from 'node:path';
import { AppConfig } from '@splitwork/config';
import { dataSourceOptions } from './data-source-options';
import { DomainEvents } from './domain-events';
import { EMBEDDED_POOL_SIZE, EmbeddedPostgres } from './embedded-postgres';
import { maintenanceWarning } from './maintenance';
import { runMigrationsLocked } from './migrate';
import { sharesOneSession } from './prepared-query';

/** Owns the embedded PostgreSQL in zero-setup mode; absent in server mode. */
@Injectable()
export class EmbeddedDatabase implements OnApplicationShutdown {
  readonly server?: EmbeddedPostgres;

  constructor(
    config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {
    if (config.usesEmbeddedDatabase) {
      this.server = new EmbeddedPostgres({
        dataDir: join(config.SPLITWORK_DATA_DIR, 'pg'),
        maxConnections: config.DATABASE_POOL_SIZE * 2 + 10,
      });
    }
  }

  async url(config: AppConfig): Promise<string> {
    return config.DATABASE_URL ?? (await this.server!.start());
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    // The pool must close before the server behind it.
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource.isInitialized) await dataSource.destroy();
    await this.server.stop();
  }
}

@Module({ providers: [EmbeddedDatabase], exports: [EmbeddedDatabase] })
class EmbeddedDatabaseModule {}

/** The embedded database serves every connection in one session (prepared-query.ts). */
@Injectable()
class SessionMode implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    if (this.config.usesEmbeddedDatabase) sharesOneSession(this.dataSource);
  }
}

/** Server mode: says at boot when the server's own maintenance is off (maintenanceWarning). */
@Injectable()
class MaintenanceCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.usesEmbeddedDatabase) return;
    const warning = await maintenanceWarning(this.dataSource);
    if (warning) this.logger.warn(warning);
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [EmbeddedDatabaseModule],
      inject: [AppConfig, EmbeddedDatabase],
      useFactory: async (config: AppConfig, embedded: EmbeddedDatabase) => ({
        ...dataSourceOptions({
          url: await embedded.url(config),
          poolSize: config.usesEmbeddedDatabase ? EMBEDDED_POOL_SIZE : config.DATABASE_POOL_SIZE,
          applicationName: 'splitwork',
        }),
        autoLoadEntities: true,
        retryAttempts: config.NODE_ENV === 'test' ? 0 : 5,
        retryDelay: 2000,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrationsLocked(dataSource);
        return dataSource;
      },
    }),
  ],
  // Every context raises its domain events on the same dispatcher.
  providers: [DomainEvents, SessionMode, MaintenanceCheck],
  exports: [DomainEvents],
})
export class DatabaseModule {}
