import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** One missed heartbeat must not cost a job its lease. */
@ValidatorConstraint({ name: 'halfOfLease' })
class HalfOfLease implements ValidatorConstraintInterface {
  validate(heartbeatMs: unknown, args: ValidationArguments): boolean {
    const { JOBS_LEASE_MS } = args.object as AppConfig;
    return typeof heartbeatMs === 'number' && heartbeatMs * 2 <= JOBS_LEASE_MS;
  }

  defaultMessage(): string {
    return 'JOBS_HEARTBEAT_MS must be at most half of JOBS_LEASE_MS';
  }
}

/**
 * Every setting the processes read, validated once at boot. Each property is
 * named after its environment variable; the README's configuration table
 * lists them all.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** A PostgreSQL server; without it the embedded database is used. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Folder of the embedded database (and other local state in zero-setup mode). */
  @IsString()
  @MinLength(1)
  SPLITWORK_DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Queues and cross-replica subscriptions; without it both stay in-process. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Runs the background jobs inside this process too (zero-setup mode). */
  @Transform(toBool)
  @IsBoolean()
  JOBS_IN_PROCESS = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  JOBS_CONCURRENCY = 4;

  /**
   * `embedded`: the in-process runner on the job_queue table; `graphile`:
   * graphile-worker on the PostgreSQL server; `auto` picks graphile exactly
   * when DATABASE_URL is set.
   */
  @IsIn(['auto', 'embedded', 'graphile'])
  JOB_RUNNER: 'auto' | 'embedded' | 'graphile' = 'auto';

  /**
   * How long a job stays owned by the runner that took it without a
   * heartbeat; after that (the runner died or stalled) another runner takes
   * it again and the old execution's writes are refused.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  JOBS_LEASE_MS = 20_000;

  /** How often a runner renews the leases of the jobs it is running: at most half the lease. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Validate(HalfOfLease)
  JOBS_HEARTBEAT_MS = 5_000;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsString({ message: 'JWT_SECRET is required in production' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Sign-up and log-in attempts allowed per client address and per email, per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  GRAPHQL_MAX_DEPTH = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 15;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_TOKENS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_COST = 5000;

  /** Seeds one demo account per role at start (zero-setup mode). */
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO_DATA = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'OPENAI_BASE_URL must be a URL' },
  )
  OPENAI_BASE_URL?: string;

  @IsString()
  OPENAI_MODEL = 'gpt-4o-mini';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_/, { message: 'STRIPE_SECRET_KEY must be a Stripe secret key' })
  STRIPE_SECRET_KEY?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.STRIPE_SECRET_KEY !== undefined)
  @Matches(/^whsec_/, {
    message: 'STRIPE_WEBHOOK_SECRET (whsec_...) is required when STRIPE_SECRET_KEY is set',
  })
  STRIPE_WEBHOOK_SECRET?: string;

  /** Other Stripe API URL (a local fake in tests); the real API when absent. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'STRIPE_API_URL must be a URL' },
  )
  STRIPE_API_URL?: string;

  /** Platform fee in basis points of each task price (1000 = 10 %). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5000)
  PLATFORM_FEE_BPS = 1000;

  /** Reviewer fee in basis points of each reviewed task's price. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5000)
  REVIEWER_FEE_BPS = 500;

  /** Tasks one freelancer may hold claimed at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAX_ACTIVE_CLAIMS = 3;

  /** A claim's deadline: the task's likely hours × this, within the two bounds below. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24)
  CLAIM_DEADLINE_MULTIPLE = 4;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  CLAIM_MIN_HOURS = 24;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(2160)
  CLAIM_MAX_HOURS = 168;

  /** After a claim expires, its freelancer may not claim that task again for this long. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(2160)
  CLAIM_COOLDOWN_HOURS = 72;

  /** A submission nobody reviewed within this delay is approved automatically. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(2160)
  AUTO_APPROVE_AFTER_HOURS = 72;

  /** Submissions a task may go through before the reviewer must approve or reject. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  MAX_REVISIONS = 3;

  /** Base URL users reach the product at (Stripe onboarding return and refresh links). */
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be a URL' })
  PUBLIC_URL = 'http://localhost:3000';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get usesEmbeddedDatabase(): boolean {
    return this.DATABASE_URL === undefined;
  }

  get jobRunner(): 'embedded' | 'graphile' {
    if (this.JOB_RUNNER !== 'auto') return this.JOB_RUNNER;
    return this.usesEmbeddedDatabase ? 'embedded' : 'graphile';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = new Set(Object.keys(new AppConfig()).concat(knownOptional));
  const raw = Object.fromEntries(Object.entries(env).filter(([key]) => known.has(key)));
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        const messages = Object.values(e.constraints ?? {}).join('; ');
        return `${e.property}: ${messages} (got ${JSON.stringify(e.value)})`;
      }),
    );
  }
  return config;
}

const knownOptional = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_API_URL',
];
