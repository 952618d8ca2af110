import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  ConnectionArgs,
  CurrentViewer,
  GqlContext,
  keysetConnection,
  Public,
  Viewer,
} from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { AuthPayload } from './dto/auth.payload';
import { GrantRolePayload } from './dto/grant-role.payload';
import { LogOutPayload } from './dto/log-out.payload';
import { GrantRoleInput } from './dto/grant-role.input';
import { LogInInput } from './dto/log-in.input';
import { LogOutInput } from './dto/log-out.input';
import { RefreshSessionInput } from './dto/refresh-session.input';
import { SignUpInput } from './dto/sign-up.input';
import { UserConnection } from './dto/user-connection.model';
import { UserModel } from './dto/user.model';
import { AuthService, Session } from './auth.service';
import { UserRepository } from './user.repository';

function toPayload(session: Session): AuthPayload {
  return Object.assign(new AuthPayload(), { ...session, user: UserModel.from(session.user) });
}

@Resolver(() => UserModel)
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly userRepository: UserRepository,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Creates an account and opens a session.' })
  async signUp(
    @Args('input') input: SignUpInput,
    @Context() ctx: GqlContext,
  ): Promise<AuthPayload> {
    return toPayload(await this.auth.signUp(input, ctx.clientAddress));
  }

  @Public()
  @Mutation(() => AuthPayload)
  async logIn(@Args('input') input: LogInInput, @Context() ctx: GqlContext): Promise<AuthPayload> {
    return toPayload(await this.auth.logIn(input.email, input.password, ctx.clientAddress));
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Trades a refresh token for a new session.' })
  async refreshSession(@Args('input') input: RefreshSessionInput): Promise<AuthPayload> {
    return toPayload(await this.auth.refresh(input.refreshToken));
  }

  @Authenticated()
  @Mutation(() => LogOutPayload)
  async logOut(
    @Args('input') input: LogOutInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<LogOutPayload> {
    await this.auth.logOut(viewer, input.refreshToken);
    return { loggedOut: true };
  }

  @Authenticated()
  @Query(() => UserModel, { description: 'The signed-in user.' })
  async me(@CurrentViewer() viewer: Viewer): Promise<UserModel> {
    return UserModel.from(await this.auth.me(viewer));
  }

  @Authenticated(Role.ADMIN)
  @Query(() => UserConnection, { description: 'All users, newest first (admin).' })
  users(@Args() args: ConnectionArgs): Promise<UserConnection> {
    return keysetConnection(
      this.userRepository.listQuery(),
      {
        alias: 'u',
        sortColumn: 'created_at',
        direction: 'DESC',
        first: args.first,
        after: args.after,
        sortValueOf: (u) => u.createdAt.toISOString(),
      },
      (u) => UserModel.from(u),
    );
  }

  @Authenticated(Role.ADMIN)
  @Mutation(() => GrantRolePayload, {
    description: 'Adds a role to a user, ADMIN included (admin).',
  })
  async grantRole(@Args('input') input: GrantRoleInput): Promise<GrantRolePayload> {
    return { user: UserModel.from(await this.auth.grantRole(input.userId, input.role)) };
  }
}
