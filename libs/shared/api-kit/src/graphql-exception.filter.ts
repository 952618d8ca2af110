import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Lets errors of GraphQL resolvers through to the error formatting, which
 * logs each at its level (client errors at debug, unexpected ones at error).
 * Without it Nest logs every one of them, a NOT_FOUND included, as an error
 * with a stack. HTTP controllers keep Nest's usual handling.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() === 'graphql') throw exception;
    super.catch(exception, host);
  }
}
