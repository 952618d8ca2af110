import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCode, isDomainError } from '@splitwork/kernel';
import { onboardingBlockReason } from '@splitwork/payments-core';
import { OnboardingService } from './onboarding.service';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Splitwork</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

/**
 * Where Stripe sends a payee from Connect onboarding (the URLs
 * OnboardingService puts in each Account Link, under PUBLIC_URL). Both carry
 * a signed token naming the connected account; nothing else is shown or
 * accepted. The return page shows the account's payout status only; the
 * refresh URL mints a fresh Account Link and redirects to it.
 */
@Controller('payouts/onboarding')
export class PayoutOnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get('return')
  async return(@Query('token') token: string | undefined, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    try {
      const account = await this.onboarding.returned(token ?? '');
      const blocked = onboardingBlockReason(account);
      const body = blocked
        ? `<p id="status" data-status="waiting">Payouts are not enabled yet.</p>
<p>${escapeHtml(blocked)}.</p>
<p>Your earnings wait for you and are sent as soon as Stripe has what it needs. If you left onboarding unfinished, start it again from the app.</p>`
        : `<p id="status" data-status="enabled">Payouts are enabled.</p>
<p>Your account can receive transfers: every payout that was waiting for it is on its way.</p>`;
      res
        .status(200)
        .type('html')
        .send(page(blocked ? 'Onboarding not complete' : 'Payouts enabled', body));
    } catch (error) {
      this.fail(res, error);
    }
  }

  @Get('refresh')
  async refresh(@Query('token') token: string | undefined, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    try {
      res.redirect(302, await this.onboarding.refreshLink(token ?? ''));
    } catch (error) {
      this.fail(res, error);
    }
  }

  private fail(res: Response, error: unknown): void {
    if (isDomainError(error) && error.code === ErrorCode.NOT_FOUND) {
      res
        .status(404)
        .type('html')
        .send(
          page(
            'Link not valid',
            '<p>This onboarding link is not valid or has expired. Start onboarding again from the app.</p>',
          ),
        );
      return;
    }
    if (isDomainError(error) && error.code === ErrorCode.PAYMENT_FAILED) {
      res
        .status(502)
        .type('html')
        .send(
          page('Try again', '<p>Stripe could not be reached. Reload this page in a moment.</p>'),
        );
      return;
    }
    throw error;
  }
}
