import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, GqlContext } from '@splitwork/api-kit';
import { UserRepository } from '@splitwork/identity';
import { ReviewAuthorModel } from './dto/review-author.model';
import { ReviewModel } from './dto/review.model';

/** The author of a review, by public name, loaded once per request. */
@Resolver(() => ReviewModel)
export class ReviewAuthorResolver {
  constructor(private readonly users: UserRepository) {}

  @ResolveField(() => ReviewAuthorModel, {
    nullable: true,
    description: 'Null for an automatic approval.',
  })
  async reviewer(
    @Parent() review: ReviewModel,
    @Context() ctx: GqlContext,
  ): Promise<ReviewAuthorModel | null> {
    if (!review.reviewerId) return null;
    const loader = ctx.loaders.get<string, ReviewAuthorModel | null>(
      'reviewAuthor.byId',
      async (ids) =>
        byKeys(
          ids,
          (await this.users.findByIds(ids)).map((u) =>
            Object.assign(new ReviewAuthorModel(), { id: u.id, displayName: u.displayName }),
          ),
          (u) => u.id,
        ),
    );
    return loader.load(review.reviewerId);
  }
}
