import helmet from 'helmet';

/**
 * The security headers of what Express serves (health, webhooks, errors;
 * helmet): nothing in it may load or run anything. GraphiQL's page and the
 * web app set their own, looser policies, and GraphQL answers carry
 * GRAPHQL_RESPONSE_HEADERS.
 */
export const apiSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

/**
 * The security headers of every GraphQL answer: JSON that nothing may
 * frame, sniff, store or read from another site, the set OWASP gives for
 * REST APIs. helmet's others (X-XSS-Protection, X-Download-Options,
 * X-DNS-Prefetch-Control, X-Permitted-Cross-Domain-Policies,
 * Origin-Agent-Cluster, Cross-Origin-Opener-Policy) act on HTML documents
 * only, and Node checks every header of every answer (all of them together,
 * about 2% of the API's CPU on a small query). `no-store` keeps one viewer's
 * data out of any cache between the API and the client.
 */
export const GRAPHQL_RESPONSE_HEADERS: readonly (readonly [string, string])[] = [
  ['cache-control', 'no-store'],
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
  ['cross-origin-resource-policy', 'same-origin'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
];
