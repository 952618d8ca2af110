import { Module } from '@nestjs/common';
import { CoreModule } from '@splitwork/runtime';

/** The same modules as the API, without HTTP: it runs the background jobs. */
@Module({ imports: [CoreModule.forRoot('worker')] })
export class WorkerModule {}
