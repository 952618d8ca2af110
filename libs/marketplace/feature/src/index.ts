export * from './marketplace.module';
export { TaskBoardService } from './task-board.service';
export { ReviewService } from './review.service';
