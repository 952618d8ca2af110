export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: (string | number)[];
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/** Speaks GraphQL over HTTP to a running API, as any client would. */
export class GraphQLClient {
  constructor(readonly url: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    return this.raw<T>(JSON.stringify({ query, variables }), token, headers);
  }

  /** Sends a body as is, for malformed requests. */
  async raw<T = Record<string, unknown>>(
    body: string,
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    let parsed: { data?: T | null; errors?: GraphQLErrorShape[] } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = { errors: [{ message: text }] };
    }
    return { status: response.status, ...parsed };
  }

  /** The data of a request that must succeed; throws with the errors otherwise. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const res = await this.request<T>(query, variables, token);
    if (res.errors?.length || !res.data) {
      throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(res.errors)}`);
    }
    return res.data;
  }
}

/** The codes of a response's errors, for `expect(codes(res)).toEqual([...])`. */
export function errorCodes(res: GraphQLResponse<unknown>): (string | undefined)[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}
