import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@splitwork/identity';
import { ProjectEntity } from './project.entity';
import { ProjectRepository } from './project.repository';
import { ProjectResolver } from './project.resolver';
import { ProjectService } from './project.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProjectEntity]), IdentityModule],
  providers: [ProjectRepository, ProjectService, ProjectResolver],
  exports: [ProjectService],
})
export class PlanningModule {}
