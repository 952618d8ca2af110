import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@splitwork/kernel';
import { PasswordHasher } from './password-hasher';
import { ReviewerApplicationService } from './reviewer-application.service';
import { UserRepository } from './user.repository';

export const DEMO_PASSWORD = 'splitwork-demo-2026';

export const DEMO_ACCOUNTS: readonly { email: string; displayName: string; roles: Role[] }[] = [
  { email: 'owner@demo.splitwork.dev', displayName: 'Olivia Owner', roles: [Role.OWNER] },
  {
    email: 'freelancer@demo.splitwork.dev',
    displayName: 'Frank Freelancer',
    roles: [Role.FREELANCER],
  },
  { email: 'reviewer@demo.splitwork.dev', displayName: 'Rita Reviewer', roles: [Role.REVIEWER] },
  { email: 'admin@demo.splitwork.dev', displayName: 'Ada Admin', roles: [Role.ADMIN] },
];

/** Creates the demo accounts (one per role) that are missing; safe to run at every start. */
@Injectable()
export class DemoAccounts {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly reviewerApplications: ReviewerApplicationService,
  ) {}

  async seed(): Promise<void> {
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    await this.dataSource.transaction(async (manager) => {
      for (const account of DEMO_ACCOUNTS) {
        if (await this.users.findByEmail(account.email, manager)) continue;
        const user = await this.users.insert({ ...account, passwordHash }, manager);
        // The demo reviewer is vetted already: its approval is on record like anyone's.
        if (account.roles.includes(Role.REVIEWER)) {
          await this.reviewerApplications.recordApproved(user.id, 'Demo account', manager);
        }
      }
    });
    this.logger.log('demo accounts ready');
  }
}
