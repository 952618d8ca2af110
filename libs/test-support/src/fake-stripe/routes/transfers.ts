import { invalid, noSuch } from '../api-error';
import type { FakeTransfer, FakeTransferReversal } from '../objects';
import {
  amountField,
  clone,
  currencyField,
  field,
  metadataField,
  newId,
  now,
  requireField,
} from '../params';
import type { Router } from '../router';
import type { FakeStripeStore } from '../store';

/**
 * POST/GET /v1/transfers (to an account whose transfers capability is
 * active), GET /v1/transfers/:id, POST /v1/transfers/:id/reversals.
 */
export function transferRoutes(router: Router, store: FakeStripeStore): void {
  const transferOf = (id: string): FakeTransfer => {
    const transfer = store.transfers.find((t) => t.id === id);
    if (!transfer) throw noSuch('transfer', id, 'id');
    return transfer;
  };

  router.route('POST', '/v1/transfers', ({ body }) => {
    const amount = amountField(body, 'amount', true);
    const currency = currencyField(body);
    const destination = requireField(body, 'destination');
    const account = store.accounts.get(destination);
    if (!account) throw noSuch('destination', destination, 'destination', 400);
    if (account.capabilities.transfers !== 'active') {
      throw invalid(
        'insufficient_capabilities_for_transfer',
        'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
        'destination',
      );
    }
    const id = newId('tr');
    const transfer: FakeTransfer = {
      id,
      object: 'transfer',
      amount,
      amount_reversed: 0,
      currency,
      destination,
      transfer_group: field(body, 'transfer_group'),
      description: field(body, 'description'),
      metadata: metadataField(body),
      reversed: false,
      reversals: {
        object: 'list',
        data: [],
        has_more: false,
        url: `/v1/transfers/${id}/reversals`,
      },
      created: now(),
      livemode: false,
    };
    store.transfers.push(transfer);
    return { status: 200, body: clone(transfer) };
  });

  router.route('GET', '/v1/transfers', ({ query }) => {
    const destination = field(query, 'destination');
    const group = field(query, 'transfer_group');
    const limitRaw = field(query, 'limit');
    const limit = limitRaw === null ? 10 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalid('parameter_invalid_integer', 'Invalid limit', 'limit');
    }
    let matching = [...store.transfers]
      .reverse()
      .filter((t) => destination === null || t.destination === destination)
      .filter((t) => group === null || t.transfer_group === group);
    const after = field(query, 'starting_after');
    if (after !== null) {
      const index = matching.findIndex((t) => t.id === after);
      if (index < 0) throw noSuch('transfer', after, 'starting_after', 400);
      matching = matching.slice(index + 1);
    }
    return {
      status: 200,
      body: {
        object: 'list',
        url: '/v1/transfers',
        has_more: matching.length > limit,
        data: matching.slice(0, limit).map(clone),
      },
    };
  });

  router.route('GET', '/v1/transfers/:id', ({ params }) => ({
    status: 200,
    body: clone(transferOf(params.id)),
  }));

  router.route('POST', '/v1/transfers/:id/reversals', ({ params, body }) => {
    const transfer = transferOf(params.id);
    const left = transfer.amount - transfer.amount_reversed;
    const amount = amountField(body, 'amount', false) ?? left;
    if (left === 0) {
      throw invalid(
        'transfer_already_reversed',
        `Transfer ${transfer.id} has already been fully reversed.`,
      );
    }
    if (amount > left) {
      throw invalid(
        'amount_too_large',
        `Reversal amount (${amount}) is greater than the amount left on the transfer (${left}).`,
        'amount',
      );
    }
    const reversal: FakeTransferReversal = {
      id: newId('trr'),
      object: 'transfer_reversal',
      amount,
      currency: transfer.currency,
      transfer: transfer.id,
      metadata: metadataField(body),
      created: now(),
    };
    transfer.reversals.data.push(reversal);
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed === transfer.amount;
    return { status: 200, body: clone(reversal) };
  });
}
