import { Foundation1764000000000 } from './1764000000000-foundation';
import { Projects1764100000000 } from './1764100000000-projects';
import { PlanningRuns1764200000000 } from './1764200000000-planning-runs';
import { Ledger1764300000000 } from './1764300000000-ledger';
import { Payments1764400000000 } from './1764400000000-payments';
import { Marketplace1764500000000 } from './1764500000000-marketplace';
import { TalentPools1764550000000 } from './1764550000000-talent-pools';
import { TaskBrowseIndexes1764650000000 } from './1764650000000-task-browse-indexes';
import { Reputation1764700000000 } from './1764700000000-reputation';
import { Appeals1764750000000 } from './1764750000000-appeals';
import { TaskOffers1764800000000 } from './1764800000000-task-offers';
import { ReviewerProfiles1764900000000 } from './1764900000000-reviewer-profiles';
import { ReviewerVetting1765000000000 } from './1765000000000-reviewer-vetting';
import { JobLeases1765200000000 } from './1765200000000-job-leases';
import { SchemaMetadata1765300000000 } from './1765300000000-schema-metadata';
import { TaskThreads1765500000000 } from './1765500000000-task-threads';
import { Notifications1765600000000 } from './1765600000000-notifications';
import { ReviewerPayoutsAndDisputes1765700000000 } from './1765700000000-reviewer-payouts-and-disputes';
import { BriefLineKinds1765800000000 } from './1765800000000-brief-line-kinds';
import { PlanningRunModelCalls1765900000000 } from './1765900000000-planning-run-model-calls';
import { TaskPageReads1766000000000 } from './1766000000000-task-page-reads';
import { DropDuplicateTaskKeyIndex1766100000000 } from './1766100000000-drop-duplicate-task-key-index';

/** Every committed migration, oldest first. New ones are appended here. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Projects1764100000000,
  PlanningRuns1764200000000,
  Ledger1764300000000,
  Payments1764400000000,
  Marketplace1764500000000,
  TalentPools1764550000000,
  TaskBrowseIndexes1764650000000,
  Reputation1764700000000,
  Appeals1764750000000,
  TaskOffers1764800000000,
  ReviewerProfiles1764900000000,
  ReviewerVetting1765000000000,
  JobLeases1765200000000,
  SchemaMetadata1765300000000,
  TaskThreads1765500000000,
  Notifications1765600000000,
  ReviewerPayoutsAndDisputes1765700000000,
  BriefLineKinds1765800000000,
  PlanningRunModelCalls1765900000000,
  TaskPageReads1766000000000,
  DropDuplicateTaskKeyIndex1766100000000,
];
