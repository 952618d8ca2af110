import { NotificationKind } from './notification-kind';

/** What the cause of a notification tells about it; every field optional, each kind uses its own. */
export interface NotificationFacts {
  /** The task's or project's title. */
  readonly title?: string;
  readonly feedback?: string;
  /** Acceptance criteria the reviewer marked as not met. */
  readonly failedCriteria?: readonly string[];
  readonly deadline?: Date;
  /** Planning failure reason, appeal note, dispute outcome. */
  readonly reason?: string;
  /** An appeal's or dispute's outcome, e.g. OVERTURNED. */
  readonly outcome?: string;
  readonly amount?: { readonly amountCents: number; readonly currency: string };
  /** The author of a thread message and its first words. */
  readonly author?: string;
  readonly excerpt?: string;
}

export interface RenderedNotification {
  readonly subject: string;
  readonly body: string;
}

/** Integer minor units as text, e.g. 12345 EUR → "123.45 EUR". */
export function formatAmount(amount: { amountCents: number; currency: string }): string {
  const sign = amount.amountCents < 0 ? '-' : '';
  const cents = Math.abs(amount.amountCents);
  return `${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')} ${amount.currency.toUpperCase()}`;
}

/** One line, trimmed to `max` characters: subjects must not carry line breaks. */
function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function when(deadline: Date | undefined): string {
  return deadline ? ` (${deadline.toISOString().replace('T', ' ').slice(0, 16)} UTC)` : '';
}

/** The subject and plain-text body of a notification, the same in the inbox and the email. */
export function renderNotification(
  kind: NotificationKind,
  facts: NotificationFacts,
): RenderedNotification {
  const title = oneLine(facts.title ?? 'a task', 100);
  switch (kind) {
    case 'OFFER_MADE':
      return {
        subject: `You were offered "${title}"`,
        body: `The task "${title}" is offered to you. Accept it before the offer expires${when(facts.deadline)}.`,
      };
    case 'OFFER_EXPIRING':
      return {
        subject: `Your offer for "${title}" expires soon`,
        body: `The offer of "${title}" to you expires soon${when(facts.deadline)}. Accept it or it goes back to the market.`,
      };
    case 'CLAIM_DEADLINE_APPROACHING':
      return {
        subject: `Deadline approaching for "${title}"`,
        body: `Your claim on "${title}" ends soon${when(facts.deadline)}. Submit your work before then or the task goes back to the market.`,
      };
    case 'SUBMISSION_WAITING_FOR_REVIEW':
      return {
        subject: `"${title}" is waiting for review`,
        body: `A submission for "${title}" is waiting for your review.`,
      };
    case 'CHANGES_REQUESTED': {
      const failed = facts.failedCriteria ?? [];
      const lines = [`The reviewer asked for changes to "${title}".`];
      if (facts.feedback?.trim()) lines.push('', 'Feedback:', facts.feedback.trim());
      if (failed.length > 0) lines.push('', 'Criteria not met:', ...failed.map((c) => `- ${c}`));
      return { subject: `Changes requested on "${title}"`, body: lines.join('\n') };
    }
    case 'SUBMISSION_REJECTED': {
      const failed = facts.failedCriteria ?? [];
      const lines = [`Your submission for "${title}" was rejected; the task is open again.`];
      if (facts.feedback?.trim()) lines.push('', 'Feedback:', facts.feedback.trim());
      if (failed.length > 0) lines.push('', 'Criteria not met:', ...failed.map((c) => `- ${c}`));
      lines.push('', 'If the rejection was wrong, you can appeal it.');
      return { subject: `Submission rejected on "${title}"`, body: lines.join('\n') };
    }
    case 'TASK_APPROVED':
      return {
        subject: `"${title}" was approved`,
        body: `Your work on "${title}" was approved; the payout is on its way.`,
      };
    case 'TASK_PAID':
      return {
        subject: `You were paid for "${title}"`,
        body: facts.amount
          ? `${formatAmount(facts.amount)} was paid out for "${title}".`
          : `The payout for "${title}" was sent.`,
      };
    case 'APPEAL_DECIDED': {
      const lines = [`Your appeal on "${title}" was decided: ${facts.outcome ?? 'decided'}.`];
      if (facts.reason?.trim()) lines.push('', `Note: ${facts.reason.trim()}`);
      return { subject: `Appeal decided on "${title}"`, body: lines.join('\n') };
    }
    case 'PLANNING_FINISHED':
      return {
        subject: `The plan for "${title}" is ready`,
        body: `Planning finished for "${title}". Review the plan, then fund it.`,
      };
    case 'PLANNING_FAILED':
      return {
        subject: `Planning failed for "${title}"`,
        body: `Planning failed for "${title}"${facts.reason ? `: ${facts.reason}` : '.'}`,
      };
    case 'FUNDING_CONFIRMED':
      return {
        subject: `"${title}" is funded`,
        body: facts.amount
          ? `${formatAmount(facts.amount)} is in escrow for "${title}"; its tasks are on the market.`
          : `The funding of "${title}" is confirmed; its tasks are on the market.`,
      };
    case 'THREAD_MESSAGE':
      return {
        subject: `New message on "${title}"`,
        body: `${facts.author ?? 'Someone'} wrote on "${title}":\n\n${facts.excerpt ?? ''}`.trimEnd(),
      };
    case 'DISPUTE_OPENED':
      return {
        subject: `A dispute was opened on "${title}"`,
        body: `A dispute was opened on "${title}"${facts.reason ? `: ${facts.reason}` : '.'}`,
      };
    case 'DISPUTE_RESOLVED':
      return {
        subject: `The dispute on "${title}" was resolved`,
        body: `The dispute on "${title}" was resolved: ${facts.outcome ?? 'resolved'}.${facts.reason ? `\n\nNote: ${facts.reason}` : ''}`,
      };
  }
}

/** The email's text: the notification, then how to stop this kind of email, or all of them. */
export function emailText(
  rendered: RenderedNotification,
  links: { kind: string; all: string },
): string {
  return (
    `${rendered.body}\n\n--\nYou get this email because of your Splitwork notification settings.\n` +
    `Stop emails like this one: ${links.kind}\nStop all Splitwork emails: ${links.all}\n`
  );
}
