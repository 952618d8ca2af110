import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, ValidationRule } from 'graphql';
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  ExpensiveFieldGroup,
  expensiveFieldsRule,
  formatGraphQLError,
  GqlContext,
  GraphqlHttpRequest,
  answerPreloadedFields,
  LoaderRegistry,
  PreloadedFields,
} from '@splitwork/api-kit';
import { AppConfig } from '@splitwork/config';
import { bearerToken } from '@splitwork/identity';
import type { RequestLogging } from '@splitwork/runtime';
import { wantsGraphiqlPage } from './graphiql';
import { GraphqlHttpDriverConfig } from './graphql-http/graphql-http.driver';
import { MAX_REQUEST_BODY_BYTES } from './http-limits';
import { GRAPHQL_RESPONSE_HEADERS } from './security-headers';

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
  req?: GraphqlHttpRequest;
  res?: ServerResponse;
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
    clientAddress: req?.ip ?? req?.socket?.remoteAddress ?? 'unknown',
    loaders: new LoaderRegistry(),
  };
}

/** Refuses `__schema` and `__type` (introspection is off in production); `__typename` stays. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError('GraphQL introspection is not allowed here', { nodes: node }),
      );
    }
  },
});

/** The GraphQL module's settings: limits through graphql-armor's rules, errors through the shared mapping. */
export function graphqlOptions(
  config: AppConfig,
  requestLogging: RequestLogging,
): GraphqlHttpDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH, exposeLimits: true, ignoreIntrospection: false },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES, exposeLimits: true },
    // The token limit is graphql-js's own parser option (maxTokens below), so
    // that an over-long document is a GRAPHQL_PARSE_FAILED like any syntax error.
    maxTokens: { enabled: false },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST, exposeLimits: true },
    maxDirectives: { n: 20, exposeLimits: true },
    // Suggestions are taken out of every message by the shared error mapping.
    blockFieldSuggestion: { enabled: false },
  });
  // Suggestions ("Did you mean ...?") would reveal the schema that introspection hides.
  const errors = { hideSuggestions: config.isProduction };
  return {
    autoSchemaFile: true,
    transformSchema: (schema) => answerPreloadedFields(schema, PRELOADED_FIELDS),
    sortSchema: true,
    path: '/graphql',
    validationRules: [
      ...armor.protect().validationRules,
      expensiveFieldsRule(EXPENSIVE_FIELDS),
      ...(config.isProduction ? [noIntrospection] : []),
    ],
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxBodyBytes: MAX_REQUEST_BODY_BYTES,
    // Distinct documents kept parsed and validated, by their total text.
    documentCacheChars: 8 * 1024 * 1024,
    errors,
    responseHeaders: GRAPHQL_RESPONSE_HEADERS,
    logRequest: requestLogging,
    requestContext: (req, res) => buildContext({ req, res }),
    // GraphiQL's page, in development only (its packages are development dependencies).
    servedByApp: config.isProduction ? undefined : wantsGraphiqlPage,
    subscriptionContext: (ctx) => buildContext({ extra: ctx.extra as WsExtra }),
    subscriptions: {
      'graphql-ws': {
        onConnect: (ctx) => {
          const params = ctx.connectionParams ?? {};
          const header = params['authorization'] ?? params['Authorization'];
          const token = typeof header === 'string' ? (bearerToken(header) ?? header) : undefined;
          (ctx.extra as WsExtra).connectionToken = token;
          return true;
        },
        // Errors of subscription events, shaped as those of queries.
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors
            ? {
                ...result,
                errors: result.errors.map((e) =>
                  formatGraphQLError(e.toJSON(), e, undefined, errors),
                ),
              }
            : undefined,
      },
    },
  };
}
