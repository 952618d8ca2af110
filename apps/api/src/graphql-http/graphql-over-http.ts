import {
  DocumentNode,
  execute,
  ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import {
  ErrorFormattingOptions,
  ErrorLogger,
  formatGraphQLError,
  GqlContext,
  GraphqlHttpRequest,
} from '@splitwork/api-kit';
import { ErrorCode } from '@splitwork/kernel';
import { DocumentCache } from './document-cache';
import { getParams, GraphqlParams, HttpRefusal, postParams } from './http-request';

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

export interface GraphqlOverHttpOptions {
  schema: GraphQLSchema;
  /** Run after graphql-js's own rules, once per distinct document. */
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  maxBodyBytes: number;
  /** Bound on the total text of the cached documents. */
  documentCacheChars: number;
  errors: ErrorFormattingOptions;
  /** Headers every answer carries (the API's security headers). */
  responseHeaders: readonly (readonly [string, string])[];
  /**
   * The request's logging: `begin` gives it its id (`req.id`, returned to be
   * echoed in X-Request-Id) and its log line; `loggerOf` its own logger, made
   * when first asked for.
   */
  logRequest: {
    begin(req: IncomingMessage, res: ServerResponse): string;
    loggerOf(req: IncomingMessage): ErrorLogger;
  };
  /** The client's address, as the rest of the application resolves it (TRUST_PROXY). */
  clientAddress(req: IncomingMessage): string;
  requestContext(req: GraphqlHttpRequest, res: ServerResponse): GqlContext;
}

interface Answer {
  status: number;
  body: { errors?: readonly GraphQLFormattedError[]; data?: unknown };
  headers?: Record<string, string>;
}

/** A document that does not parse, validate, or take its variables. */
class DocumentErrors extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(errors[0]?.message);
  }
}

function coded(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/** Where a request's errors are logged: its own logger, made only if one is. */
class RequestErrorLog implements ErrorLogger {
  constructor(
    private readonly req: IncomingMessage,
    private readonly logging: GraphqlOverHttpOptions['logRequest'],
  ) {}

  error(details: object, message: string): void {
    this.logging.loggerOf(this.req).error(details, message);
  }

  debug(details: object, message: string): void {
    this.logging.loggerOf(this.req).debug(details, message);
  }
}

/**
 * GraphQL over HTTP for every query and mutation of the API, on graphql-js
 * directly: GET and POST, one operation per request, documents parsed and
 * validated once (DocumentCache), errors shaped and logged by the shared
 * mapping with the request's id, nothing per field but the resolvers.
 *
 * Status codes: a request that cannot be read is refused with its 4xx
 * (413, 415, 400, 405 for a mutation over GET, 406 when the client accepts
 * neither JSON type). A document that fails to parse, validate or coerce its
 * variables is answered 400 to a client that prefers
 * `application/graphql-response+json`, and 200 with the errors to a client
 * that asks for `application/json` (it may not understand a 4xx carrying a
 * GraphQL body). Anything that executes is 200, errors in the body.
 */
export class GraphqlOverHttp {
  private readonly documents: DocumentCache;
  private readonly rules: readonly ValidationRule[];
  private readonly mediaTypes = new Map<string, string | null>();
  /** `responseHeaders` as name, value, name, value... (Node's raw header list). */
  private readonly fixedHeaders: readonly string[];

  constructor(private readonly options: GraphqlOverHttpOptions) {
    this.documents = new DocumentCache(options.documentCacheChars);
    this.rules = [...specifiedRules, ...options.validationRules];
    this.fixedHeaders = options.responseHeaders.flat();
  }

  async handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const req = incoming as GraphqlHttpRequest;
    const log = new RequestErrorLog(req, this.options.logRequest);
    let requestId: string | undefined;
    try {
      requestId = this.options.logRequest.begin(req, res);
      req.ip = this.options.clientAddress(req);
      const type = this.responseType(req);
      const answer =
        type === null
          ? this.refusal(
              new HttpRefusal(
                406,
                ErrorCode.BAD_REQUEST,
                'The accept header allows neither application/json nor application/graphql-response+json',
              ),
              log,
            )
          : await this.answer(req, res, type, log);
      this.send(res, answer, type ?? JSON_TYPE, requestId);
    } catch (error) {
      // Nothing above may throw; if it does, the client still gets an answer and the log the cause.
      log.error({ err: error }, 'GraphQL request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      this.send(
        res,
        {
          status: 500,
          body: {
            errors: [
              { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL } },
            ],
          },
        },
        JSON_TYPE,
        requestId,
      );
    }
  }

  private async answer(
    req: GraphqlHttpRequest,
    res: ServerResponse,
    type: string,
    logger: ErrorLogger,
  ): Promise<Answer> {
    let params: GraphqlParams;
    let isGet = false;
    try {
      const url = req.url ?? '/';
      const queryStart = url.indexOf('?');
      if (req.method === 'POST') {
        params = await postParams(req, this.options.maxBodyBytes);
        req.body = params;
      } else if (req.method === 'GET') {
        isGet = true;
        params = getParams(req, new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart)));
      } else {
        throw new HttpRefusal(405, ErrorCode.BAD_REQUEST, 'Only GET and POST requests are served', {
          allow: 'GET, POST',
        });
      }
      if (params.extensions?.persistedQuery !== undefined) {
        throw new HttpRefusal(
          400,
          ErrorCode.BAD_REQUEST,
          'Persisted queries are not supported: send the document as `query`',
        );
      }
      if (!params.query) {
        throw new HttpRefusal(
          400,
          ErrorCode.BAD_REQUEST,
          'GraphQL operations must contain a non-empty `query`.',
        );
      }
      const document = this.document(params.query);
      const operation = getOperationAST(document, params.operationName);
      if (!operation) {
        throw new HttpRefusal(
          400,
          ErrorCode.BAD_REQUEST,
          params.operationName
            ? `Unknown operation named "${params.operationName}".`
            : 'Must provide operation name if query contains multiple operations.',
        );
      }
      if (isGet && operation.operation !== OperationTypeNode.QUERY) {
        throw new HttpRefusal(
          405,
          ErrorCode.BAD_REQUEST,
          `GET requests only support query operations, not ${operation.operation} operations`,
          { allow: 'POST' },
        );
      }
      if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
        throw new HttpRefusal(
          400,
          ErrorCode.BAD_REQUEST,
          'Subscriptions are served over WebSocket (graphql-ws) at this path',
        );
      }
      const result = await execute({
        schema: this.options.schema,
        document,
        operationName: params.operationName,
        variableValues: params.variables,
        contextValue: this.options.requestContext(req, res),
      });
      if (result.data === undefined) {
        // No data: the variables could not be coerced to the operation's types.
        throw new DocumentErrors(
          (result.errors ?? []).map((e) => coded(e, ErrorCode.BAD_USER_INPUT)),
        );
      }
      return { status: 200, body: this.formatted(result, logger) };
    } catch (error) {
      if (error instanceof HttpRefusal) return this.refusal(error, logger);
      if (error instanceof DocumentErrors) {
        return {
          status: type === GRAPHQL_RESPONSE_TYPE ? 400 : 200,
          body: { errors: error.errors.map((e) => this.format(e, logger)) },
        };
      }
      throw error;
    }
  }

  /** The parsed, validated document of `text`; DocumentErrors when it is not one. */
  private document(text: string): DocumentNode {
    const cached = this.documents.get(text);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(text, { maxTokens: this.options.maxTokens });
    } catch (error) {
      const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      throw new DocumentErrors([coded(syntax, ErrorCode.GRAPHQL_PARSE_FAILED)]);
    }
    const invalid = validate(this.options.schema, document, this.rules);
    if (invalid.length > 0) {
      throw new DocumentErrors(invalid.map((e) => coded(e, ErrorCode.GRAPHQL_VALIDATION_FAILED)));
    }
    this.documents.set(text, document);
    return document;
  }

  private formatted(result: ExecutionResult, logger: ErrorLogger): Answer['body'] {
    if (!result.errors?.length) return { data: result.data };
    return { errors: result.errors.map((e) => this.format(e, logger)), data: result.data };
  }

  private format(error: GraphQLError, logger: ErrorLogger): GraphQLFormattedError {
    return formatGraphQLError(error.toJSON(), error, logger, this.options.errors);
  }

  private refusal(refusal: HttpRefusal, logger: ErrorLogger): Answer {
    const error = new GraphQLError(refusal.message, { extensions: { code: refusal.code } });
    return {
      status: refusal.status,
      body: { errors: [this.format(error, logger)] },
      headers: refusal.headers,
    };
  }

  /** The media type of the answer from the Accept header; null when neither JSON type is acceptable. */
  private responseType(req: IncomingMessage): string | null {
    const accept = req.headers.accept;
    if (!accept) return JSON_TYPE;
    let type = this.mediaTypes.get(accept);
    if (type === undefined) {
      const preferred = new Negotiator(req).mediaType([
        'application/json',
        'application/graphql-response+json',
      ]);
      type =
        preferred === 'application/json'
          ? JSON_TYPE
          : preferred === 'application/graphql-response+json'
            ? GRAPHQL_RESPONSE_TYPE
            : null;
      // Clients send a handful of distinct Accept headers; the bound keeps it that way.
      if (this.mediaTypes.size >= 100) this.mediaTypes.clear();
      this.mediaTypes.set(accept, type);
    }
    return type;
  }

  /**
   * The answer, its headers all given to one writeHead as a raw list: Node
   * then builds no header map for the response (one setHeader per header
   * did). Headers set on `res` by anyone else are still sent.
   */
  private send(res: ServerResponse, answer: Answer, type: string, requestId?: string): void {
    const text = JSON.stringify(answer.body);
    const headers = requestId === undefined ? [] : ['x-request-id', requestId];
    headers.push(...this.fixedHeaders);
    for (const [name, value] of Object.entries(answer.headers ?? {})) headers.push(name, value);
    headers.push('content-type', type, 'content-length', String(Buffer.byteLength(text)));
    res.writeHead(answer.status, headers);
    res.end(text);
  }
}
