// Options of `@nx/enforce-module-boundaries`, shared by eslint.config.mjs and
// the test that proves a forbidden import fails lint (CommonJS, so jest can
// load it without ES module support).
//
// Every project carries one `type:*` tag (what kind of code it is) and one
// `scope:*` tag (which bounded context owns it). Nx applies every constraint
// whose source tag the importing project has, so an import must pass both.
//
// Context map (an arrow points at the upstream context that is imported; a
// context may import any context to its right, never one to its left):
//
//   marketplace ──► payments ──► planning ──► identity ──► shared
//
// - identity (users, roles, sessions) knows no other context.
// - planning (projects, briefs, plans) publishes ProjectFundingGateway and
//   its funded/cancelled listeners, so it never imports the money or the
//   marketplace context.
// - payments (escrow, ledger, payouts) funds and cancels projects through
//   planning's gateway and knows nothing of tasks.
// - marketplace (claims, reviews, task board) pays through payments' public
//   API and listens to planning's project events.
// - notifications (inbox, email, preferences) knows only identity (who a
//   user is, their address); no context imports it: the flows in runtime
//   decide who hears about what and call it.
// - shared (kernel, config, database, jobs, api-kit) imports no context;
//   runtime and the apps compose every context; test-support may build
//   fixtures from any context's pure domain code.

const CONTEXTS = [
  'scope:identity',
  'scope:planning',
  'scope:payments',
  'scope:marketplace',
  'scope:notifications',
];

const PURE_DOMAIN_BANS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'express',
  'graphql',
  'ioredis',
  'openai',
  'stripe',
];

/** What each kind of project may import (production code). */
const TYPE_RULES = {
  // Apps compose libs; nothing may import an app (no rule lists type:app).
  'type:app': ['type:composition', 'type:feature', 'type:platform', 'type:domain'],
  'type:composition': ['type:feature', 'type:adapter', 'type:platform', 'type:domain'],
  // A context's Nest module: its services, resolvers, repositories, and
  // other contexts' public APIs (the scope rules below say which).
  'type:feature': ['type:feature', 'type:adapter', 'type:platform', 'type:domain'],
  // An outside service behind one context's port (e.g. the LLM planner):
  // it implements the context's domain interfaces and knows no feature lib.
  'type:adapter': ['type:platform', 'type:domain'],
  // Infrastructure knows no bounded context.
  'type:platform': ['type:platform', 'type:domain'],
  // Pure domain code: no framework, no ORM, no I/O library.
  'type:domain': ['type:domain'],
  'type:test': ['type:platform', 'type:domain'],
};

/** Which other scopes each scope may import: upstream only, never back. */
const SCOPE_RULES = {
  'scope:shared': [],
  'scope:identity': ['scope:shared'],
  'scope:planning': ['scope:identity', 'scope:shared'],
  'scope:payments': ['scope:planning', 'scope:identity', 'scope:shared'],
  'scope:marketplace': ['scope:payments', 'scope:planning', 'scope:identity', 'scope:shared'],
  'scope:notifications': ['scope:identity', 'scope:shared'],
  'scope:testing': [...CONTEXTS, 'scope:shared'],
  'scope:runtime': [...CONTEXTS, 'scope:shared'],
  'scope:api': ['scope:runtime', ...CONTEXTS, 'scope:shared'],
  'scope:worker': ['scope:runtime', ...CONTEXTS, 'scope:shared'],
};

/**
 * Rule options. `forTests` adds the test-support lib to what every project
 * may import, for spec files and test folders only.
 */
function moduleBoundaries({ forTests }) {
  const extraTypes = forTests ? ['type:test'] : [];
  const extraScopes = forTests ? ['scope:testing'] : [];
  const byType = Object.entries(TYPE_RULES).map(([sourceTag, tags]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: [...tags, ...extraTypes],
    ...(sourceTag === 'type:domain' ? { bannedExternalImports: PURE_DOMAIN_BANS } : {}),
  }));
  const byScope = Object.entries(SCOPE_RULES).map(([sourceTag, tags]) => ({
    sourceTag,
    // A context's own libs (its core, its adapters) are always allowed.
    onlyDependOnLibsWithTags: [sourceTag, ...tags, ...extraScopes],
  }));
  return {
    allow: [],
    enforceBuildableLibDependency: false,
    depConstraints: [...byType, ...byScope],
  };
}

module.exports = { moduleBoundaries, TYPE_RULES, SCOPE_RULES };
