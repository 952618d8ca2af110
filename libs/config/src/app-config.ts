import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  registerDecorator,
  Validate,
  ValidateBy,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';
import { isIP } from 'node:net';
import { secretWeakness } from './secret-strength';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

/** Express's names for address ranges, accepted in TRUST_PROXY lists. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Express's `trust proxy` setting: false (`none`), a hop
 * count, or a list of addresses/CIDRs; undefined when it is none of these.
 */
export function parseTrustProxy(value: string): false | number | string[] | undefined {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'none' || v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v) <= 32 ? Number(v) : undefined;
  const entries = v.split(',').map((e) => e.trim());
  return entries.every(isAddressOrCidr) ? entries : undefined;
}

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A decimal number from its text; empty is unset; anything else is left for the validator to refuse. */
const toNumber = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (v === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : value;
};

/**
 * In production, the secret must not be a placeholder or guessable (see
 * secretWeakness); `prefix` is a fixed part (Stripe's `whsec_`) left out of
 * the estimate. Development and test accept any value the other rules allow.
 */
function StrongSecretInProduction(prefix = ''): PropertyDecorator {
  const weakness = (args: ValidationArguments): string | undefined => {
    const value: unknown = args.value;
    if (typeof value !== 'string' || !value.startsWith(prefix)) return undefined;
    return secretWeakness(value.slice(prefix.length));
  };
  return (target, propertyName) =>
    registerDecorator({
      name: 'strongSecretInProduction',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          (args.object as AppConfig).NODE_ENV !== 'production' || weakness(args) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property}${prefix ? ` (after ${prefix})` : ''} ${weakness(args) ?? 'is weak'} (production refuses weak secrets)`,
      },
    });
}

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

  /** Prefix of every Redis key (rate limits): deployments sharing one Redis keep apart. */
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX must be 1 to 64 letters, digits, or . _ : -',
  })
  REDIS_KEY_PREFIX = 'splitwork:';

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
  @StrongSecretInProduction()
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

  // --- HTTP edge: client address and log-in throttling ---

  /**
   * Proxies whose X-Forwarded-For is believed: `none` (the default: the
   * socket's peer is the client), a hop count, or a comma-separated list of
   * proxy addresses/CIDRs.
   */
  @ValidateBy(
    {
      name: 'trustProxy',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && parseTrustProxy(v) !== undefined,
      },
    },
    {
      message:
        'TRUST_PROXY must be none, a hop count (0-32), or a comma-separated list of addresses/CIDRs',
    },
  )
  TRUST_PROXY = 'none';

  /** Failed log-ins allowed for one email from one address before it is locked, with a doubling lock. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_LOGIN_BACKOFF_AFTER = 5;

  /** The longest lock of one email from one address after repeated failures. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  AUTH_LOGIN_BACKOFF_MAX_SECONDS = 900;

  /** Failed log-ins one address may make per hour, across all emails. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 100;

  /** Sign-ups one address may make per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR = 10;

  /** Express's `trust proxy` setting from TRUST_PROXY. */
  get trustProxy(): false | number | string[] {
    return parseTrustProxy(this.TRUST_PROXY) ?? false;
  }

  // --- GraphQL limits ---

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

  /**
   * Seeds the demo accounts at start. Unset: yes in development and test
   * (zero-setup mode), never in production; see `seedsDemoData`.
   */
  @Transform(({ value }) => toBool({ value: emptyToUndefined({ value }) }))
  @IsOptional()
  @IsBoolean()
  SEED_DEMO_DATA?: boolean;

  /**
   * Password of the demo accounts. Required when production is asked to seed
   * them (the public demo password is never used there); in development the
   * public one applies when unset.
   */
  @Transform(emptyToUndefined)
  @ValidateIf(
    (c: AppConfig) =>
      (c.NODE_ENV === 'production' && c.SEED_DEMO_DATA === true) ||
      c.DEMO_ACCOUNT_PASSWORD !== undefined,
  )
  @IsString({ message: 'DEMO_ACCOUNT_PASSWORD is required when production seeds demo accounts' })
  @MinLength(12, { message: 'DEMO_ACCOUNT_PASSWORD must be at least 12 characters' })
  @StrongSecretInProduction()
  DEMO_ACCOUNT_PASSWORD?: string;

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

  // --- LLM planner (used when OPENAI_API_KEY is set); see README "Local models" ---

  /** Longest wait for an answer's first token; a busy single-slot server's queue counts here, not as a gap. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_FIRST_TOKEN_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(1_000)
  @Max(3_600_000)
  LLM_FIRST_TOKEN_TIMEOUT_MS = 600_000;

  /** Longest silence between two streamed tokens of an answer. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_TOKEN_GAP_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(100)
  @Max(600_000)
  LLM_TOKEN_GAP_TIMEOUT_MS = 60_000;

  /** Retries of one model call (429, 5xx, connection errors, stalled streams). */
  @Transform(toInt)
  @IsInt({ message: 'LLM_MAX_RETRIES must be a whole number' })
  @Min(0)
  @Max(10)
  LLM_MAX_RETRIES = 2;

  /** Corrections asked for per conversation when an answer has problems. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_MAX_REPAIRS must be a whole number' })
  @Min(0)
  @Max(10)
  LLM_MAX_REPAIRS = 2;

  /** Cut-off answers continued from their last complete task, per conversation. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_MAX_CONTINUATIONS must be a whole number' })
  @Min(0)
  @Max(10)
  LLM_MAX_CONTINUATIONS = 3;

  /** Feature calls of a long brief in flight at once (1 for a single-slot local server). */
  @Transform(toInt)
  @IsInt({ message: 'LLM_FEATURE_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(32)
  LLM_FEATURE_CONCURRENCY = 3;

  /** Briefs longer than this (characters) are planned as an outline and one call per feature. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_LONG_BRIEF_CHARS must be a whole number' })
  @Min(500)
  LLM_LONG_BRIEF_CHARS = 12_000;

  /** The model's context window in tokens; unset: 128 000 for OpenAI models, 8 192 for others. */
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'LLM_CONTEXT_TOKENS must be a whole number of tokens' })
  @Min(1_024)
  LLM_CONTEXT_TOKENS?: number;

  /** Upper bound of one answer's max_tokens. */
  @Transform(toInt)
  @IsInt({ message: 'LLM_MAX_OUTPUT_TOKENS must be a whole number of tokens' })
  @Min(256)
  LLM_MAX_OUTPUT_TOKENS = 16_384;

  /** USD per million prompt tokens (0 for a self-hosted model); unset: OpenAI's list price, or unknown. */
  @Transform(toNumber)
  @ValidateIf(
    (c: AppConfig) =>
      c.LLM_PRICE_INPUT_PER_MILLION_USD !== undefined ||
      c.LLM_PRICE_OUTPUT_PER_MILLION_USD !== undefined,
  )
  @IsNumber(
    {},
    {
      message:
        'LLM_PRICE_INPUT_PER_MILLION_USD must be a number when LLM_PRICE_OUTPUT_PER_MILLION_USD is set',
    },
  )
  @Min(0)
  LLM_PRICE_INPUT_PER_MILLION_USD?: number;

  /** USD per million answer tokens; set together with LLM_PRICE_INPUT_PER_MILLION_USD. */
  @Transform(toNumber)
  @ValidateIf(
    (c: AppConfig) =>
      c.LLM_PRICE_INPUT_PER_MILLION_USD !== undefined ||
      c.LLM_PRICE_OUTPUT_PER_MILLION_USD !== undefined,
  )
  @IsNumber(
    {},
    {
      message:
        'LLM_PRICE_OUTPUT_PER_MILLION_USD must be a number when LLM_PRICE_INPUT_PER_MILLION_USD is set',
    },
  )
  @Min(0)
  LLM_PRICE_OUTPUT_PER_MILLION_USD?: number;

  /** auto: json_schema, then json_object, then the schema in the prompt, as the server accepts. */
  @IsIn(['auto', 'json_schema', 'json_object', 'prompt'], {
    message: 'LLM_RESPONSE_FORMAT must be one of auto, json_schema, json_object, prompt',
  })
  LLM_RESPONSE_FORMAT: 'auto' | 'json_schema' | 'json_object' | 'prompt' = 'auto';

  /** When the LLM path fails, plan with the offline planner; the run says so and why. */
  @Transform(toBool)
  @IsBoolean({ message: 'LLM_OFFLINE_FALLBACK must be true or false' })
  LLM_OFFLINE_FALLBACK = false;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_/, { message: 'STRIPE_SECRET_KEY must be a Stripe secret key' })
  STRIPE_SECRET_KEY?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.STRIPE_SECRET_KEY !== undefined)
  @Matches(/^whsec_/, {
    message: 'STRIPE_WEBHOOK_SECRET (whsec_...) is required when STRIPE_SECRET_KEY is set',
  })
  @StrongSecretInProduction('whsec_')
  STRIPE_WEBHOOK_SECRET?: string;

  /** Publishable key (pk_...) the web app's Payment Element uses in Stripe mode; public by design. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^pk_(test|live)_\w+$/, {
    message: 'STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_test_… or pk_live_…)',
  })
  STRIPE_PUBLISHABLE_KEY?: string;

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

  /** Days after a task's approval during which its owner may dispute it. */
  @Transform(toInt)
  @IsInt({ message: 'DISPUTE_WINDOW_DAYS must be a whole number of days' })
  @Min(1)
  @Max(365)
  DISPUTE_WINDOW_DAYS = 14;

  /**
   * On a project without an expert, how many of the reviewers the review
   * queue offers a submitted task to are told it waits (the best-fitting).
   */
  @Transform(toInt)
  @IsInt({ message: 'REVIEW_QUEUE_NOTIFY_LIMIT must be a whole number of reviewers' })
  @Min(0)
  @Max(100)
  REVIEW_QUEUE_NOTIFY_LIMIT = 5;

  // --- Marketplace policy overrides ---
  // Each default and its limits live in the marketplace's domain rules
  // (claim and review policies); unset means the default, and a value out of
  // the rule's limits stops start-up naming the variable and the rule.

  /** Tasks one freelancer may hold claimed at once. */
  @Transform(toNumber)
  @IsOptional()
  @IsNumber({}, { message: 'MAX_ACTIVE_CLAIMS must be a number' })
  MAX_ACTIVE_CLAIMS?: number;

  /** A claim's deadline: the task's likely hours × this, within the two bounds below. */
  @Transform(toNumber)
  @IsOptional()
  @IsNumber({}, { message: 'CLAIM_DEADLINE_MULTIPLE must be a number' })
  CLAIM_DEADLINE_MULTIPLE?: number;

  @Transform(toNumber)
  @IsOptional()
  @IsNumber({}, { message: 'CLAIM_MIN_HOURS must be a number' })
  CLAIM_MIN_HOURS?: number;

  @Transform(toNumber)
  @IsOptional()
  @IsNumber({}, { message: 'CLAIM_MAX_HOURS must be a number' })
  CLAIM_MAX_HOURS?: number;

  /** After a claim expires, its freelancer may not claim that task again for this long. */
  @Transform(toNumber)
  @IsOptional()
  @IsNumber({}, { message: 'CLAIM_COOLDOWN_HOURS must be a number' })
  CLAIM_COOLDOWN_HOURS?: number;

  /** A submission nobody reviewed within this delay is approved automatically. */
  @Transform(toNumber)
  @IsOptional()
  @IsNumber({}, { message: 'AUTO_APPROVE_AFTER_HOURS must be a number' })
  AUTO_APPROVE_AFTER_HOURS?: number;

  /** Submissions a task may go through before the reviewer must approve or reject. */
  @Transform(toNumber)
  @IsOptional()
  @IsNumber({}, { message: 'MAX_REVISIONS must be a number' })
  MAX_REVISIONS?: number;

  // --- Task threads ---

  /** Most characters of one task-thread message (Markdown source). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  TASK_MESSAGE_MAX_LENGTH = 4000;

  /** Task-thread messages (posts and edits) one user may write per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  TASK_MESSAGES_PER_MINUTE = 10;

  /** How long after posting its author may still edit a task-thread message. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10080)
  TASK_MESSAGE_EDIT_WINDOW_MINUTES = 15;

  /** Base URL users reach the product at (Stripe onboarding return and refresh links). */
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be a URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Folder of the built web app (`vite build`), served at `/`; without its index.html the API serves GraphQL only. */
  @IsString()
  @MinLength(1, { message: 'WEB_APP_DIR must name a folder' })
  WEB_APP_DIR = 'dist/apps/web';

  /**
   * SMTP server for notification emails (smtp:// or smtps://, optional
   * user:password@). Without it emails are written as .eml files under
   * `<SPLITWORK_DATA_DIR>/mail/`.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of notification emails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Splitwork <no-reply@localhost>';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Whether the demo accounts are seeded: only on request in production. */
  get seedsDemoData(): boolean {
    return this.SEED_DEMO_DATA ?? !this.isProduction;
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
  const known = new Set(configVariables());
  const raw = Object.fromEntries(Object.entries(env).filter(([key]) => known.has(key)));
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(
      // The rule and the variable's name only: a rejected value may be a near-valid
      // secret or a URL with a password, and the message lands in logs.
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return config;
}

/** Every variable the configuration reads: those with a default, and the optional ones. */
export function configVariables(): string[] {
  return Object.keys(new AppConfig()).concat(knownOptional);
}

const knownOptional = [
  'SEED_DEMO_DATA',
  'DEMO_ACCOUNT_PASSWORD',
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'LLM_CONTEXT_TOKENS',
  'LLM_PRICE_INPUT_PER_MILLION_USD',
  'LLM_PRICE_OUTPUT_PER_MILLION_USD',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_API_URL',
  'STRIPE_PUBLISHABLE_KEY',
  'MAX_ACTIVE_CLAIMS',
  'CLAIM_DEADLINE_MULTIPLE',
  'CLAIM_MIN_HOURS',
  'CLAIM_MAX_HOURS',
  'CLAIM_COOLDOWN_HOURS',
  'AUTO_APPROVE_AFTER_HOURS',
  'MAX_REVISIONS',
  'SMTP_URL',
];
