import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserRepository } from '@splitwork/identity';
import { DomainError, Role } from '@splitwork/kernel';

/** The refusal of one who is not an approved reviewer (nor an admin). */
export const REVIEWERS_ONLY = 'Only approved reviewers can do this';

/**
 * Reviewing is for approved reviewers (and admins) as the database says now:
 * an access token is trusted for who the caller is, not for this, so a role
 * taken away or never granted cannot ride on an older token.
 */
@Injectable()
export class ReviewerAccess {
  constructor(private readonly users: UserRepository) {}

  async require(userId: string, manager?: EntityManager): Promise<{ admin: boolean }> {
    const user = await this.users.findById(userId, manager);
    if (!user?.roles.some((r) => r === Role.REVIEWER || r === Role.ADMIN)) {
      throw DomainError.forbidden(REVIEWERS_ONLY);
    }
    return { admin: user.roles.includes(Role.ADMIN) };
  }
}
