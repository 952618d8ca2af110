import { GraphQLError } from 'graphql';
import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@splitwork/kernel';
import { formatGraphQLError, stripSuggestions } from '../error-formatting';

const silent = { error: jest.fn(), debug: jest.fn() } as unknown as Logger;

function format(original: unknown) {
  const wrapped = new GraphQLError('wrapped', { originalError: original as Error, path: ['x'] });
  return formatGraphQLError({ message: 'wrapped', path: ['x'] }, wrapped, silent);
}

describe('formatGraphQLError', () => {
  it('shows a domain error with its code and details', () => {
    const out = format(DomainError.conflict('Taken', { field: 'email' }));
    expect(out).toMatchObject({
      message: 'Taken',
      extensions: { code: 'CONFLICT', field: 'email' },
    });
  });

  it('hides an unexpected error behind a generic message and logs it', () => {
    const out = format(new TypeError('cannot read property x of undefined at secret.ts:12'));
    expect(out.message).toBe('Internal server error');
    expect(out.extensions).toEqual({ code: ErrorCode.INTERNAL });
    expect(silent.error).toHaveBeenCalled();
  });

  it('keeps the code of a GraphQL validation error', () => {
    const error = new GraphQLError('Cannot query field', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const out = formatGraphQLError(
      { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      error,
      silent,
    );
    expect(out.extensions).toEqual({ code: ErrorCode.GRAPHQL_VALIDATION_FAILED });
  });

  it('logs a client error such as NOT_FOUND at debug level, not as an error', () => {
    const logger = { error: jest.fn(), debug: jest.fn() } as unknown as Logger;
    const wrapped = new GraphQLError('wrapped', {
      originalError: DomainError.notFound('Project', 'p1'),
      path: ['project'],
    });
    const out = formatGraphQLError({ message: 'wrapped', path: ['project'] }, wrapped, logger);
    expect(out.extensions).toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.debug).toHaveBeenCalled();
  });

  it('keeps the code of a request refusal and masks a code that is not ours', () => {
    const logger = { error: jest.fn(), debug: jest.fn() } as unknown as Logger;
    const refusal = new GraphQLError('refused', { extensions: { code: 'BAD_REQUEST' } });
    const kept = formatGraphQLError(
      { message: 'refused', extensions: { code: 'BAD_REQUEST' } },
      refusal,
      logger,
    );
    expect(kept).toMatchObject({ message: 'refused', extensions: { code: ErrorCode.BAD_REQUEST } });
    expect(logger.error).not.toHaveBeenCalled();
    const foreign = new GraphQLError('odd', { extensions: { code: 'SOMETHING_ELSE' } });
    const masked = formatGraphQLError(
      { message: 'odd', extensions: { code: 'SOMETHING_ELSE' } },
      foreign,
      logger,
    );
    expect(masked.extensions).toEqual({ code: ErrorCode.INTERNAL });
  });

  it('logs an unexpected error without its extra properties (query parameters)', () => {
    const logger = { error: jest.fn(), debug: jest.fn() } as unknown as Logger;
    const failure = Object.assign(new Error('duplicate key'), { parameters: ['secret-hash'] });
    const wrapped = new GraphQLError('wrapped', { originalError: failure, path: ['x'] });
    formatGraphQLError({ message: 'wrapped', path: ['x'] }, wrapped, logger);
    expect(logger.error).toHaveBeenCalled();
    expect(JSON.stringify((logger.error as jest.Mock).mock.calls)).not.toContain('secret-hash');
  });

  it('strips every kind of suggestion when asked to', () => {
    const messages = [
      'Cannot query field "mee" on type "Query". Did you mean "me"?',
      'Value "OWNR" does not exist in "Role" enum. Did you mean the enum value "OWNER"?',
      'Unknown type "Rol". Did you mean "Role" or "Roles"?',
    ];
    for (const m of messages) expect(stripSuggestions(m)).not.toMatch(/Did you mean/);
    const error = new GraphQLError(messages[0], {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const out = formatGraphQLError(
      { message: messages[0], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      error,
      silent,
      { hideSuggestions: true },
    );
    expect(out.message).toBe('Cannot query field "mee" on type "Query".');
  });
});
