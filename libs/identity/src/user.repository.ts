import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { preparedQuery } from '@splitwork/database';
import { Role } from '@splitwork/kernel';
import { UserEntity } from './user.entity';

export type UserAccount = Pick<UserEntity, 'id' | 'email' | 'displayName' | 'roles' | 'createdAt'>;

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** What an account shows of itself (no password hash), in one prepared statement. */
  async account(id: string): Promise<UserAccount | null> {
    const [row] = await preparedQuery<UserAccount>(
      this.dataSource,
      `SELECT id, email, display_name AS "displayName", roles, created_at AS "createdAt"
         FROM users WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.repo().findBy({ id: In([...ids]) });
  }

  /** Those of `ids` that belong to users holding `role`. */
  async idsWithRole(ids: readonly string[], role: Role): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND $2 = ANY(roles)`,
      [[...ids], role],
    );
    return rows.map((r) => r.id);
  }

  /** Every user holding `role` (e.g. the admins to tell of a dispute). */
  async idsOfRole(role: Role, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `SELECT id FROM users WHERE $1 = ANY(roles) ORDER BY id`,
      [role],
    );
    return rows.map((r) => r.id);
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  insert(
    user: Pick<UserEntity, 'email' | 'displayName' | 'passwordHash' | 'roles'>,
    manager?: EntityManager,
  ) {
    return this.repo(manager).save(this.repo(manager).create(user));
  }

  save(user: UserEntity, manager?: EntityManager): Promise<UserEntity> {
    return this.repo(manager).save(user);
  }

  listQuery() {
    return this.repo().createQueryBuilder('u');
  }
}
