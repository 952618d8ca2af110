import type { Express, Request, Response, NextFunction } from 'express';
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

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Splitwork GraphQL</title>
  <style>body { margin: 0; height: 100vh; }</style>
  <link rel="stylesheet" href="${ASSETS}/graphiql.css" />
</head>
<body>
  <div id="graphiql" style="height: 100vh"></div>
  <script src="${ASSETS}/react.js"></script>
  <script src="${ASSETS}/react-dom.js"></script>
  <script src="${ASSETS}/graphiql.js"></script>
  <script>
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
    res.type('html').send(PAGE);
  });
}
