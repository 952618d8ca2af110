import type { Express, Request, Response, NextFunction } from 'express';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';
import { dirname, join } from 'node:path';

const ASSETS = '/graphiql-assets';

/** GraphiQL is switched on but its packages are not installed. */
export class GraphiqlUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphiqlUnavailable';
  }
}

/** The packages GraphiQL's page is served from: development dependencies only. */
export const GRAPHIQL_PACKAGES = ['graphiql', 'react', 'react-dom'] as const;

/**
 * Finds GraphiQL's files in the installed packages, only when GraphiQL is
 * switched on: the production image installs without development
 * dependencies, so they are absent there and must not be touched at start-up.
 * Throws naming what is missing and how to fix it when they are not installed.
 */
export function graphiqlFiles(
  resolve: (request: string) => string = require.resolve,
): Record<string, string> {
  const dirs: Partial<Record<(typeof GRAPHIQL_PACKAGES)[number], string>> = {};
  const missing: string[] = [];
  for (const name of GRAPHIQL_PACKAGES) {
    try {
      dirs[name] = dirname(resolve(`${name}/package.json`));
    } catch {
      missing.push(name);
    }
  }
  if (missing.length > 0 || !dirs.graphiql || !dirs.react || !dirs['react-dom']) {
    throw new GraphiqlUnavailable(
      `GraphiQL is enabled (NODE_ENV is not production) but ${missing.join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} not installed: they are development ` +
        'dependencies (an install with --omit=dev leaves them out). Set NODE_ENV=production ' +
        'to run without GraphiQL, or install the development dependencies.',
    );
  }
  return {
    'react.js': join(dirs.react, 'umd/react.production.min.js'),
    'react-dom.js': join(dirs['react-dom'], 'umd/react-dom.production.min.js'),
    'graphiql.js': join(dirs.graphiql, 'graphiql.min.js'),
    'graphiql.css': join(dirs.graphiql, 'graphiql.min.css'),
  };
}

const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Splitwork GraphQL</title>
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="${ASSETS}/graphiql.css" />
</head>
<body>
  <div id="graphiql"></div>
  <script src="${ASSETS}/react.js"></script>
  <script src="${ASSETS}/react-dom.js"></script>
  <script src="${ASSETS}/graphiql.js"></script>
  <script nonce="${nonce}">
    const url = new URL('/graphql', location.href).toString();
    const fetcher = GraphiQL.createFetcher({
      url,
      subscriptionUrl: url.replace(/^http/, 'ws'),
    });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultHeaders: '{"Authorization": "Bearer <accessToken from logIn>"}',
        defaultQuery: 'mutation LogIn {\\n  logIn(input: {email: "owner@demo.splitwork.dev", password: "splitwork-demo-2026"}) {\\n    accessToken\\n    user { id displayName roles }\\n  }\\n}\\n',
      }),
    );
  </script>
</body>
</html>`;

/**
 * The page's own policy, stricter than nothing yet looser than the API's
 * `default-src 'none'`: scripts only from here or with this response's nonce.
 * Styles also allow inline ones: GraphiQL's dialogs add <style> tags and its
 * editor writes style attributes, neither of which can carry our nonce; inline
 * styles cannot run code. Fonts and images of its stylesheet are data: URLs.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A browser's GET of /graphql: HTML preferred to JSON, and no operation in the query string. */
export function wantsGraphiqlPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !req.headers.accept) return false;
  const preferred = new Negotiator(req).mediaType([
    'application/json',
    'application/graphql-response+json',
    'text/html',
  ]);
  const url = req.url ?? '';
  const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return preferred === 'text/html' && !new URLSearchParams(search).has('query');
}

/**
 * GraphiQL from the installed packages (no CDN): the page on a browser's GET
 * of /graphql, and its scripts under /graphiql-assets.
 */
export function mountGraphiql(app: Express): void {
  const files = graphiqlFiles();
  app.get(`${ASSETS}/:file`, (req: Request, res: Response) => {
    const file = files[String(req.params.file)];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.setHeader('cache-control', 'public, max-age=86400');
    res.sendFile(file);
  });
  app.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (!wantsGraphiqlPage(req)) {
      next();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('content-security-policy', contentSecurityPolicy(nonce));
    res.type('html').send(page(nonce));
  });
}
