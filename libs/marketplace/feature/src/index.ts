export * from './marketplace.module';
export { TaskBoardService } from './task-board.service';
export { ReviewService } from './review.service';
export { TaskControlsService } from './task-controls.service';
export { TaskRepository, TaskTransitioned } from './task.repository';
export { TaskFeedRepository } from './task-feed.repository';
export type { FeedSelection, FeedSort } from './task-feed.repository';
export type { TaskTransition } from './task.repository';
