import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { FakeStripeServer, parseStripeForm, postEvent, signedEvent } from '../fake-stripe-server';

const WEBHOOK_SECRET = 'whsec_fake_stripe_server_test';

describe('FakeStripeServer with the real stripe SDK', () => {
  let fake: FakeStripeServer;

  beforeAll(async () => {
    fake = await FakeStripeServer.start();
  });

  afterEach(() => {
    fake.reset();
  });

  afterAll(async () => {
    await fake.close();
  });

  /** An Express account whose transfers capability is active. */
  async function activeAccount(stripe: Stripe): Promise<string> {
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { transfers: { requested: true } },
    });
    fake.setAccountState(account.id, { transfers: 'active', payoutsEnabled: true });
    return account.id;
  }

  it('parses bracket notation into nested objects and lists', () => {
    expect(
      parseStripeForm(
        'amount=100&metadata[projectId]=p%201&capabilities[transfers][requested]=true&expand[0]=a&expand[1]=b&tags[]=x&tags[]=y',
      ),
    ).toEqual({
      amount: '100',
      metadata: { projectId: 'p 1' },
      capabilities: { transfers: { requested: 'true' } },
      expand: ['a', 'b'],
      tags: ['x', 'y'],
    });
  });

  it('creates a payment intent, an express account, an account link and a transfer', async () => {
    const stripe = fake.client();

    const intent = await stripe.paymentIntents.create({
      amount: 11_500,
      currency: 'usd',
      metadata: { projectId: 'p1' },
      transfer_group: 'project_p1',
    });
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 11_500,
      currency: 'usd',
      metadata: { projectId: 'p1' },
      transfer_group: 'project_p1',
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect((await stripe.paymentIntents.retrieve(intent.id)).id).toBe(intent.id);

    const account = await stripe.accounts.create({
      type: 'express',
      email: 'dev@example.com',
      capabilities: { transfers: { requested: true } },
      metadata: { userId: 'u1' },
    });
    expect(account).toMatchObject({
      type: 'express',
      charges_enabled: false,
      payouts_enabled: false,
      capabilities: { transfers: 'inactive' },
      metadata: { userId: 'u1' },
    });
    expect(account.id).toMatch(/^acct_/);
    expect(fake.requestsTo('POST /v1/accounts')[0].body).toMatchObject({
      capabilities: { transfers: { requested: 'true' } },
    });

    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://app.test/refresh',
      return_url: 'https://app.test/return',
      type: 'account_onboarding',
    });
    expect(link.url).toContain(account.id);
    expect(link.expires_at).toBeGreaterThan(link.created);

    fake.setAccountState(account.id, { transfers: 'active', payoutsEnabled: true });
    const retrieved = await stripe.accounts.retrieve(account.id);
    expect(retrieved).toMatchObject({
      payouts_enabled: true,
      capabilities: { transfers: 'active' },
      requirements: { currently_due: [] },
    });

    const transfer = await stripe.transfers.create({
      amount: 10_000,
      currency: 'usd',
      destination: account.id,
      transfer_group: 'project_p1',
      metadata: { payoutId: 'po1' },
    });
    expect(transfer).toMatchObject({
      object: 'transfer',
      amount: 10_000,
      destination: account.id,
      transfer_group: 'project_p1',
      metadata: { payoutId: 'po1' },
    });
    expect(transfer.id).toMatch(/^tr_/);
    expect(fake.transfersTo(account.id)).toHaveLength(1);
  });

  it('refuses a transfer to an account whose transfers capability is not active', async () => {
    const stripe = fake.client();
    const account = await stripe.accounts.create({ type: 'express' });

    await expect(
      stripe.transfers.create({ amount: 500, currency: 'usd', destination: account.id }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'insufficient_capabilities_for_transfer',
    });
    expect(fake.transfers()).toHaveLength(0);
  });

  it('answers a repeated idempotency key with the stored transfer and creates one', async () => {
    const stripe = fake.client();
    const destination = await activeAccount(stripe);
    const params = { amount: 2_500, currency: 'usd', destination, transfer_group: 'project_p2' };

    const first = await stripe.transfers.create(params, { idempotencyKey: 'payout-1' });
    const second = await stripe.transfers.create(params, { idempotencyKey: 'payout-1' });

    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.transfersTo(destination)).toHaveLength(1);
    expect(fake.requestsTo('POST /v1/transfers').map((r) => [r.idempotencyKey, r.outcome])).toEqual(
      [
        ['payout-1', 'applied'],
        ['payout-1', 'replayed'],
      ],
    );
  });

  it('refuses a repeated idempotency key with other parameters, like Stripe', async () => {
    const stripe = fake.client();
    const destination = await activeAccount(stripe);
    await stripe.transfers.create(
      { amount: 100, currency: 'usd', destination },
      { idempotencyKey: 'k' },
    );

    await expect(
      stripe.transfers.create(
        { amount: 999, currency: 'usd', destination },
        { idempotencyKey: 'k' },
      ),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
    expect(fake.transfers()).toHaveLength(1);
  });

  it('ends with exactly one transfer when the answer is dropped and the SDK retries', async () => {
    const stripe = fake.client({ maxNetworkRetries: 2 });
    const destination = await activeAccount(stripe);
    fake.applyThenDrop('POST /v1/transfers');

    const transfer = await stripe.transfers.create(
      { amount: 7_000, currency: 'usd', destination, transfer_group: 'project_p3' },
      { idempotencyKey: 'payout-drop' },
    );

    expect(fake.transfersTo(destination).map((t) => t.id)).toEqual([transfer.id]);
    expect(fake.requestsTo('POST /v1/transfers').map((r) => [r.idempotencyKey, r.outcome])).toEqual(
      [
        ['payout-drop', 'applied-then-dropped'],
        ['payout-drop', 'replayed'],
      ],
    );
  });

  it('keys a retry itself when the caller gives no idempotency key', async () => {
    const stripe = fake.client({ maxNetworkRetries: 1 });
    const destination = await activeAccount(stripe);
    fake.applyThenDrop('/v1/transfers');

    await stripe.transfers.create({ amount: 300, currency: 'usd', destination });

    const [first, retry] = fake.requestsTo('POST /v1/transfers');
    expect(first.idempotencyKey).toMatch(/^stripe-node-retry-/);
    expect(retry.idempotencyKey).toBe(first.idempotencyKey);
    expect(fake.transfers()).toHaveLength(1);
  });

  it('fails with a 500 then succeeds on the SDK retry', async () => {
    const stripe = fake.client({ maxNetworkRetries: 1 });
    const destination = await activeAccount(stripe);
    fake.failNext('POST /v1/transfers', { status: 500, code: 'api_error_fake' });

    const transfer = await stripe.transfers.create(
      { amount: 1_200, currency: 'usd', destination },
      { idempotencyKey: 'payout-500' },
    );

    expect(transfer.amount).toBe(1_200);
    expect(fake.requestsTo('POST /v1/transfers').map((r) => [r.status, r.outcome])).toEqual([
      [500, 'injected-failure'],
      [200, 'applied'],
    ]);
    expect(fake.transfers()).toHaveLength(1);
  });

  it('answers injected errors in the Stripe format, which the SDK turns into typed errors', async () => {
    const stripe = fake.client({ maxNetworkRetries: 0 });
    const destination = await activeAccount(stripe);
    fake.failNext(/^\/v1\/transfers$/, { status: 429, times: 1 });
    fake.failNext('POST /v1/transfers', {
      status: 402,
      code: 'card_declined',
      message: 'Declined',
    });

    await expect(
      stripe.transfers.create({ amount: 1, currency: 'usd', destination }),
    ).rejects.toMatchObject({
      type: 'StripeRateLimitError',
      statusCode: 429,
    });
    await expect(
      stripe.transfers.create({ amount: 1, currency: 'usd', destination }),
    ).rejects.toMatchObject({
      type: 'StripeCardError',
      statusCode: 402,
      code: 'card_declined',
      message: 'Declined',
    });
    expect(fake.pendingFaults).toBe(0);
    expect(fake.transfers()).toHaveLength(0);
  });

  it('holds an answer past the client timeout; the retry gets the stored result', async () => {
    const stripe = fake.client({ maxNetworkRetries: 1, timeout: 200 });
    const destination = await activeAccount(stripe);
    fake.delayNext('POST /v1/transfers', 1_500);

    const transfer = await stripe.transfers.create(
      { amount: 4_000, currency: 'usd', destination },
      { idempotencyKey: 'payout-slow' },
    );

    expect(fake.transfers().map((t) => t.id)).toEqual([transfer.id]);
    expect(fake.requestsTo('POST /v1/transfers').map((r) => r.outcome)).toEqual([
      'applied',
      'replayed',
    ]);
  });

  it('reports a timeout as a connection error when retries are off', async () => {
    const stripe = fake.client({ maxNetworkRetries: 0, timeout: 100 });
    fake.delayNext('GET /v1/accounts/:id', 1_000);

    await expect(stripe.accounts.retrieve('acct_missing')).rejects.toMatchObject({
      type: 'StripeConnectionError',
    });
  });

  it('lists transfers by transfer group, newest first', async () => {
    const stripe = fake.client();
    const destination = await activeAccount(stripe);
    const a = await stripe.transfers.create({
      amount: 1,
      currency: 'usd',
      destination,
      transfer_group: 'g1',
    });
    await stripe.transfers.create({
      amount: 2,
      currency: 'usd',
      destination,
      transfer_group: 'g2',
    });
    const c = await stripe.transfers.create({
      amount: 3,
      currency: 'usd',
      destination,
      transfer_group: 'g1',
    });

    const list = await stripe.transfers.list({ transfer_group: 'g1' });

    expect(list.data.map((t) => t.id)).toEqual([c.id, a.id]);
    expect(list.has_more).toBe(false);
  });

  it('reverses a transfer and refunds a succeeded payment', async () => {
    const stripe = fake.client();
    const destination = await activeAccount(stripe);
    const transfer = await stripe.transfers.create({ amount: 5_000, currency: 'usd', destination });

    const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 2_000 });
    expect(reversal).toMatchObject({
      object: 'transfer_reversal',
      amount: 2_000,
      transfer: transfer.id,
    });
    await expect(
      stripe.transfers.createReversal(transfer.id, { amount: 3_001 }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({
      amount_reversed: 2_000,
      reversed: false,
    });

    const intent = await stripe.paymentIntents.create({
      amount: 9_000,
      currency: 'usd',
      metadata: { projectId: 'p' },
    });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
    fake.succeedPaymentIntent(intent.id);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 4_000 });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 4_000,
      status: 'succeeded',
      payment_intent: intent.id,
    });
    expect(fake.charges()[0]).toMatchObject({ amount_refunded: 4_000, refunded: false });
  });

  it('answers an unknown object with resource_missing', async () => {
    const stripe = fake.client();
    await expect(stripe.paymentIntents.retrieve('pi_nope')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      type: 'StripeInvalidRequestError',
    });
  });

  describe('webhook events', () => {
    it('signs an event that constructEvent verifies, and refuses a tampered one', () => {
      const stripe = fake.client();
      const signed = signedEvent(
        'payment_intent.succeeded',
        { id: 'pi_1', amount: 100 },
        { secret: WEBHOOK_SECRET },
      );

      const event = stripe.webhooks.constructEvent(signed.payload, signed.header, WEBHOOK_SECRET);
      expect(event).toMatchObject({
        id: signed.event.id,
        type: 'payment_intent.succeeded',
        data: { object: { id: 'pi_1' } },
      });

      const tampered = signed.payload.replace('"amount":100', '"amount":100000');
      expect(tampered).not.toBe(signed.payload);
      expect(() => stripe.webhooks.constructEvent(tampered, signed.header, WEBHOOK_SECRET)).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
      expect(() =>
        stripe.webhooks.constructEvent(signed.payload, signed.header, 'whsec_other'),
      ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    });

    it('signs a stale event that fails the tolerance', () => {
      const stripe = fake.client();
      const stale = signedEvent(
        'account.updated',
        { id: 'acct_1' },
        {
          secret: WEBHOOK_SECRET,
          timestamp: Math.floor(Date.now() / 1000) - 3_600,
        },
      );
      expect(() =>
        stripe.webhooks.constructEvent(stale.payload, stale.header, WEBHOOK_SECRET, 300),
      ).toThrow(/tolerance/);
    });

    it('posts the raw payload with the signature header', async () => {
      const received: { body: string; signature: string | undefined }[] = [];
      const receiver: Server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const signature = req.headers['stripe-signature'];
          received.push({
            body: Buffer.concat(chunks).toString('utf8'),
            signature: typeof signature === 'string' ? signature : undefined,
          });
          res.writeHead(signature ? 200 : 400).end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;
      try {
        const account = fake.client();
        const signed = signedEvent(
          'charge.refunded',
          { id: 'ch_1' },
          { secret: WEBHOOK_SECRET, account: 'acct_9' },
        );

        expect(await postEvent(url, signed)).toEqual({ status: 200, body: 'ok' });
        expect((await postEvent(url, { payload: signed.payload, header: null })).status).toBe(400);

        expect(received[0].body).toBe(signed.payload);
        expect(
          account.webhooks.constructEvent(
            received[0].body,
            received[0].signature ?? '',
            WEBHOOK_SECRET,
          ).account,
        ).toBe('acct_9');
        expect(received[1].signature).toBeUndefined();
      } finally {
        receiver.closeAllConnections();
        await new Promise<void>((resolve) => receiver.close(() => resolve()));
      }
    });
  });
});
