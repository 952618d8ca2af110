import { useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
// The "pure" entry loads Stripe.js only when loadStripe is called (Stripe mode), never on import.
import { loadStripe } from '@stripe/stripe-js/pure';

interface Props {
  publishableKey: string;
  clientSecret: string;
  amount: string;
  onConfirmed: () => void;
}

/**
 * Stripe's Payment Element for the funding PaymentIntent (lazy-loaded: only
 * Stripe mode downloads this chunk and Stripe.js). Confirms in place; the
 * escrow is credited when Stripe's webhook reaches the API.
 */
export default function StripePayment({
  publishableKey,
  clientSecret,
  amount,
  onConfirmed,
}: Props) {
  const stripe = useMemo(() => loadStripe(publishableKey), [publishableKey]);
  return (
    <Elements stripe={stripe} options={{ clientSecret }}>
      <PaymentForm amount={amount} onConfirmed={onConfirmed} />
    </Elements>
  );
}

function PaymentForm({ amount, onConfirmed }: { amount: string; onConfirmed: () => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const pay = async () => {
    if (!stripe || !elements) return;
    setBusy(true);
    setError(null);
    const result = await stripe.confirmPayment({
      elements,
      redirect: 'if_required',
      confirmParams: { return_url: window.location.href },
    });
    setBusy(false);
    if (result.error) {
      setError(result.error.message ?? 'The payment was not confirmed.');
      return;
    }
    setDone(true);
    onConfirmed();
  };
  return (
    <div className="stripe-payment">
      <PaymentElement />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status">Payment confirmed: the escrow is credited when Stripe tells the API.</p>
      ) : null}
      <Button isDisabled={!stripe || !elements || busy || done} onPress={() => void pay()}>
        Pay {amount}
      </Button>
    </div>
  );
}
