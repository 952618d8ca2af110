import {
  BadRequestException,
  Controller,
  HttpCode,
  NotFoundException,
  Post,
  Req,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '@splitwork/config';
import { isDomainError } from '@splitwork/kernel';
import { PaymentEventsService } from './payment-events.service';
import { PaymentProvider } from './providers/payment-provider';
import { StripePaymentProvider } from './providers/stripe-payment-provider';

/** Signed events older, or dated further ahead, than this are refused (replay protection). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The signed `t=` timestamp of a Stripe-Signature header, in seconds. */
function signedAt(header: string): number | undefined {
  const t = header
    .split(',')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === 't')?.[1];
  return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
}

@Controller('webhooks')
export class StripeWebhookController {
  constructor(
    private readonly provider: PaymentProvider,
    private readonly events: PaymentEventsService,
    private readonly config: AppConfig,
  ) {}

  /** Stripe events, verified on the raw body; unsigned, tampered, stale or future-dated ones are refused. */
  @Post('stripe')
  @HttpCode(200)
  async stripe(@Req() req: RawBodyRequest<Request>): Promise<{ received: true; outcome: string }> {
    const secret = this.config.STRIPE_WEBHOOK_SECRET;
    if (!(this.provider instanceof StripePaymentProvider) || !secret) {
      throw new NotFoundException('Payments are simulated: there is no webhook');
    }
    const signature = req.headers['stripe-signature'];
    if (typeof signature !== 'string' || !req.rawBody) {
      throw new BadRequestException('Missing Stripe signature');
    }
    let event;
    try {
      event = this.provider.constructEvent(
        req.rawBody,
        signature,
        secret,
        SIGNATURE_TOLERANCE_SECONDS,
      );
    } catch {
      throw new BadRequestException('Invalid Stripe signature');
    }
    // The SDK only refuses events that are too old; one dated in the future
    // would stay replayable until that date (the timestamp is signed).
    const timestamp = signedAt(signature);
    if (
      timestamp === undefined ||
      timestamp > Math.floor(Date.now() / 1000) + SIGNATURE_TOLERANCE_SECONDS
    ) {
      throw new BadRequestException('Stripe signature timestamp is out of tolerance');
    }
    try {
      return { received: true, outcome: await this.events.handle(event) };
    } catch (error) {
      // A malformed event is answered 400 (Stripe shows it); anything else 500, and Stripe retries.
      if (isDomainError(error)) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
