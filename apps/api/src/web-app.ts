import type { Express, NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths the API answers itself: never the web app's fallback page. */
const API_PREFIXES = [
  '/graphql',
  '/graphiql-assets',
  '/health',
  '/webhooks',
  // Pages the API renders itself (links in Stripe onboarding and in emails).
  '/payouts/onboarding',
  '/notifications/unsubscribe',
];

/** What the web app needs to know about the deployment, given to it in index.html. */
export interface WebAppOptions {
  /** Stripe mode: the publishable key the Payment Element uses (absent in simulated mode). */
  stripePublishableKey?: string;
}

const STRIPE_JS = 'https://js.stripe.com';

/**
 * The web app's policy: its own scripts and styles only, GraphQL over HTTP
 * and graphql-ws to this host. Inline style attributes are allowed (the
 * graph and chart libraries position elements with them; they cannot run
 * code); no inline script, no eval, no other origin — except, in Stripe mode
 * only, Stripe.js and its frames (the Payment Element), and Stripe's API.
 */
export function webAppContentSecurityPolicy(
  host: string | undefined,
  { stripePublishableKey }: WebAppOptions = {},
): string {
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  const stripe = Boolean(stripePublishableKey);
  return [
    "default-src 'self'",
    stripe ? `script-src 'self' ${STRIPE_JS}` : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}${stripe ? ' https://api.stripe.com' : ''}`,
    ...(stripe ? [`frame-src ${STRIPE_JS} https://hooks.stripe.com`] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * index.html with the deployment's public settings as meta tags (no inline
 * script: the strict script-src stays). Only a publishable key, never a secret.
 */
export function webAppIndexHtml(html: string, { stripePublishableKey }: WebAppOptions): string {
  if (!stripePublishableKey || !/^pk_(test|live)_\w+$/.test(stripePublishableKey)) return html;
  const meta = `<meta name="splitwork-stripe-publishable-key" content="${stripePublishableKey}">`;
  return html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : meta + html;
}

/** True when the request is for an API path rather than a page of the app. */
function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Serves the built web app (`vite build` output) at `/`: hashed assets under
 * /assets with a long cache, and index.html for every other browser GET that
 * is not an API path (client-side routes). Returns false, serving nothing,
 * when the folder has no index.html (the API then serves GraphQL only).
 */
export function mountWebApp(app: Express, folder: string, options: WebAppOptions = {}): boolean {
  const root = resolve(folder);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const page = webAppIndexHtml(readFileSync(index, 'utf8'), options);
  const assets = join(root, 'assets');
  app.get('/assets/:file', (req: Request, res: Response) => {
    const file = String(req.params.file);
    const path = join(assets, file);
    if (!/^[\w.-]+$/.test(file) || !existsSync(path)) {
      res.status(404).end();
      return;
    }
    res.setHeader(
      'content-security-policy',
      webAppContentSecurityPolicy(req.headers.host, options),
    );
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.sendFile(path);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      isApiPath(req.path) ||
      !req.accepts('html')
    ) {
      next();
      return;
    }
    res.setHeader(
      'content-security-policy',
      webAppContentSecurityPolicy(req.headers.host, options),
    );
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(page);
  });
  return true;
}
