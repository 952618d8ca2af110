import { lazy, Suspense, useEffect } from 'react';
import { Button } from 'react-aria-components';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { money, type MoneyLike } from '../../components/format';
import { stripePublishableKey } from '../../payments/stripe-config';

const StripePayment = lazy(() => import('./StripePayment'));

const FundProjectDocument = graphql(`
  mutation FundProject($input: FundProjectInput!) {
    fundProject(input: $input) {
      funding {
        id
        status
        simulated
        clientSecret
        failureReason
        total {
          amountCents
          currency
        }
        fees {
          amountCents
          currency
        }
      }
    }
  }
`);

interface Props {
  projectId: string;
  status: string;
  total: MoneyLike | null;
  funding: {
    status: string;
    simulated: boolean;
    clientSecret?: string | null;
    total: MoneyLike;
    fees: MoneyLike;
    failureReason?: string | null;
  } | null;
  onFunded: () => void;
}

/**
 * Funds the plan into escrow: one click with the simulated provider. With
 * Stripe the API returns a PaymentIntent client secret: Stripe's Payment
 * Element (a lazy chunk, Stripe.js loaded only then) takes the card and
 * confirms; Stripe's webhook then credits the escrow, followed here until FUNDED.
 */
export function FundPanel({ projectId, status, total, funding, onFunded }: Props) {
  const [result, fund] = useMutation(FundProjectDocument);
  const current = result.data?.fundProject.funding ?? funding;
  const publishableKey = stripePublishableKey();
  const paying =
    status !== 'FUNDED' &&
    current?.status === 'PENDING' &&
    !current.simulated &&
    current.clientSecret &&
    publishableKey
      ? { clientSecret: current.clientSecret, publishableKey }
      : null;
  const waiting =
    status !== 'FUNDED' && (current?.status === 'PENDING' || current?.status === 'SUCCEEDED');
  // Escrow is credited in the background once the provider confirms: follow it until FUNDED.
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(onFunded, 1500);
    return () => clearInterval(t);
  }, [waiting, onFunded]);
  if (status === 'FUNDED') {
    return (
      <p className="ok" role="status">
        Funded: {money(current?.total ?? null)} in escrow
        {current?.simulated ? ' (simulated payment)' : ''}.
      </p>
    );
  }
  return (
    <section className="card" aria-label="Funding">
      <h2>Fund the plan</h2>
      <p>
        Work {money(total)} plus fees goes into escrow; freelancers are paid from it as work is
        approved.
      </p>
      {paying ? (
        <Suspense fallback={<p role="status">Loading Stripe…</p>}>
          <StripePayment
            publishableKey={paying.publishableKey}
            clientSecret={paying.clientSecret}
            amount={money(current?.total ?? null)}
            onConfirmed={onFunded}
          />
        </Suspense>
      ) : waiting ? (
        <p role="status">Waiting for the payment to be confirmed…</p>
      ) : null}
      {current?.failureReason ? <p className="error">{current.failureReason}</p> : null}
      <ErrorNotice error={result.error} />
      <Button
        isDisabled={status === 'CANCELLED' || result.fetching || waiting}
        onPress={() =>
          void fund({ input: { projectId } }).then((r) => {
            if (!r.error) onFunded();
          })
        }
      >
        Fund project
      </Button>
    </section>
  );
}
