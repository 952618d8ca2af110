import { noSuch } from '../api-error';
import { isFormObject } from '../form';
import type { CapabilityStatus, FakeAccount } from '../objects';
import { clone, field, metadataField, newId, now } from '../params';
import type { Router } from '../router';
import type { FakeStripeStore } from '../store';

const INITIAL_REQUIREMENTS = [
  'business_type',
  'external_account',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

export interface AccountStateChange {
  readonly payoutsEnabled?: boolean;
  readonly chargesEnabled?: boolean;
  readonly detailsSubmitted?: boolean;
  readonly transfers?: CapabilityStatus;
  /** Replaces `currently_due` (default: cleared when transfers become active). */
  readonly requirementsDue?: readonly string[];
  readonly disabledReason?: string | null;
}

/** POST /v1/accounts (Express accounts, capabilities inactive until onboarded), GET /v1/accounts/:id. */
export function accountRoutes(router: Router, store: FakeStripeStore): void {
  router.route('POST', '/v1/accounts', ({ body }) => {
    const requested = isFormObject(body.capabilities) ? Object.keys(body.capabilities) : [];
    const capabilities: Record<string, CapabilityStatus> = { transfers: 'inactive' };
    for (const name of requested) capabilities[name] = 'inactive';
    const account: FakeAccount = {
      id: newId('acct'),
      object: 'account',
      type: field(body, 'type') ?? 'express',
      country: field(body, 'country') ?? 'US',
      email: field(body, 'email'),
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities,
      requirements: {
        currently_due: [...INITIAL_REQUIREMENTS],
        eventually_due: [...INITIAL_REQUIREMENTS],
        past_due: [],
        disabled_reason: 'requirements.past_due',
      },
      metadata: metadataField(body),
      created: now(),
    };
    store.accounts.set(account.id, account);
    return { status: 200, body: clone(account) };
  });
  router.route('GET', '/v1/accounts/:id', ({ params }) => {
    const account = store.accounts.get(params.id);
    if (!account) throw noSuch('account', params.id, 'account');
    return { status: 200, body: clone(account) };
  });
}

/** Moves a connected account along onboarding, as Stripe would. */
export function setAccountState(
  store: FakeStripeStore,
  accountId: string,
  change: AccountStateChange,
): FakeAccount {
  const account = store.accounts.get(accountId);
  if (!account) throw new Error(`FakeStripeServer: no account ${accountId}`);
  if (change.transfers !== undefined) account.capabilities.transfers = change.transfers;
  if (change.payoutsEnabled !== undefined) account.payouts_enabled = change.payoutsEnabled;
  if (change.chargesEnabled !== undefined) account.charges_enabled = change.chargesEnabled;
  const activated = change.transfers === 'active';
  if (change.requirementsDue !== undefined) {
    account.requirements.currently_due = [...change.requirementsDue];
    account.requirements.eventually_due = [...change.requirementsDue];
  } else if (activated) {
    account.requirements.currently_due = [];
    account.requirements.eventually_due = [];
    account.requirements.past_due = [];
  }
  if (change.detailsSubmitted !== undefined) account.details_submitted = change.detailsSubmitted;
  else if (activated) account.details_submitted = true;
  if (change.disabledReason !== undefined)
    account.requirements.disabled_reason = change.disabledReason;
  else if (activated) account.requirements.disabled_reason = null;
  return clone(account);
}
