import { randomBytes } from 'node:crypto';
import { invalid, noSuch } from '../api-error';
import type { FakeAccountLink } from '../objects';
import { now, requireField } from '../params';
import type { Router } from '../router';
import type { FakeStripeStore } from '../store';

/** POST /v1/account_links: onboarding links served under `baseUrl`, valid five minutes. */
export function accountLinkRoutes(router: Router, store: FakeStripeStore, baseUrl: string): void {
  router.route('POST', '/v1/account_links', ({ body }) => {
    const accountId = requireField(body, 'account');
    if (!store.accounts.has(accountId)) throw noSuch('account', accountId, 'account', 400);
    const type = requireField(body, 'type');
    if (type !== 'account_onboarding' && type !== 'account_update') {
      throw invalid('parameter_invalid_string', `Invalid type: ${type}`, 'type');
    }
    const created = now();
    const link: FakeAccountLink = {
      object: 'account_link',
      account: accountId,
      type,
      refresh_url: requireField(body, 'refresh_url'),
      return_url: requireField(body, 'return_url'),
      url: `${baseUrl}/setup/e/${accountId}/${randomBytes(12).toString('hex')}`,
      created,
      expires_at: created + 300,
    };
    store.accountLinks.push(link);
    return {
      status: 200,
      body: {
        object: link.object,
        created: link.created,
        expires_at: link.expires_at,
        url: link.url,
      },
    };
  });
}
