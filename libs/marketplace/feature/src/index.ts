export * from './marketplace.module';
export { TaskBoardService } from './task-board.service';
export { ReviewService } from './review.service';
export { TaskRepository } from './task.repository';
export type { TaskTransition, TaskTransitionListener } from './task.repository';
