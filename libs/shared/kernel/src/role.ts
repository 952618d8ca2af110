export enum Role {
  OWNER = 'OWNER',
  FREELANCER = 'FREELANCER',
  REVIEWER = 'REVIEWER',
  ADMIN = 'ADMIN',
}

/** Roles anyone may give themselves at sign-up; ADMIN is granted by an admin only. */
export const SELF_SERVICE_ROLES: readonly Role[] = [Role.OWNER, Role.FREELANCER, Role.REVIEWER];
