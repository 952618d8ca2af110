/**
 * The features the offline planner recognises in a brief, each with the
 * keywords that point to it and what building it involves. The task template
 * generator (`feature-task-templates.ts`) turns an entry into tasks.
 */

export type Complexity = 1 | 2 | 3 | 4 | 5;

/** The kinds of work a feature can need; one task (before size banding) per kind and platform. */
export const WORK_KINDS = [
  'data-model',
  'api',
  'design',
  'web',
  'ios',
  'android',
  'qa',
  'ops',
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export interface WorkLayers {
  readonly dataModel: boolean;
  readonly api: boolean;
  readonly design: boolean;
  readonly ui: boolean;
  readonly qa: boolean;
  readonly ops: boolean;
}

export interface KeywordMatcher {
  readonly pattern: RegExp;
  /** 2: points at the feature on its own; 1: only a hint. */
  readonly weight: 1 | 2;
}

export interface CatalogFeature {
  readonly id: string;
  readonly title: string;
  /** 1: foundations everything else builds on, 2: the product, 3: extras. */
  readonly phase: 1 | 2 | 3;
  readonly complexity: Complexity;
  readonly matchers: readonly KeywordMatcher[];
  readonly entities: readonly string[];
  readonly endpoints: readonly string[];
  readonly screens: readonly string[];
  /** Risky cases QA must look at. */
  readonly checks: readonly string[];
  readonly layers: WorkLayers;
  /** Needs backend work even when BACKEND is not a target platform (e.g. payments). */
  readonly needsServer: boolean;
  /** Its design work feeds the project design system instead of screens of its own. */
  readonly shapesDesignSystem?: boolean;
  readonly extraSkills?: Readonly<Partial<Record<WorkKind, readonly string[]>>>;
  /** Catalog ids whose backend must exist first, when they are part of the plan. */
  readonly requires?: readonly string[];
  /** Added to the plan, even unasked, when a feature that requires it is planned (accounts). */
  readonly impliedByDependants?: boolean;
}

const FULL: WorkLayers = {
  dataModel: true,
  api: true,
  design: true,
  ui: true,
  qa: true,
  ops: false,
};
const NO_DATA_MODEL: WorkLayers = { ...FULL, dataModel: false };
const CLIENT_ONLY: WorkLayers = { ...FULL, dataModel: false, api: false };
const DESIGN_ONLY: WorkLayers = {
  dataModel: false,
  api: false,
  design: true,
  ui: false,
  qa: false,
  ops: false,
};
const OPERATIONS: WorkLayers = {
  dataModel: false,
  api: false,
  design: false,
  ui: false,
  qa: true,
  ops: true,
};

const strong = (pattern: RegExp): KeywordMatcher => ({ pattern, weight: 2 });
const weak = (pattern: RegExp): KeywordMatcher => ({ pattern, weight: 1 });

export const FEATURE_CATALOG: readonly CatalogFeature[] = [
  {
    id: 'auth',
    title: 'Accounts & authentication',
    phase: 1,
    complexity: 3,
    matchers: [
      strong(
        /\b(?<!newsletter )(log(s|ged|ging)?[ -]?(in|out)|logins?|sign(s|ed|ing)?[ -]?(up|in|on|out)|signups?|registration|passwords?|authenticat\w*|sso|single sign[- ]on|2fa|mfa|two[- ]factor|magic links?|passkeys?)\b/i,
      ),
      weak(
        /\b(accounts?|register(s|ed|ing)?|credentials|verify (their |my |the )?email|email verification)\b/i,
      ),
    ],
    entities: ['User', 'Session', 'Credential', 'Password reset token'],
    endpoints: [
      'sign up',
      'log in',
      'log out',
      'refresh session',
      'request and confirm password reset',
    ],
    screens: ['Sign up', 'Log in', 'Forgot password'],
    checks: ['wrong password and lock-out', 'expired session', 'reused password reset link'],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['security'] },
    impliedByDependants: true,
  },
  {
    id: 'teams',
    title: 'Teams & workspaces',
    phase: 1,
    complexity: 4,
    matchers: [
      strong(
        /\b((?<!(support|maintenance|sales|dev|development|our|my) )teams|team (members?|accounts?|plans?|workspaces?|management)|organi[sz]ations?|workspaces?|multi-?tenan\w*|invite (team|colleagues|members|users|staff))\b/i,
      ),
      weak(/\b(team|members?|invit\w*|colleagues|company accounts?)\b/i),
    ],
    entities: ['Organisation', 'Membership', 'Invitation'],
    endpoints: [
      'create a workspace',
      'invite by email and accept',
      'scope every query to the current workspace',
    ],
    screens: ['Workspace switcher', 'Members', 'Accept invitation'],
    checks: ['data isolation between workspaces', 'expired invitation', 'last owner cannot leave'],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'roles',
    title: 'Roles & permissions',
    phase: 1,
    complexity: 3,
    matchers: [
      strong(/\b(roles?|permissions?|rbac|access control|access levels?|privileges?)\b/i),
      weak(/\b(authori[sz]\w*|moderators?|managers? can|only admins?)\b/i),
    ],
    entities: ['Role', 'Permission', 'Role assignment'],
    endpoints: [
      'list roles',
      'assign and revoke a role',
      'check permissions on every protected action',
    ],
    screens: ['Role management', 'Access denied state'],
    checks: [
      'each role sees only what it may',
      'revoking a role takes effect at once',
      'direct links to forbidden pages',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['auth', 'teams'],
  },
  {
    id: 'profiles',
    title: 'User profiles',
    phase: 1,
    complexity: 2,
    matchers: [
      strong(/\b(profiles?|avatars?|bios?|display names?|profile pictures?|portfolios?)\b/i),
      weak(/\b(personal (details|info\w*)|about me)\b/i),
    ],
    entities: ['Profile', 'Avatar'],
    endpoints: ['get a profile', 'update own profile', 'upload an avatar'],
    screens: ['Profile', 'Edit profile'],
    checks: [
      'profile field validation',
      'viewing someone else’s public profile',
      'avatar size limits',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'branding',
    title: 'Brand & visual design',
    phase: 1,
    complexity: 2,
    matchers: [
      strong(
        /\b(brand\w*|look and feel|logos?|visual (design|identity)|style ?guides?|colou?r palettes?|typography|fonts?|mood ?boards?)\b/i,
      ),
      weak(/\b(modern|clean|minimal\w*|friendly|playful|aesthetic|colou?rs?|ui\/ux|ux)\b/i),
    ],
    entities: [],
    endpoints: [],
    screens: ['Brand board', 'Key screen style explorations'],
    checks: [],
    layers: DESIGN_ONLY,
    needsServer: false,
    shapesDesignSystem: true,
  },
  {
    id: 'onboarding',
    title: 'Onboarding',
    phase: 1,
    complexity: 2,
    matchers: [
      strong(
        /\b(onboard\w*|walk-?throughs?|welcome (screens?|flow|tour)|first[- ]run|product tour|getting started)\b/i,
      ),
      weak(/\b(tutorials?|intro screens?|setup wizard|wizard)\b/i),
    ],
    entities: ['Onboarding progress'],
    endpoints: ['save onboarding answers and progress'],
    screens: ['Welcome', 'Onboarding steps', 'Permission primer'],
    checks: ['skipping onboarding', 'resuming after a restart', 'onboarding shown only once'],
    layers: NO_DATA_MODEL,
    needsServer: false,
  },
  {
    id: 'catalog',
    title: 'Product catalog & cart',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(catalog(ue)?s?|products?|carts?|shopping baskets?|baskets?|wish ?lists?|skus?|product variants?)\b/i,
      ),
      weak(
        /\b(inventory|in stock|out of stock|stock levels?|items? for sale|collections?|prices?|merch\w*|shops?|stores?|e-?commerce)\b/i,
      ),
    ],
    entities: ['Product', 'Variant', 'Category', 'Cart', 'Cart item'],
    endpoints: ['list and filter products', 'product details', 'add, update and remove cart items'],
    screens: ['Product list', 'Product details', 'Cart'],
    checks: ['out-of-stock products', 'cart kept after logging in', 'price and quantity updates'],
    layers: FULL,
    needsServer: true,
  },
  {
    id: 'listings',
    title: 'Listings & marketplace',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(/\b(listings?|marketplace|sellers?|vendors?|merchants?|storefronts?|two-sided)\b/i),
      strong(
        /\b((offers?|bids?|quotes?) from|(accept\w*|compare|receive|make|send) (an? |the |their )?(offers?|bids?|quotes?)|post (a|an|the|their|my)( \w+)? (jobs?|listings?|ads?|gigs?))\b/i,
      ),
      weak(/\b(hosts?|providers?|buyers?|creators?|freelancers?|offers?|quotes?)\b/i),
    ],
    entities: ['Listing', 'Listing photo', 'Seller account'],
    endpoints: [
      'create, edit and publish a listing',
      'listing moderation status',
      'seller dashboard data',
    ],
    screens: ['Create listing', 'Listing page', 'Seller dashboard'],
    checks: [
      'incomplete listing cannot be published',
      'only the owner edits a listing',
      'unpublished listings stay hidden',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'checkout',
    title: 'Payments & checkout',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(
        /\b(payments?|pay|paying|paid|checkout|check out|paypal|apple pay|google pay|credit cards?|debit cards?|refunds?|payouts?|escrow|invoices?|(?<!read )receipts?)\b/i,
      ),
      weak(
        /\b(stripe|orders?|purchases?|buy|buying|transactions?|commissions?|fees?|tips?|vat|tax(es)?)\b/i,
      ),
    ],
    entities: ['Order', 'Order line', 'Payment', 'Refund'],
    endpoints: [
      'create a checkout session',
      'handle payment provider webhooks idempotently',
      'list orders',
      'issue a refund',
    ],
    screens: ['Checkout', 'Order confirmation', 'Order history'],
    checks: [
      'declined card and 3-D Secure',
      'duplicate webhook delivery',
      'refund updates the order status',
    ],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['stripe'] },
    requires: ['auth', 'catalog', 'listings'],
  },
  {
    id: 'fulfilment',
    title: 'Shipping & delivery tracking',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(
        /\b(shipping|shipments?|parcels?|couriers?|dispatch\w*|track (my |the |their )?(order|parcel|package|delivery))\b/i,
      ),
      weak(/\b(deliver(y|ies)|drivers?|pick-?up|click and collect|tracking numbers?)\b/i),
    ],
    entities: ['Shipment', 'Delivery status event'],
    endpoints: ['shipping options and costs', 'update and track delivery status'],
    screens: ['Shipping options', 'Order tracking'],
    checks: [
      'address outside delivery zone',
      'status updates arrive out of order',
      'failed delivery',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['checkout'],
  },
  {
    id: 'subscriptions',
    title: 'Subscriptions & billing',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(
        /\b(subscriptions?|subscribe|subscribers?|billing|recurring|free trials?|paywalls?|pricing (plans?|tiers?)|plans? and pricing|upgrades?|downgrades?)\b/i,
      ),
      weak(/\b(tiers?|freemium|premium|monthly|annual|yearly|trials?|seats?)\b/i),
    ],
    entities: ['Plan', 'Subscription', 'Invoice'],
    endpoints: [
      'start a subscription',
      'change plan',
      'cancel a subscription',
      'handle billing webhooks',
    ],
    screens: ['Plans & pricing', 'Billing settings', 'Paywall'],
    checks: [
      'failed renewal and grace period',
      'proration on plan change',
      'access ends when a cancelled period ends',
    ],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['stripe'] },
    requires: ['auth', 'teams'],
  },
  {
    id: 'search',
    title: 'Search & filters',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(/\b(search\w*|filters?|filtering|facets?|faceted|auto-?complete|type-?ahead)\b/i),
      weak(/\b(sort(s|ing|ed)?|browse|browsing|look ?up|find)\b/i),
    ],
    entities: ['Search index document'],
    endpoints: ['search with filters, sorting and pagination'],
    screens: ['Search', 'Filters', 'Results'],
    checks: ['no results', 'combined filters', 'typos and partial words'],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['full-text-search'] },
  },
  {
    id: 'feed',
    title: 'Feeds & timelines',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(feeds?|timelines?|news ?feeds?|activity (feeds?|streams?)|infinite scroll\w*|trending)\b/i,
      ),
      weak(/\b(posts?|posting|stories|updates from)\b/i),
    ],
    entities: ['Post', 'Feed entry'],
    endpoints: ['create a post', 'paginated feed with cursors', 'delete own post'],
    screens: ['Feed', 'Post composer', 'Post details'],
    checks: ['empty feed', 'new posts while scrolling', 'deleted posts disappear'],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'social',
    title: 'Social & sharing',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(share|shares|sharing|shareable|followers?|follow (other|users|people|creators|friends|each other|them|accounts)|likes|like button|upvotes?|comments?|commenting|friends?|referrals?|refer a friend|social)\b/i,
      ),
      weak(/\b(reactions?|mentions?|hashtags?)\b/i),
    ],
    entities: ['Follow', 'Like', 'Comment', 'Share link'],
    endpoints: ['follow and unfollow', 'like and comment', 'share link with preview metadata'],
    screens: ['Followers', 'Comments', 'Share sheet'],
    checks: [
      'following yourself is prevented',
      'comment moderation',
      'share previews in other apps',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'chat',
    title: 'Chat & real-time messaging',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(
        /\b(chat\w*|(?<!error |validation |warning )messag(e|es|ing)|inbox|direct messages?|dms?|conversations?|typing indicators?|read receipts?)\b/i,
      ),
      weak(/\b(real[- ]?time|live updates?|websockets?)\b/i),
    ],
    entities: ['Conversation', 'Participant', 'Message', 'Read receipt'],
    endpoints: [
      'send a message',
      'list conversations and messages with cursors',
      'real-time subscription for new messages',
    ],
    screens: ['Inbox', 'Conversation', 'New conversation'],
    checks: ['message order on a poor network', 'offline recipient catches up', 'blocking a user'],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['websockets'] },
    requires: ['auth'],
  },
  {
    id: 'notifications',
    title: 'Notifications (push & email)',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(/\b(notif\w*|push|alerts?|reminders?|remind(s|ed)?|digests?)\b/i),
      weak(/\b(e-?mails?|sms|text messages?|digests?)\b/i),
    ],
    entities: ['Notification', 'Device token', 'Notification preference'],
    endpoints: [
      'register a device token',
      'send notifications through the outbox',
      'list notifications and mark them read',
    ],
    screens: ['Notification centre', 'Notification preferences'],
    checks: ['user opted out', 'no duplicate sends', 'tapping opens the right screen'],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['push-notifications'] },
  },
  {
    id: 'uploads',
    title: 'Uploads & media',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(uploads?|uploading|photos?|images?|videos?|media|attachments?|galler(y|ies)|camera|pictures?)\b/i,
      ),
      weak(/\b(files?|documents?|thumbnails?)\b/i),
    ],
    entities: ['Media asset', 'Upload'],
    endpoints: ['signed upload URL', 'confirm an upload and make thumbnails', 'delete media'],
    screens: ['Upload picker', 'Media viewer'],
    checks: [
      'file type and size limits',
      'interrupted upload',
      'image orientation and compression',
    ],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['object-storage'] },
  },
  {
    id: 'maps',
    title: 'Maps & location',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(maps?|gps|geolocat\w*|geo-?fenc\w*|nearby|near me|directions|postcodes?|zip ?codes?)\b/i,
      ),
      weak(/\b(locations?|distance|address(es)?|radius|routes?|neighbou?rhoods?)\b/i),
    ],
    entities: ['Place', 'Geo point'],
    endpoints: ['nearby search within a radius', 'geocode an address'],
    screens: ['Map view', 'Location picker'],
    checks: ['location permission denied', 'many markers clustered', 'wrong or partial address'],
    layers: FULL,
    needsServer: true,
    extraSkills: {
      api: ['postgis'],
      web: ['maps-sdk'],
      ios: ['mapkit'],
      android: ['google-maps-sdk'],
    },
  },
  {
    id: 'booking',
    title: 'Booking & scheduling',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(
        /\b(book(ing|ings|s|ed)?|reserv(e|es|ed|ing|ations?)|appointments?|calendars?|availabilit(y|ies)|time ?slots?|slots?|reschedul\w*|working hours|shifts?|rotas?|rosters?)\b/i,
      ),
      weak(
        /\b(re-?book\w*|schedul\w*|cancel\w*|check-?ins?|no-?shows?|opening hours|sessions?|classes|holidays)\b/i,
      ),
    ],
    entities: ['Bookable resource', 'Availability rule', 'Booking'],
    endpoints: [
      'available slots for a date range',
      'create a booking without double booking',
      'cancel and reschedule',
    ],
    screens: ['Availability calendar', 'Booking form', 'My bookings'],
    checks: [
      'two people booking the same slot',
      'time zones and daylight saving',
      'cancellation window',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'reviews',
    title: 'Reviews & ratings',
    phase: 2,
    complexity: 2,
    matchers: [
      strong(
        /\b(reviews|ratings?|(leave|write|post|read) (a |their |the )?reviews?|star ratings?|stars|testimonials?)\b/i,
      ),
      weak(/\b(reviews?|rate|feedback|recommend\w*)\b/i),
    ],
    entities: ['Review', 'Rating summary'],
    endpoints: [
      'submit a review after a completed interaction',
      'list reviews with the average',
      'report a review',
    ],
    screens: ['Reviews list', 'Write a review'],
    checks: [
      'one review per completed order or booking',
      'average recalculated',
      'abusive review hidden',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'cms',
    title: 'Content & CMS',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(blog\w*|articles?|cms|content management|editorial|publish\w*|drafts?|rich text|wysiwyg|landing pages?|static pages?|seo|newsletters?)\b/i,
      ),
      weak(/\b(content|pages?|authors?|editors?|categories|tags?|homepage|home page)\b/i),
    ],
    entities: ['Page', 'Article', 'Author', 'Tag'],
    endpoints: [
      'create and edit articles with draft and published states',
      'public read API with SEO metadata',
      'scheduled publishing',
    ],
    screens: ['Article list', 'Article page', 'Editor'],
    checks: ['drafts never public', 'SEO tags and sitemap', 'long titles and missing images'],
    layers: FULL,
    needsServer: true,
  },
  {
    id: 'forms',
    title: 'Forms & surveys',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(forms? builder|surveys?|questionnaires?|quiz(zes)?|polls?|custom forms?|intake forms?)\b/i,
      ),
      weak(/\b(forms?|questions?|answers?)\b/i),
    ],
    entities: ['Form', 'Question', 'Response'],
    endpoints: ['define a form', 'submit a response with validation', 'list responses'],
    screens: ['Form builder', 'Fill in form', 'Responses'],
    checks: ['required fields', 'partial answers kept', 'very long answers'],
    layers: FULL,
    needsServer: true,
  },
  {
    id: 'workflows',
    title: 'Workflows & approvals',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(
        /\b(workflows?|approv\w*|sign[- ]?offs?|escalat\w*|kanban|tickets?|status (changes?|transitions?|updates?)|assign(s|ed|ing|ment|ments)?)\b/i,
      ),
      weak(/\b(requests?|request(s|ed)? (a|an|time|leave))\b/i),
    ],
    entities: ['Request', 'Workflow step', 'Approval'],
    endpoints: [
      'submit a request',
      'approve or reject with a comment',
      'allowed status transitions only',
    ],
    screens: ['Request list', 'Request detail', 'Approval queue'],
    checks: [
      'invalid transitions rejected',
      'only approvers can approve',
      'history of every change',
    ],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'records',
    title: 'Records management',
    phase: 2,
    complexity: 3,
    matchers: [
      strong(
        /\b(crud|records?|data entry|asset (tracking|register|management)|equipment|inventory (tracking|management))\b/i,
      ),
      weak(/\b(entries|manage (the )?(list|data)|lists? of|tables?)\b/i),
    ],
    entities: ['Record', 'Record history'],
    endpoints: [
      'create, read, update and archive records',
      'list with pagination and sorting',
      'change history',
    ],
    screens: ['Records table', 'Record form', 'Record history'],
    checks: ['concurrent edits', 'archived records hidden', 'required fields and formats'],
    layers: FULL,
    needsServer: true,
  },
  {
    id: 'fitness',
    title: 'Fitness & health tracking',
    phase: 2,
    complexity: 4,
    matchers: [
      strong(
        /\b(workouts?|fitness|exercis\w*|step counts?|heart rate|calories|healthkit|health connect|google fit|wearables?|apple watch|wear ?os|garmin|fitbit|training plans?|personal (records?|bests?))\b/i,
      ),
      weak(/\b(steps|sleep|running|runs|activity tracking|goals?|health|weight|reps)\b/i),
    ],
    entities: ['Workout', 'Exercise', 'Activity sample', 'Goal'],
    endpoints: [
      'log a workout',
      'sync activity samples from the device',
      'weekly progress summary',
    ],
    screens: ['Today', 'Workout logger', 'Progress'],
    checks: [
      'health permission denied',
      'duplicate samples from two sources',
      'units (km/mi, kg/lb)',
    ],
    layers: FULL,
    needsServer: false,
    extraSkills: { ios: ['healthkit'], android: ['health-connect'] },
  },
  {
    id: 'gamification',
    title: 'Gamification & rewards',
    phase: 3,
    complexity: 3,
    matchers: [
      strong(
        /\b(badges?|achievements?|streaks?|leaderboards?|gamif\w*|loyalty|reward points|points)\b/i,
      ),
      weak(/\b(rewards?|challenges?|levels?|xp)\b/i),
    ],
    entities: ['Achievement', 'Points ledger entry', 'Streak'],
    endpoints: ['award points once per action', 'leaderboard by period'],
    screens: ['Achievements', 'Leaderboard'],
    checks: ['points awarded once per action', 'streaks across time zones', 'leaderboard ties'],
    layers: FULL,
    needsServer: true,
    requires: ['auth'],
  },
  {
    id: 'analytics',
    title: 'Analytics & reporting',
    phase: 3,
    complexity: 3,
    matchers: [
      strong(
        /\b(analytics|dashboards?|reports?|reporting|charts?|graphs?|metrics|kpis?|statistics|insights|funnels?)\b/i,
      ),
      weak(/\b(stats|trends?|summar(y|ies)|track(ing)? (usage|events|conversions))\b/i),
    ],
    entities: ['Tracked event', 'Daily aggregate'],
    endpoints: ['ingest events', 'aggregated metrics per period'],
    screens: ['Dashboard', 'Report detail'],
    checks: ['empty periods', 'time zone boundaries', 'figures match the source data'],
    layers: FULL,
    needsServer: true,
    extraSkills: { web: ['data-visualization'], api: ['sql-analytics'] },
  },
  {
    id: 'admin',
    title: 'Admin back-office',
    phase: 3,
    complexity: 3,
    matchers: [
      strong(
        /\b(admins?|administrators?|admin panel|back[- ]?office|moderat\w*|staff (panel|tools?|dashboard))\b/i,
      ),
      weak(/\b(support (team|agents?|staff)|ban(s|ned|ning)?|suspend\w*|internal team)\b/i),
    ],
    entities: ['Audit log entry', 'Moderation action'],
    endpoints: [
      'list and search users and content',
      'suspend, restore and delete',
      'audit log of admin actions',
    ],
    screens: ['Admin dashboard', 'User management', 'Moderation queue'],
    checks: ['non-admins are refused', 'every admin action is audited', 'bulk actions'],
    layers: FULL,
    needsServer: true,
    requires: ['auth', 'roles'],
  },
  {
    id: 'integrations',
    title: 'Integrations & webhooks',
    phase: 3,
    complexity: 4,
    matchers: [
      strong(
        /\b(integrat\w*|webhooks?|public api|rest api|graphql api|api keys?|oauth|zapier|slack|salesforce|hubspot|quickbooks|xero|mailchimp|shopify|woocommerce|google calendar|outlook|third[- ]party|sdk|background sync|scheduled (syncs?|imports?)|connect (an? |your |their )?\w+ accounts?)\b/i,
      ),
      weak(/\b(apis?|crm|erp|connect(s|ed|ing)? (to|with)|sync with)\b/i),
    ],
    entities: ['Integration connection', 'Webhook endpoint', 'Delivery attempt'],
    endpoints: [
      'connect and disconnect an integration (OAuth)',
      'signed outgoing webhooks with retries',
      'map incoming data',
    ],
    screens: ['Integrations', 'Connect integration'],
    checks: ['expired third-party token', 'retries with back-off', 'signature verification'],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['oauth'] },
  },
  {
    id: 'import-export',
    title: 'Data import & export',
    phase: 3,
    complexity: 3,
    matchers: [
      strong(
        /\b(csv|excel|xlsx|spreadsheets?|bulk (upload|import)s?|exportable|migrat\w*|imported from|import(ed|ing)? (the |our |all |existing |historical |current )?(data|files?|records|contacts|spreadsheets?)|export(ed|ing)? (to|as|all|any|the|my|their|data|reports?))\b/i,
      ),
      weak(
        /\b(imports?|imported|importing|exports?|exported|exporting|pdfs?|download (a |my |their |the )?(data|reports?|invoices?)|backups?)\b/i,
      ),
    ],
    entities: ['Import job', 'Export job'],
    endpoints: [
      'upload and validate an import file with row errors',
      'background export job with a download link',
    ],
    screens: ['Import wizard', 'Export dialog'],
    checks: [
      'malformed rows reported with line numbers',
      'large files processed in the background',
      'accents survive the round trip',
    ],
    layers: FULL,
    needsServer: true,
  },
  {
    id: 'i18n',
    title: 'Internationalisation',
    phase: 3,
    complexity: 2,
    matchers: [
      strong(
        /\b(i18n|l10n|internationali[sz]\w*|locali[sz]\w*|translat\w*|multi-?lingual|multiple languages|languages|rtl|right-to-left)\b/i,
      ),
      weak(
        /\b(currenc(y|ies)|time ?zones?|english|french|german|spanish|italian|portuguese|arabic|dutch|japanese|chinese)\b/i,
      ),
    ],
    entities: ['Translation key'],
    endpoints: ['locale-aware dates, numbers and currencies'],
    screens: ['Language switcher', 'Translated main screens'],
    checks: [
      'missing translations fall back',
      'long strings keep layouts intact',
      'dates and currencies per locale',
    ],
    layers: CLIENT_ONLY,
    needsServer: false,
  },
  {
    id: 'offline',
    title: 'Offline mode & sync',
    phase: 3,
    complexity: 5,
    matchers: [
      strong(
        /\b(offline|without (an? )?(internet|connection|network|signal|wi-?fi)|poor (connectivity|connection|network|signal)|(wi-?fi|connection|network|signal|connectivity) (drops?|is lost|goes down|cuts? out))\b/i,
      ),
      weak(
        /\b(sync(s|ed|ing|hroni[sz]\w*)?|local (storage|cache|database)|caching|background refresh)\b/i,
      ),
    ],
    entities: ['Change log entry', 'Sync cursor'],
    endpoints: ['delta sync since a cursor', 'conflict resolution on upload'],
    screens: ['Offline banner', 'Sync status'],
    checks: [
      'offline edits sync later',
      'conflicting edits on two devices',
      'app killed during sync',
    ],
    layers: FULL,
    needsServer: false,
    extraSkills: { ios: ['core-data'], android: ['room'], web: ['service-workers'] },
  },
  {
    id: 'settings',
    title: 'Settings & preferences',
    phase: 3,
    complexity: 1,
    matchers: [
      strong(/\b(settings|preferences|dark mode|light mode|themes?|units|metric|imperial)\b/i),
      weak(/\b(configur(e|able|ation)|toggles?|opt[- ]?out)\b/i),
    ],
    entities: ['User setting'],
    endpoints: ['read and update settings'],
    screens: ['Settings'],
    checks: [
      'settings persist across sessions',
      'defaults for new users',
      'invalid values rejected',
    ],
    layers: FULL,
    needsServer: false,
  },
  {
    id: 'support',
    title: 'Help & support',
    phase: 3,
    complexity: 2,
    matchers: [
      strong(
        /\b(help ?cent(er|re)|support tickets?|contact (form|us|support)|live support|faqs?|knowledge base|disputes?)\b/i,
      ),
      weak(/\b(support requests?|customer support)\b/i),
    ],
    entities: ['Support request', 'Help article'],
    endpoints: ['submit a support request', 'list help articles'],
    screens: ['Help centre', 'Contact support'],
    checks: [
      'request reaches the support inbox',
      'attachments on requests',
      'search in help articles',
    ],
    layers: FULL,
    needsServer: true,
  },
  {
    id: 'privacy',
    title: 'Privacy & compliance',
    phase: 3,
    complexity: 3,
    matchers: [
      strong(
        /\b(gdpr|ccpa|hipaa|privacy|consent|cookies|cookie (banner|consent)|data (deletion|retention|protection|residency)|delete (my|their|the) (account|data)|encrypt\w*|audit (logs?|trails?)|complian\w*|pci|(stay|stored|kept|hosted) in the (eu|uk|us))\b/i,
      ),
      weak(/\b(terms (of service|and conditions)|legal|personal data)\b/i),
    ],
    entities: ['Consent record', 'Data request'],
    endpoints: ['export my data', 'delete my account and personal data', 'record consent'],
    screens: ['Privacy settings', 'Consent banner'],
    checks: [
      'deleted data is really gone',
      'consent asked before tracking',
      'export holds all personal data',
    ],
    layers: FULL,
    needsServer: true,
    extraSkills: { api: ['security'] },
  },
  {
    id: 'accessibility',
    title: 'Accessibility',
    phase: 3,
    complexity: 2,
    matchers: [
      strong(
        /\b(accessib\w*|a11y|wcag|screen readers?|voiceover|talkback|high contrast|colou?r ?blind\w*)\b/i,
      ),
      weak(/\b(font sizes?|keyboard navigation|captions)\b/i),
    ],
    entities: [],
    endpoints: [],
    screens: ['Main flows with assistive technology'],
    checks: ['screen reader labels', 'keyboard-only navigation', 'contrast ratios'],
    layers: CLIENT_ONLY,
    needsServer: false,
  },
  {
    id: 'operations',
    title: 'Hosting, performance & operations',
    phase: 3,
    complexity: 3,
    matchers: [
      strong(
        /\b(hosting|hosted|deploy\w*|aws|azure|gcp|google cloud|heroku|vercel|docker|kubernetes|ci\/cd|uptime|sla|scalab\w*|load times?|latency|monitoring|observability|logging|backups?|ssl|https|cdn)\b/i,
      ),
      strong(/\b(under \d+(\.\d+)? ?(ms|milliseconds?|seconds?|s)|response times?|page loads?)\b/i),
      weak(/\b(performance|fast|quickly|secure|security|scale|concurrent users|under load)\b/i),
    ],
    entities: [],
    endpoints: [],
    screens: [],
    checks: [
      'load test at the expected peak',
      'alerts fire on errors',
      'restore from backup works',
    ],
    layers: OPERATIONS,
    needsServer: false,
    extraSkills: { ops: ['cloud-infrastructure'] },
  },
];

export function catalogFeature(id: string): CatalogFeature | undefined {
  return FEATURE_CATALOG.find((f) => f.id === id);
}
