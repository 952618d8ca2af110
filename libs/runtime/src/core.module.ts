import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
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
import { REDACTED_PATHS, serializeRequest } from './request-log';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Accepts the caller's X-Request-Id when it is sane, else makes one; echoes it back. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** The HTTP logger of a process: JSON lines, secrets and SQL parameters kept out. */
export function pinoHttpOptions(config: AppConfig, role: 'api' | 'worker') {
  return {
    level: config.LOG_LEVEL,
    base: { service: `splitwork-${role}` },
    genReqId: requestId,
    redact: REDACTED_PATHS,
    autoLogging: {
      ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false,
    },
    ...SAFE_ERROR_LOGGING,
    serializers: { ...SAFE_ERROR_LOGGING.serializers, req: serializeRequest },
  };
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
export class CoreModule {
  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule,
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ pinoHttp: pinoHttpOptions(config, role) }),
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
