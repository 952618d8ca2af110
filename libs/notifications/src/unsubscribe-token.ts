import { createHmac, timingSafeEqual } from 'node:crypto';
import { isNotificationKind, NotificationKind } from './notification-kind';

/** What an unsubscribe link turns off: one kind's email, or every email. */
export interface UnsubscribeScope {
  readonly userId: string;
  readonly kind: NotificationKind | 'ALL';
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
}

/**
 * `<payload>.<mac>`: base64url JSON of the scope and its HMAC-SHA256. No
 * expiry: an old email's link keeps working, and all it can do is turn email
 * off for the one user it was sent to.
 */
export function signUnsubscribeToken(scope: UnsubscribeScope, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ u: scope.userId, k: scope.kind })).toString(
    'base64url',
  );
  return `${payload}.${mac(secret, payload)}`;
}

/** The scope of a genuine token; null for anything forged, altered or malformed. */
export function verifyUnsubscribeToken(token: string, secret: string): UnsubscribeScope | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [payload, given] = parts;
  const expected = Buffer.from(mac(secret, payload));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { u, k } = value as { u?: unknown; k?: unknown };
    if (typeof u !== 'string' || typeof k !== 'string') return null;
    if (k !== 'ALL' && !isNotificationKind(k)) return null;
    return { userId: u, kind: k };
  } catch {
    return null;
  }
}
