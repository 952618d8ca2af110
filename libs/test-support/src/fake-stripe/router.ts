import { ApiError } from './api-error';
import type { FormObject } from './form';

export interface Routed {
  readonly status: number;
  readonly body: unknown;
}

export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly body: FormObject;
  readonly query: FormObject;
}

export type Handler = (ctx: RequestContext) => Routed;

/** Method and path (with `:name` segments) to a handler. */
export class Router {
  private readonly routes: {
    method: string;
    pattern: RegExp;
    names: string[];
    handler: Handler;
  }[] = [];

  route(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment;
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** The handler's answer; a 404 ApiError when no route matches. */
  dispatch(method: string, path: string, body: FormObject, query: FormObject): Routed {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(
        route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]),
      );
      return route.handler({ method, path, params, body, query });
    }
    throw new ApiError(
      404,
      'invalid_request_error',
      undefined,
      `Unrecognized request URL (${method}: ${path}).`,
    );
  }
}
