import {
  classifySendFailure,
  decideSend,
  defaultEmailEnabled,
  effectivePreferences,
  emailText,
  formatAmount,
  NOTIFICATION_KINDS,
  reminderTime,
  renderNotification,
  signUnsubscribeToken,
  verifyUnsubscribeToken,
} from '../rules';

const HOUR = 3_600_000;

describe('notification kinds and preferences', () => {
  it('emails every kind by default except thread messages', () => {
    expect(defaultEmailEnabled('CHANGES_REQUESTED')).toBe(true);
    expect(defaultEmailEnabled('THREAD_MESSAGE')).toBe(false);
  });

  it("lists every kind once, the user's choice over the default", () => {
    const prefs = effectivePreferences([
      { kind: 'OFFER_MADE', email: false },
      { kind: 'THREAD_MESSAGE', email: true },
    ]);
    expect(prefs.map((p) => p.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(prefs.find((p) => p.kind === 'OFFER_MADE')?.email).toBe(false);
    expect(prefs.find((p) => p.kind === 'THREAD_MESSAGE')?.email).toBe(true);
    expect(prefs.find((p) => p.kind === 'TASK_PAID')?.email).toBe(true);
  });
});

describe('reminderTime', () => {
  const from = new Date('2026-01-01T00:00:00Z');

  it('reminds a quarter of the window before the deadline', () => {
    const deadline = new Date(from.getTime() + 8 * HOUR);
    expect(reminderTime(from, deadline)).toEqual(new Date(from.getTime() + 6 * HOUR));
  });

  it('reminds at most a day before a long deadline', () => {
    const deadline = new Date(from.getTime() + 10 * 24 * HOUR);
    expect(reminderTime(from, deadline)).toEqual(new Date(deadline.getTime() - 24 * HOUR));
  });

  it('never reminds before the window starts', () => {
    const deadline = new Date(from.getTime() + 60_000);
    expect(reminderTime(from, deadline)).toEqual(from);
  });
});

describe('renderNotification', () => {
  it('puts the feedback and each failed criterion in the changes-requested body', () => {
    const { subject, body } = renderNotification('CHANGES_REQUESTED', {
      title: 'Login screen',
      feedback: 'The error message is missing.',
      failedCriteria: ['Shows an error on a wrong password'],
    });
    expect(subject).toBe('Changes requested on "Login screen"');
    expect(body).toContain('The error message is missing.');
    expect(body).toContain('- Shows an error on a wrong password');
  });

  it('tells a rejected freelancer the feedback and that they may appeal', () => {
    const { body } = renderNotification('SUBMISSION_REJECTED', {
      title: 'Login screen',
      feedback: 'Nothing works.',
      failedCriteria: ['Logs in'],
    });
    expect(body).toContain('Nothing works.');
    expect(body).toContain('- Logs in');
    expect(body).toContain('appeal');
  });

  it('keeps subjects on one line', () => {
    const { subject } = renderNotification('OFFER_MADE', { title: 'Two\nlines' });
    expect(subject).not.toMatch(/\n/);
    expect(subject).toContain('Two lines');
  });

  it('formats money from integer minor units', () => {
    expect(formatAmount({ amountCents: 12345, currency: 'eur' })).toBe('123.45 EUR');
    expect(formatAmount({ amountCents: 5, currency: 'USD' })).toBe('0.05 USD');
    expect(
      renderNotification('TASK_PAID', {
        title: 'T',
        amount: { amountCents: 5000, currency: 'usd' },
      }).body,
    ).toContain('50.00 USD');
  });

  it('ends the email with the unsubscribe links, for this kind and for all', () => {
    const text = emailText(
      { subject: 's', body: 'b' },
      { kind: 'http://x/unsubscribe?token=k', all: 'http://x/unsubscribe?token=a' },
    );
    expect(text.startsWith('b\n')).toBe(true);
    expect(text).toContain('Stop emails like this one: http://x/unsubscribe?token=k\n');
    expect(text).toMatch(/Stop all Splitwork emails: http:\/\/x\/unsubscribe\?token=a\n$/);
  });
});

describe('unsubscribe tokens', () => {
  const secret = 'a-secret-long-enough-for-the-hmac-0123456789';

  it('verifies what it signed, per kind or for all', () => {
    const one = signUnsubscribeToken({ userId: 'u1', kind: 'OFFER_MADE' }, secret);
    expect(verifyUnsubscribeToken(one, secret)).toEqual({ userId: 'u1', kind: 'OFFER_MADE' });
    const all = signUnsubscribeToken({ userId: 'u1', kind: 'ALL' }, secret);
    expect(verifyUnsubscribeToken(all, secret)).toEqual({ userId: 'u1', kind: 'ALL' });
  });

  it('refuses a token signed with another secret, altered, or malformed', () => {
    const token = signUnsubscribeToken({ userId: 'u1', kind: 'OFFER_MADE' }, secret);
    expect(verifyUnsubscribeToken(token, 'another-secret')).toBeNull();
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ u: 'u2', k: 'OFFER_MADE' })).toString('base64url')}.${mac}`;
    expect(verifyUnsubscribeToken(forged, secret)).toBeNull();
    expect(verifyUnsubscribeToken('nonsense', secret)).toBeNull();
    expect(verifyUnsubscribeToken('', secret)).toBeNull();
  });

  it('refuses a signed token naming an unknown kind', () => {
    const token = signUnsubscribeToken(
      { userId: 'u1', kind: 'NOT_A_KIND' as unknown as 'ALL' },
      secret,
    );
    expect(verifyUnsubscribeToken(token, secret)).toBeNull();
  });
});

describe('email delivery, at most once', () => {
  it('sends a pending email and never one whose earlier attempt may have been accepted', () => {
    expect(decideSend('PENDING')).toBe('SEND');
    expect(decideSend('SENDING')).toBe('MARK_UNCERTAIN');
    for (const done of ['SENT', 'SKIPPED', 'FAILED', 'UNCERTAIN'] as const) {
      expect(decideSend(done)).toBe('DONE');
    }
  });

  it('retries a refusal the server answered with 4xx, not with 5xx', () => {
    expect(classifySendFailure({ code: 'EMESSAGE', responseCode: 451 })).toEqual({
      kind: 'NOT_DELIVERED',
      retryable: true,
    });
    expect(classifySendFailure({ code: 'EENVELOPE', responseCode: 550 })).toEqual({
      kind: 'NOT_DELIVERED',
      retryable: false,
    });
  });

  it('retries when no connection was made, never after a drop mid-message', () => {
    expect(classifySendFailure({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).toEqual({
      kind: 'NOT_DELIVERED',
      retryable: true,
    });
    expect(classifySendFailure({ code: 'ECONNECTION' })).toEqual({ kind: 'MAYBE_DELIVERED' });
    expect(classifySendFailure({ code: 'ETIMEDOUT' })).toEqual({ kind: 'MAYBE_DELIVERED' });
    expect(classifySendFailure({})).toEqual({ kind: 'MAYBE_DELIVERED' });
  });
});
