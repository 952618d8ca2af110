import type { Provider } from '@nestjs/common';
import { AppConfig } from '@splitwork/config';
import { PaymentProvider } from './payment-provider';
import { SimulatedPaymentProvider } from './simulated-payment-provider';
import { StripePaymentProvider } from './stripe-payment-provider';

/** Stripe when STRIPE_SECRET_KEY is set; the simulated provider otherwise. */
export const paymentProviderFactory: Provider = {
  provide: PaymentProvider,
  inject: [AppConfig],
  useFactory: (config: AppConfig): PaymentProvider =>
    config.STRIPE_SECRET_KEY
      ? new StripePaymentProvider({
          secretKey: config.STRIPE_SECRET_KEY,
          apiUrl: config.STRIPE_API_URL,
          timeoutMs: 20_000,
          maxNetworkRetries: 2,
        })
      : new SimulatedPaymentProvider(),
};
