import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '@splitwork/api-kit';
import type { FeedColumn, FeedSelection } from './task-feed.repository';

/**
 * The task columns behind each column field of `MarketTask`. A new column
 * field of MarketTask goes here (and in FEED_COLUMNS / MarketTaskModel.fromFeed);
 * a new relation gets its own @ResolveField with a per-request loader.
 */
const COLUMNS_OF_FIELD: Readonly<Record<string, readonly FeedColumn[]>> = {
  key: ['key'],
  title: ['title'],
  description: ['description'],
  acceptanceCriteria: ['acceptanceCriteria'],
  // Derived from the acceptance criteria (task-work.resolver.ts).
  scorecard: ['acceptanceCriteria'],
  skills: ['skills'],
  platform: ['platform'],
  estimate: ['estimate'],
  price: ['priceCents', 'currency'],
  dependsOn: ['dependsOn'],
  status: ['status'],
  assigneeId: ['assigneeId'],
  claimDeadline: ['claimDeadline'],
  revision: ['revision'],
};

/** What `openTasks { edges { node { ... } } }` asks of each task, for TaskFeedRepository. */
export function feedSelection(info: GraphQLResolveInfo): FeedSelection {
  const fields = selectedFields(info, ['edges', 'node']);
  const columns = new Set<FeedColumn>();
  for (const name of fields.keys()) for (const c of COLUMNS_OF_FIELD[name] ?? []) columns.add(c);
  return {
    columns,
    project: fields.has('project'),
    owner: fields.has('owner'),
    dependencies: fields.has('dependencies'),
  };
}
