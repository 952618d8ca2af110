export * from './marketplace.module';
export { TaskBoardService } from './task-board.service';
export { ReviewService } from './review.service';
export { TaskControlsService } from './task-controls.service';
export { TaskRepository, TaskTransitioned } from './task.repository';
export type { TaskTransition } from './task.repository';
export { TaskMessagePosted } from './task-message-posted.event';
export { TaskMessageEntity } from './task-message.entity';
