import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { DataSource, QueryFailedError } from 'typeorm';
import { formatGraphQLError } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { loggerOptions } from '@splitwork/runtime';
import { ApiHarness, startApi } from './api-harness';

const HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0LXNhbHQ$c2VjcmV0LWhhc2gtdmFsdWU';

/** A logger built exactly as the processes build theirs, writing into memory. */
function capturedLogger(config: AppConfig) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // Tests run with logs silenced; the level is the only setting changed here.
  const logger = pino({ ...loggerOptions(config, 'api'), level: 'info' }, sink);
  return { logger, output: () => lines.join('') };
}

async function failure(run: () => Promise<unknown>): Promise<QueryFailedError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof QueryFailedError) return error;
    throw error;
  }
  throw new Error('the statement was expected to fail');
}

describe('logs of failing SQL statements', () => {
  let api: ApiHarness;
  let dataSource: DataSource;
  let config: AppConfig;
  beforeAll(async () => {
    api = await startApi();
    dataSource = api.app.get(DataSource);
    config = api.app.get(AppConfig);
  });
  afterAll(() => api?.close());

  it('logs the query text of a unique violation but neither its parameters nor the password hash', async () => {
    const user = await api.newUser();
    const email = user.email.toUpperCase();
    const error = await failure(() =>
      dataSource.query(
        `INSERT INTO users (email, display_name, password_hash, roles) VALUES ($1, $2, $3, '{OWNER}')`,
        [email, 'Secret Name', HASH],
      ),
    );
    // The error object itself carries the values: what matters is what reaches the log.
    expect(JSON.stringify(error.parameters)).toContain('c2VjcmV0LWhhc2gtdmFsdWU');
    const { logger, output } = capturedLogger(config);
    logger.error({ err: error, path: ['signUp'] }, 'unexpected error while executing an operation');
    logger.error({ error }, 'logged under another key');
    logger.error(error);
    const log = output();
    expect(log).toContain('INSERT INTO users');
    expect(log).toContain('users_email_lower_key');
    expect(log).not.toContain('c2VjcmV0LWhhc2gtdmFsdWU');
    expect(log).not.toContain('argon2id');
    expect(log).not.toContain('Secret Name');
    expect(log.toLowerCase()).not.toContain(user.email.toLowerCase());
  });

  it('keeps the parameters of a NUL refused by PostgreSQL out of the error formatter log line', async () => {
    const error = await failure(() =>
      dataSource.query(`SELECT $1::text AS t, $2::text AS h`, ['before\u0000after', HASH]),
    );
    const { logger, output } = capturedLogger(config);
    const nest = { error: (obj: object, msg: string) => logger.error(obj, msg) };
    const formatted = formatGraphQLError(
      { message: error.message, path: ['createProject'] },
      error,
      nest as unknown as Logger,
    );
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const log = output();
    expect(log).toContain('SELECT $1::text');
    expect(log).not.toContain('before');
    expect(log).not.toContain('c2VjcmV0LWhhc2gtdmFsdWU');
  });
});
