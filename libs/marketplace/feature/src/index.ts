export * from './marketplace.module';
export { TaskBoardService } from './task-board.service';
export { ReviewService } from './review.service';
export { TaskControlsService } from './task-controls.service';
export { TaskRepository, TaskTransitioned } from './task.repository';
export type { TaskTransition } from './task.repository';
export { TaskDisputeOpened } from './task-dispute-opened.event';
export { TaskDisputeResolved } from './task-dispute-resolved.event';
