import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isDomainError } from '@splitwork/kernel';
import { NotificationPreferencesService } from './notification-preferences.service';
import type { UnsubscribeScope } from './unsubscribe-token';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

const INVALID = page('Link not valid', '<p>This unsubscribe link is not valid.</p>');

/**
 * The unsubscribe link of every email (public: the signed token is the
 * authority). GET only shows a confirmation, so a mail scanner following
 * links changes nothing; POST turns the email off, and is also what a mail
 * client's one-click unsubscribe sends (RFC 8058: `List-Unsubscribe=One-Click`).
 */
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async confirm(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    const scope = typeof token === 'string' ? await this.scopeOf(token) : null;
    if (typeof token !== 'string' || !scope) {
      res.status(404).send(INVALID);
      return;
    }
    const what =
      scope.kind === 'ALL' ? 'all Splitwork emails' : `Splitwork emails of kind ${scope.kind}`;
    res
      .status(200)
      .send(
        page(
          'Unsubscribe',
          `<p>Stop ${escapeHtml(what)}? The in-app inbox keeps showing them.</p>` +
            `<form method="post" action="?token=${encodeURIComponent(token)}">` +
            `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
            `<button type="submit">Unsubscribe</button></form>`,
        ),
      );
  }

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    if (typeof token !== 'string') {
      res.status(404).send(INVALID);
      return;
    }
    try {
      const scope = await this.preferences.unsubscribe(token);
      const what = scope.kind === 'ALL' ? 'any Splitwork email' : `emails of kind ${scope.kind}`;
      res
        .status(200)
        .send(page('Unsubscribed', `<p>You will not get ${escapeHtml(what)} any more.</p>`));
    } catch (error) {
      if (isDomainError(error)) {
        res.status(404).send(INVALID);
        return;
      }
      throw error;
    }
  }

  /** The token's scope; null for a link that is not valid. */
  private async scopeOf(token: string): Promise<UnsubscribeScope | null> {
    try {
      return await this.preferences.scopeOf(token);
    } catch (error) {
      if (isDomainError(error)) return null;
      throw error;
    }
  }
}
