import { GraphQLError } from 'graphql';
import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@splitwork/kernel';
import { formatGraphQLError } from '../error-formatting';

const silent = { error: jest.fn() } as unknown as Logger;

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
});
