import type { Cache, CacheExchangeOpts, Data, KeyingConfig } from '@urql/exchange-graphcache';

/**
 * Every type with an `id` is normalized by it; the others (payloads, money,
 * estimates, a project's plan) are embedded in their parent.
 */
const keys: KeyingConfig = new Proxy(
  {},
  {
    get: () => (data: Data) => (typeof data.id === 'string' ? data.id : null),
  },
);

function linkPlan(projectId: unknown, plan: unknown, cache: Cache): void {
  if (typeof projectId !== 'string' || !plan) return;
  cache.link({ __typename: 'Project', id: projectId }, 'plan', plan as Data);
}

type Args = { input?: { projectId?: unknown } };

/** Plan edits return the new plan: it replaces the project's. */
const planEdit = (field: string) => (result: Data, args: Args, cache: Cache) =>
  linkPlan(args.input?.projectId, result[field], cache);

export const cacheConfig: CacheExchangeOpts = {
  keys,
  updates: {
    Mutation: {
      updatePlanTask: planEdit('updatePlanTask'),
      addPlanTask: planEdit('addPlanTask'),
      removePlanTask: planEdit('removePlanTask'),
      expandPlanTask: planEdit('expandPlanTask'),
    },
  },
};
