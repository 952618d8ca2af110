import { webAppContentSecurityPolicy, webAppIndexHtml } from './web-app';

const INDEX = '<!doctype html><html><head><title>Splitwork</title></head><body></body></html>';

describe('the web app page in simulated and Stripe mode', () => {
  it('keeps Stripe out of the policy and the page in simulated mode', () => {
    const csp = webAppContentSecurityPolicy('127.0.0.1:3000');
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('stripe');
    expect(webAppIndexHtml(INDEX, {})).toBe(INDEX);
  });

  it('allows Stripe.js, its frames and its API only in Stripe mode, and gives the page the publishable key', () => {
    const options = { stripePublishableKey: 'pk_test_abc123' };
    const csp = webAppContentSecurityPolicy('127.0.0.1:3000', options);
    expect(csp).toContain("script-src 'self' https://js.stripe.com;");
    expect(csp).toContain('frame-src https://js.stripe.com https://hooks.stripe.com');
    expect(csp).toMatch(/connect-src 'self' ws:\/\/[^;]* https:\/\/api\.stripe\.com/);
    expect(csp).not.toMatch(/unsafe-(inline|eval)'[^;]*;.*script/);
    expect(webAppIndexHtml(INDEX, options)).toContain(
      '<meta name="splitwork-stripe-publishable-key" content="pk_test_abc123"></head>',
    );
  });

  it('never puts anything but a publishable key in the page', () => {
    for (const key of ['sk_test_secret', 'pk_test_"><script>alert(1)</script>'])
      expect(webAppIndexHtml(INDEX, { stripePublishableKey: key })).toBe(INDEX);
  });
});
