import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@splitwork/config';
import { AccessGuard } from './access.guard';
import { AuthResolver } from './auth.resolver';
import { AuthThrottle } from './auth-throttle';
import { AuthService } from './auth.service';
import { DemoAccounts } from './demo-accounts';
import { jwtSecret } from './jwt-secret';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenEntity } from './refresh-token.entity';
import { ReviewerApplicationEntity } from './reviewer-application.entity';
import { ReviewerApplicationResolver } from './reviewer-application.resolver';
import { ReviewerApplicationService } from './reviewer-application.service';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity, ReviewerApplicationEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A key object made once: given the secret as text, jsonwebtoken would
      // build one on every sign and verify.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(jwtSecret(config), 'utf8')),
      }),
    }),
  ],
  providers: [
    AuthService,
    AuthThrottle,
    TokenService,
    UserRepository,
    AuthResolver,
    ReviewerApplicationService,
    ReviewerApplicationResolver,
    DemoAccounts,
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokenService, UserRepository, DemoAccounts, PasswordHasher],
})
export class IdentityModule {}
