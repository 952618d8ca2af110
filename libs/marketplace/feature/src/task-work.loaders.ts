import { GqlContext, groupByKeys, Viewer } from '@splitwork/api-kit';
import { DomainError } from '@splitwork/kernel';
import { ReviewModel } from './dto/review.model';
import { SubmissionModel } from './dto/submission.model';
import { ReviewRepository } from './review.repository';
import { WorkVisibilityService } from './work-visibility.service';

/** The reviews of tasks, loaded once per request (also the appeal's evidence). */
export function reviewsLoader(ctx: GqlContext, reviews: ReviewRepository) {
  return ctx.loaders.get<string, ReviewModel[]>('taskWork.reviews', async (ids) =>
    groupByKeys(
      ids,
      (await reviews.reviewsOfTasks(ids)).map(({ review, revision }) =>
        ReviewModel.from(review, revision),
      ),
      (r) => r.taskId,
    ),
  );
}

/** The submissions of tasks, loaded once per request. */
export function submissionsLoader(ctx: GqlContext, reviews: ReviewRepository) {
  return ctx.loaders.get<string, SubmissionModel[]>('taskWork.submissions', async (ids) =>
    groupByKeys(
      ids,
      (await reviews.submissionsOfTasks(ids)).map((s) => SubmissionModel.from(s)),
      (s) => s.taskId,
    ),
  );
}

/** NOT_FOUND unless the viewer may read the task's work; one check per request for the page. */
export async function requireWork(
  visibility: WorkVisibilityService,
  ctx: GqlContext,
  viewer: Viewer | undefined,
  taskId: string,
): Promise<void> {
  if (!viewer) throw DomainError.notFound('Task', taskId);
  const loader = ctx.loaders.get<string, boolean>('taskWork.visible', async (ids) => {
    const visible = await visibility.visibleTaskIds(viewer, ids);
    return ids.map((id) => visible.has(id));
  });
  if (!(await loader.load(taskId))) throw DomainError.notFound('Task', taskId);
}
