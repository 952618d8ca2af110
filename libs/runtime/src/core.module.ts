import {
  DynamicModule,
  Global,
  Inject,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { LoggerOptions, pino } from 'pino';
import { PlatformModule } from '@splitwork/api-kit';
import { AppConfig, ConfigModule } from '@splitwork/config';
import { DatabaseModule, SAFE_ERROR_LOGGING } from '@splitwork/database';
import { IdentityModule } from '@splitwork/identity';
import { JobsModule } from '@splitwork/jobs';
import { MarketplaceModule } from '@splitwork/marketplace';
import { NotificationsModule } from '@splitwork/notifications';
import { PaymentsModule } from '@splitwork/payments';
import { PlanningModule } from '@splitwork/planning';
import { FlowsModule } from './flows/flows.module';
import { bufferedStdout } from './log-destination';
import {
  endLineWriter,
  REDACTED_PATHS,
  RequestLogging,
  requestLogging,
  serializeLoggedRequest,
} from './request-log';

/** The logger of a process: JSON lines, secrets and SQL parameters kept out. */
export function loggerOptions(config: AppConfig, role: 'api' | 'worker'): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    base: { service: `splitwork-${role}` },
    redact: REDACTED_PATHS,
    ...SAFE_ERROR_LOGGING,
    serializers: {
      ...SAFE_ERROR_LOGGING.serializers,
      req: serializeLoggedRequest,
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  };
}

/** The process's request logging (RequestLogging); its `logger` is the root logger. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * One request logging for the process. Each request gets an id, `req.log`
 * (a child logger carrying the request) and one line when it ends; the
 * GraphQL context carries `req`, so anything logged for a request can say
 * which one. Nest's loggers write through the same root. No
 * AsyncLocalStorage: nestjs-pino's per-request middleware (storage.run
 * around every request) would turn on promise hooks for every promise of
 * every request.
 */
@Global()
@Module({})
class HttpLoggingModule {
  static forRole(role: 'api' | 'worker'): DynamicModule {
    return {
      module: HttpLoggingModule,
      imports: [ConfigModule],
      providers: [
        {
          provide: HTTP_LOGGER,
          inject: [AppConfig],
          useFactory: (config: AppConfig): RequestLogging => {
            const options = loggerOptions(config, role);
            const stream = bufferedStdout();
            const logger = pino(options, stream);
            return requestLogging(logger, {
              ignore: (req) => req.url?.startsWith('/health') ?? false,
              endLines: endLineWriter(logger, (line) => stream.write(line)),
            });
          },
        },
      ],
      exports: [HTTP_LOGGER],
    };
  }
}

/** The bounded contexts; both the API and the worker boot all of them. */
export const DOMAIN_MODULES = [
  IdentityModule,
  PlanningModule,
  PaymentsModule,
  MarketplaceModule,
  NotificationsModule,
];

/**
 * What every Splitwork process is made of: validated config, JSON logs,
 * clock/Redis/event bus, the database with its migrations, the job queue,
 * the domain modules and the flows between them.
 */
@Module({})
export class CoreModule implements NestModule {
  constructor(@Inject(HTTP_LOGGER) private readonly httpLogger: RequestLogging) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.httpLogger).forRoutes({ path: '*', method: RequestMethod.ALL });
  }

  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule,
        HttpLoggingModule.forRole(role),
        // Nest's Logger API over the same root logger; its own request
        // middleware is mounted on no route (see HttpLoggingModule).
        LoggerModule.forRootAsync({
          inject: [HTTP_LOGGER],
          useFactory: (http: RequestLogging) => ({
            pinoHttp: { logger: http.logger },
            useExisting: true,
            forRoutes: [],
          }),
        }),
        PlatformModule,
        DatabaseModule,
        JobsModule.forRoot({ role }),
        ...DOMAIN_MODULES,
        FlowsModule,
      ],
    };
  }
}
