import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@splitwork/config';
import { Clock } from '@splitwork/kernel';
import { EmbeddedJobQueue, EmbeddedJobRunner, JOBS_ENQUEUED } from './embedded-job-queue';
import { GraphileJobQueue, GraphileJobRunner } from './graphile-job-queue';
import { JobQueue, JobRunner } from './job';
import { JobLeaseOptions } from './job-lease';
import { JobRegistry } from './job-registry';

export interface JobsModuleOptions {
  /** The worker process always runs jobs; the API only with JOBS_IN_PROCESS. */
  role: 'api' | 'worker';
}

const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

/** The pg pool behind TypeORM, shared with graphile-worker. */
function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

export interface JobRunnerSettings {
  kind: 'embedded' | 'graphile';
  concurrency: number;
  lease: JobLeaseOptions;
}

export function jobRunnerSettings(config: AppConfig): JobRunnerSettings {
  return {
    kind: config.jobRunner,
    concurrency: config.JOBS_CONCURRENCY,
    lease: { leaseMs: config.JOBS_LEASE_MS, heartbeatMs: config.JOBS_HEARTBEAT_MS },
  };
}

/**
 * A runner of the registry's handlers on the given database. The module makes
 * the process's runner with it; more than one runner shares a database the
 * way several worker processes do.
 */
export function createJobRunner(
  settings: JobRunnerSettings,
  dataSource: DataSource,
  registry: JobRegistry,
  clock: Clock,
): JobRunner {
  return settings.kind === 'embedded'
    ? new EmbeddedJobRunner(dataSource, registry, clock, settings.concurrency, settings.lease)
    : new GraphileJobRunner(poolOf(dataSource), registry, settings.concurrency, settings.lease);
}

@Injectable()
class JobsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsModuleOptions,
    private readonly config: AppConfig,
    private readonly runner: JobRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.role === 'worker' || this.config.JOBS_IN_PROCESS) {
      const runner = this.runner;
      if (runner instanceof EmbeddedJobRunner) {
        // graphile-worker wakes on NOTIFY; the embedded runner on our own commit hook.
        this.dataSource.subscribers.push({
          afterTransactionCommit: (event) => {
            if (event.queryRunner.data[JOBS_ENQUEUED]) runner.wakeUp();
          },
        });
      }
      await runner.start();
      this.logger.log(`job runner started (${this.config.jobRunner}, role ${this.options.role})`);
    }
  }

  /** Before any module shuts down: the runner holds pool connections the database module waits for. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.logger.log('job runner stopped');
  }
}

@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        { provide: JOBS_OPTIONS, useValue: options },
        JobRegistry,
        {
          provide: JobQueue,
          inject: [AppConfig, Clock, getDataSourceToken()],
          useFactory: async (config: AppConfig, clock: Clock, dataSource: DataSource) => {
            let queue: JobQueue;
            if (config.jobRunner === 'embedded') {
              queue = new EmbeddedJobQueue(clock);
            } else {
              await GraphileJobRunner.migrate(poolOf(dataSource));
              queue = new GraphileJobQueue();
            }
            // A transaction's jobs are written just before it commits.
            dataSource.subscribers.push(queue.transactionHooks());
            return queue;
          },
        },
        {
          provide: JobRunner,
          // Depends on JobQueue so graphile-worker's schema exists before the runner starts.
          inject: [AppConfig, Clock, getDataSourceToken(), JobRegistry, JobQueue],
          useFactory: (
            config: AppConfig,
            clock: Clock,
            dataSource: DataSource,
            registry: JobRegistry,
          ) => createJobRunner(jobRunnerSettings(config), dataSource, registry, clock),
        },
        JobsLifecycle,
      ],
      exports: [JobQueue, JobRunner, JobRegistry],
    };
  }
}
