import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FundPanel } from '../screens/owner/FundPanel';
import { fakeClient, renderScreen } from '../test/render';

// Stripe.js is never fetched in tests: the loader and the React bindings are replaced.
const stripe = vi.hoisted(() => ({
  loadStripe: vi.fn(async () => ({})),
  confirmPayment: vi.fn(),
}));
vi.mock('@stripe/stripe-js/pure', () => ({ loadStripe: stripe.loadStripe }));
vi.mock('@stripe/react-stripe-js', () => ({
  Elements: ({ children, options }: { children: ReactNode; options: { clientSecret: string } }) => (
    <div data-client-secret={options.clientSecret}>{children}</div>
  ),
  PaymentElement: () => <div>Stripe Payment Element</div>,
  useStripe: () => ({ confirmPayment: stripe.confirmPayment }),
  useElements: () => ({}),
}));

const usd = (amountCents: number) => ({ amountCents, currency: 'USD' });
const funding = (over: Record<string, unknown>) => ({
  id: 'f1',
  status: 'PENDING',
  simulated: false,
  clientSecret: 'pi_1_secret_2',
  failureReason: null,
  total: usd(110000),
  fees: usd(10000),
  ...over,
});

function setKey(key: string | null) {
  document.head.querySelector('meta[name="splitwork-stripe-publishable-key"]')?.remove();
  if (!key) return;
  const meta = document.createElement('meta');
  meta.name = 'splitwork-stripe-publishable-key';
  meta.content = key;
  document.head.append(meta);
}

afterEach(() => {
  setKey(null);
  stripe.loadStripe.mockClear();
  stripe.confirmPayment.mockReset();
});

describe('FundPanel', () => {
  it('funds in one click in simulated mode and never loads Stripe.js', async () => {
    const onFunded = vi.fn();
    const client = fakeClient((name) =>
      name === 'FundProject'
        ? {
            data: {
              fundProject: {
                funding: funding({ status: 'SUCCEEDED', simulated: true, clientSecret: null }),
              },
            },
          }
        : undefined,
    );
    renderScreen(
      <FundPanel
        projectId="p1"
        status="PLANNED"
        total={usd(100000)}
        funding={null}
        onFunded={onFunded}
      />,
      client,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Fund project' }));
    await waitFor(() => expect(onFunded).toHaveBeenCalled());
    expect(screen.queryByText('Stripe Payment Element')).toBeNull();
    expect(stripe.loadStripe).not.toHaveBeenCalled();
  });

  it('mounts the Payment Element with the client secret in Stripe mode and confirms the payment', async () => {
    setKey('pk_test_abc123');
    const onFunded = vi.fn();
    stripe.confirmPayment.mockResolvedValue({ paymentIntent: { status: 'succeeded' } });
    const client = fakeClient((name) =>
      name === 'FundProject' ? { data: { fundProject: { funding: funding({}) } } } : undefined,
    );
    renderScreen(
      <FundPanel
        projectId="p1"
        status="PLANNED"
        total={usd(100000)}
        funding={null}
        onFunded={onFunded}
      />,
      client,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Fund project' }));
    const element = await screen.findByText('Stripe Payment Element');
    expect(element.parentElement?.parentElement).toHaveAttribute(
      'data-client-secret',
      'pi_1_secret_2',
    );
    expect(stripe.loadStripe).toHaveBeenCalledWith('pk_test_abc123');
    await userEvent.click(screen.getByRole('button', { name: /^Pay / }));
    await screen.findByText(/Payment confirmed/);
    expect(stripe.confirmPayment).toHaveBeenCalledWith(
      expect.objectContaining({ redirect: 'if_required' }),
    );
    expect(onFunded).toHaveBeenCalled();
  });

  it("shows Stripe's refusal of the card in place", async () => {
    setKey('pk_test_abc123');
    stripe.confirmPayment.mockResolvedValue({ error: { message: 'Your card was declined.' } });
    renderScreen(
      <FundPanel
        projectId="p1"
        status="PLANNED"
        total={usd(100000)}
        funding={funding({})}
        onFunded={() => undefined}
      />,
      fakeClient(() => undefined),
    );
    await userEvent.click(await screen.findByRole('button', { name: /^Pay / }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your card was declined.');
  });
});
