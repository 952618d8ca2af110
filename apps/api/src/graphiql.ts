import type { Express, Request, Response, NextFunction } from 'express';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

const ASSETS = '/graphiql-assets';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

const FILES: Record<string, string> = {
  'react.js': join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};

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

/**
 * GraphiQL from the installed packages (no CDN): the page on a browser's GET
 * of /graphql, and its scripts under /graphiql-assets.
 */
export function mountGraphiql(app: Express): void {
  app.get(`${ASSETS}/:file`, (req: Request, res: Response) => {
    const file = FILES[String(req.params.file)];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.setHeader('cache-control', 'public, max-age=86400');
    res.sendFile(file);
  });
  app.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    const wantsHtml =
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) ===
      'text/html';
    if (!wantsHtml || req.query.query !== undefined) {
      next();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('content-security-policy', contentSecurityPolicy(nonce));
    res.type('html').send(page(nonce));
  });
}
