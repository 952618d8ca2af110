import { Foundation1764000000000 } from './1764000000000-foundation';
import { Projects1764100000000 } from './1764100000000-projects';
import { PlanningRuns1764200000000 } from './1764200000000-planning-runs';
import { Ledger1764300000000 } from './1764300000000-ledger';
import { Payments1764400000000 } from './1764400000000-payments';
import { Marketplace1764500000000 } from './1764500000000-marketplace';
import { TalentPools1764550000000 } from './1764550000000-talent-pools';
import { TaskOffers1764600000000 } from './1764600000000-task-offers';

/** Every committed migration, oldest first. New ones are appended here. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Projects1764100000000,
  PlanningRuns1764200000000,
  Ledger1764300000000,
  Payments1764400000000,
  Marketplace1764500000000,
  TalentPools1764550000000,
  TaskOffers1764600000000,
];
