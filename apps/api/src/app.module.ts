import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLExceptionFilter, inputValidationPipe } from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { CoreModule } from '@splitwork/runtime';
import { graphqlOptions } from './graphql.options';
import { HealthController } from './health.controller';

@Module({
  imports: [
    CoreModule.forRoot('api'),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
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
