export interface MoneyLike {
  amountCents: number;
  currency: string;
}

export function money(m: MoneyLike | null | undefined): string {
  if (!m) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency }).format(
    m.amountCents / 100,
  );
}

/** "2 h 05 min left" until `iso`, or "expired". */
export function timeLeft(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48) return `${Math.floor(h / 24)} days left`;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min left` : `${m} min left`;
}
