import { ApolloDriverConfig } from '@nestjs/apollo';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import {
  ExpensiveFieldGroup,
  expensiveFieldsRule,
  formatGraphQLError,
  GqlContext,
  answerPreloadedFields,
  LoaderRegistry,
  PreloadedFields,
  UNLOGGED,
} from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { bearerToken } from '@splitwork/identity';
import { errorLoggingPlugin } from './error-logging.plugin';
import { jsonRequestErrorStatusPlugin } from './json-request-error-status.plugin';

/**
 * Fields whose work or output is far above the flat cost of a field: a plan
 * export is the whole plan as text, a forecast a Monte Carlo run. They are
 * counted per request, through aliases, fragments and list rows.
 */
export const EXPENSIVE_FIELDS: readonly ExpensiveFieldGroup[] = [
  {
    label: 'plan exports',
    fields: [
      'Plan.json',
      'Plan.csv',
      'Plan.mermaid',
      'Plan.mermaidDiagrams',
      'Plan.jiraCsv',
      'Plan.githubScript',
      'Plan.githubIssues',
    ],
    max: 3,
  },
  { label: 'plan forecasts', fields: ['Plan.forecast'], max: 4 },
];

/**
 * Relations a list query may load with their parent (look-ahead on the
 * selection): a parent carrying them in `preloaded` is answered without
 * entering the field's Nest resolver once per row.
 */
export const PRELOADED_FIELDS: PreloadedFields = {
  MarketTask: ['project', 'owner', 'dependencies'],
};

interface WsExtra {
  connectionToken?: string;
  request?: { socket?: { remoteAddress?: string } };
}

interface ContextInput {
  req?: Request;
  res?: Response;
  extra?: WsExtra;
}

function buildContext({ req, res, extra }: ContextInput): GqlContext {
  if (extra) {
    return {
      requestId: randomUUID(),
      clientAddress: extra.request?.socket?.remoteAddress ?? 'unknown',
      connectionToken: extra.connectionToken,
      loaders: new LoaderRegistry(),
    };
  }
  return {
    req,
    res,
    requestId:
      typeof req?.id === 'string' || typeof req?.id === 'number' ? String(req.id) : randomUUID(),
    clientAddress: req?.ip ?? req?.socket.remoteAddress ?? 'unknown',
    loaders: new LoaderRegistry(),
  };
}

/** Apollo settings: limits through graphql-armor, errors through the shared mapping. */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH, exposeLimits: true, ignoreIntrospection: false },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES, exposeLimits: true },
    // Token limit through graphql-js's own parser option (below), so that
    // syntax errors keep the GRAPHQL_PARSE_FAILED code.
    maxTokens: { enabled: false },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST, exposeLimits: true },
    maxDirectives: { n: 20, exposeLimits: true },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  // Suggestions ("Did you mean ...?") would reveal the schema that introspection hides.
  const errorOptions = { hideSuggestions: config.isProduction };
  return {
    autoSchemaFile: true,
    transformSchema: (schema) => answerPreloadedFields(schema, PRELOADED_FIELDS),
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.isProduction,
    allowBatchedHttpRequests: false,
    // Apollo's CSRF prevention would refuse plain GET queries (GraphQL over
    // HTTP allows them). It protects cookie sessions, which this API has none
    // of; POSTs must still be application/json (requireJsonPost), which no
    // cross-site page can send, and GET cannot run a mutation.
    csrfPrevention: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints and no HTTP caching of POSTed operations: the
      // default cache-control plugin would only wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      jsonRequestErrorStatusPlugin(),
      errorLoggingPlugin(errorOptions),
      ...protection.plugins,
    ],
    validationRules: [...protection.validationRules, expensiveFieldsRule(EXPENSIVE_FIELDS)],
    parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
    // Logged by errorLoggingPlugin, on the request's logger.
    formatError: (formatted, error) => formatGraphQLError(formatted, error, UNLOGGED, errorOptions),
    context: buildContext,
    subscriptions: {
      'graphql-ws': {
        onConnect: (ctx) => {
          const params = ctx.connectionParams ?? {};
          const header = params['authorization'] ?? params['Authorization'];
          const token = typeof header === 'string' ? (bearerToken(header) ?? header) : undefined;
          (ctx.extra as WsExtra).connectionToken = token;
          return true;
        },
        // Subscriptions do not pass through Apollo: map their errors the same way.
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors
            ? {
                ...result,
                errors: result.errors.map((e) =>
                  formatGraphQLError(e.toJSON(), e, undefined, errorOptions),
                ),
              }
            : undefined,
      },
    },
  };
}
