/**
 * The Stripe publishable key the API puts in index.html in Stripe mode
 * (`STRIPE_PUBLISHABLE_KEY`); null in simulated mode, where Stripe.js is never loaded.
 */
export function stripePublishableKey(doc: Document = document): string | null {
  const content = doc
    .querySelector('meta[name="splitwork-stripe-publishable-key"]')
    ?.getAttribute('content');
  return content && /^pk_(test|live)_\w+$/.test(content) ? content : null;
}
