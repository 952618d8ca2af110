import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLExceptionFilter, inputValidationPipe } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { CoreModule, HTTP_LOGGER } from '@splitwork/runtime';
import { GraphqlHttpDriver, GraphqlHttpDriverConfig } from './graphql-http/graphql-http.driver';
import { graphqlOptions } from './graphql.options';
import { HealthController } from './health.controller';

@Module({
  imports: [
    CoreModule.forRoot('api'),
    GraphQLModule.forRootAsync<GraphqlHttpDriverConfig>({
      driver: GraphqlHttpDriver,
      inject: [AppConfig, HTTP_LOGGER],
      useFactory: graphqlOptions,
    }),
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useFactory: inputValidationPipe },
    { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
  ],
})
export class AppModule {}
