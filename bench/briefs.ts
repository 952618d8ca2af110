/** Briefs of the benchmarks: a small one and a generator of long, varied ones. */
export const SMALL_BRIEF = `# Dog walking app
- Owners sign up with email or Google
- Owners book a walker for a time slot and pay by card
- Walkers share their live location on a map during the walk
- Owners get a push notification when the walk starts and ends
- Owners rate the walker after each walk`;

const AREAS = [
  ['Accounts', 'Users sign up with email, Google or Apple and reset their password by email'],
  ['Profiles', 'Users edit a public profile with a photo, a bio and social links'],
  ['Catalog', 'Shoppers browse products by category with filters for price, size and brand'],
  ['Search', 'Users search the catalog by keyword with typo tolerance and facets'],
  ['Cart', 'Shoppers keep a cart across devices and apply discount codes'],
  ['Checkout', 'Shoppers pay by card, Apple Pay or PayPal and get an emailed receipt'],
  ['Chat', 'Buyers and sellers chat in real time with read receipts and attachments'],
  ['Notifications', 'Users receive push and email notifications they can tune per event'],
  ['Media', 'Sellers upload photos and short videos that are resized and stored on a CDN'],
  ['Admin', 'Admins moderate listings, refund orders and ban abusive users from a back-office'],
  ['Maps', 'Buyers see sellers near them on a map and filter by distance'],
  ['Analytics', 'Sellers see a dashboard of views, sales and conversion per week'],
  ['Booking', 'Customers book a time slot with a provider and reschedule or cancel it'],
  ['Reviews', 'Buyers leave a star rating and a written review after each order'],
  ['Subscriptions', 'Sellers subscribe to a monthly plan with a free trial and invoices'],
  ['Offline', 'The mobile apps work offline and sync changes when back online'],
  ['Localisation', 'The product is available in English, French and German with local currencies'],
  ['Imports', 'Sellers import their catalog from a CSV file and export orders'],
];

/** A brief of about `chars` characters: sections of user stories, bullets and prose. */
export function longBrief(chars: number): string {
  const parts: string[] = [
    '# Marketplace platform',
    'A two-sided marketplace for independent sellers.',
  ];
  for (let i = 0; parts.join('\n').length < chars; i++) {
    const [area, line] = AREAS[i % AREAS.length];
    const round = Math.floor(i / AREAS.length) + 1;
    parts.push(
      '',
      `## ${area} (phase ${round})`,
      `- ${line}`,
      `- As a user, I want ${line.toLowerCase()} so that I save time (phase ${round})`,
      `${i + 1}. ${area} events are logged for support and audits in phase ${round}`,
    );
  }
  return parts.join('\n');
}
