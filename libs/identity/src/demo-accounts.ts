import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '@splitwork/config';
import { Role } from '@splitwork/kernel';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenEntity } from './refresh-token.entity';
import { ReviewerApplicationService } from './reviewer-application.service';
import { UserRepository } from './user.repository';

/** The public password of the demo accounts outside production (it is in the README). */
export const DEMO_PASSWORD = 'splitwork-demo-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  roles: Role[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'owner@demo.splitwork.dev', displayName: 'Olivia Owner', roles: [Role.OWNER] },
  {
    email: 'freelancer@demo.splitwork.dev',
    displayName: 'Frank Freelancer',
    roles: [Role.FREELANCER],
  },
  { email: 'reviewer@demo.splitwork.dev', displayName: 'Rita Reviewer', roles: [Role.REVIEWER] },
  { email: 'admin@demo.splitwork.dev', displayName: 'Ada Admin', roles: [Role.ADMIN] },
];

/**
 * Roles a demo account never gets in production, even on request: an admin
 * runs the platform and a reviewer's approval releases money, so neither is
 * created from a seed; they are granted to real, vetted people.
 */
const PRIVILEGED_ROLES: readonly Role[] = [Role.ADMIN, Role.REVIEWER];

/** The demo accounts this configuration seeds, and the password they get. */
export function demoSeedPlan(config: AppConfig): {
  accounts: readonly DemoAccount[];
  password: string;
} {
  if (!config.isProduction) {
    return { accounts: DEMO_ACCOUNTS, password: config.DEMO_ACCOUNT_PASSWORD ?? DEMO_PASSWORD };
  }
  return {
    accounts: DEMO_ACCOUNTS.filter((a) => !a.roles.some((r) => PRIVILEGED_ROLES.includes(r))),
    // Required (and checked for strength) by the config whenever production seeds.
    password: config.DEMO_ACCOUNT_PASSWORD!,
  };
}

/** Demo accounts at start: seeded only when asked; in production never with a known password. */
@Injectable()
export class DemoAccounts {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly reviewerApplications: ReviewerApplicationService,
  ) {}

  /** What a process does with the demo accounts when it starts. */
  async atStart(): Promise<void> {
    if (this.config.isProduction) await this.retirePublicPassword();
    if (this.config.seedsDemoData) await this.seed();
  }

  /** Creates the demo accounts of `demoSeedPlan` that are missing; safe to run at every start. */
  async seed(): Promise<void> {
    const { accounts, password } = demoSeedPlan(this.config);
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      for (const account of accounts) {
        if (await this.users.findByEmail(account.email, manager)) continue;
        const user = await this.users.insert({ ...account, passwordHash }, manager);
        // The demo reviewer is vetted already: its approval is on record like anyone's.
        if (account.roles.includes(Role.REVIEWER)) {
          await this.reviewerApplications.recordApproved(user.id, 'Demo account', manager);
        }
      }
    });
    this.logger.log(`demo accounts ready: ${accounts.map((a) => a.email).join(', ')}`);
  }

  /**
   * A database that was once seeded outside production (or by an earlier
   * version) keeps demo accounts whose password is public. In production
   * those accounts are shut: the password is replaced by a random one nobody
   * knows and their sessions are revoked. Returns the emails shut.
   */
  async retirePublicPassword(): Promise<string[]> {
    const retired: string[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const user = await this.users.findByEmail(account.email);
      if (!user || !(await this.hasher.verify(user.passwordHash, DEMO_PASSWORD))) continue;
      const passwordHash = await this.hasher.hash(randomBytes(32).toString('base64url'));
      await this.dataSource.transaction(async (manager) => {
        await this.users.save(Object.assign(user, { passwordHash }), manager);
        await manager
          .getRepository(RefreshTokenEntity)
          .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      });
      retired.push(account.email);
    }
    if (retired.length > 0) {
      this.logger.warn(
        `production: demo accounts with the public demo password were shut (password replaced, sessions revoked): ${retired.join(', ')}`,
      );
    }
    return retired;
  }
}
