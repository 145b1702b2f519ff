/**
 * Names whose meaning depends on the enclosing object (`context.page.path`, `context.os.name`,
 * `traits.name.first`), and the generic child names that take their parent's category
 * (`email: { address }`, `phone: { number }`). Data only; words are normalized.
 */
import type { FieldClass } from './types.js';

const c = (category: string, confidence: number): FieldClass => ({ category, confidence });

const BROWSER: Readonly<Record<string, FieldClass>> = {
  name: c('user.device.user_agent', 0.5),
  version: c('user.device.user_agent', 0.5),
};

/** The person an address, a bill or a shipment is for: `billing.first`, `address.name`. */
const ADDRESSEE: Readonly<Record<string, FieldClass>> = {
  name: c('user.name', 0.7),
  first: c('user.name.first', 0.8),
  last: c('user.name.last', 0.8),
  full: c('user.name', 0.8),
};

/**
 * Child names by parent. A parent is looked up by its whole normalized key, then by its last
 * word (`billing_address` → `address`, `payment_card` → `card`, `$os` → `os`).
 */
export const CHILD_NAMES: ReadonlyMap<string, Readonly<Record<string, FieldClass>>> = new Map<
  string,
  Readonly<Record<string, FieldClass>>
>([
  // Segment `context.page`: the page's path and title are browsing history.
  [
    'page',
    {
      path: c('user.behavior.browsing_history', 0.7),
      title: c('user.behavior.browsing_history', 0.5),
    },
  ],
  // A Segment page call's `properties` (the policy names them so): analytics.js copies the
  // page's path, URL, referrer, query and title into them.
  [
    'page_properties',
    {
      path: c('user.behavior.browsing_history', 0.7),
      title: c('user.behavior.browsing_history', 0.5),
      url: c('user.behavior.browsing_history', 0.7),
      referrer: c('user.behavior.browsing_history', 0.85),
      search: c('user.behavior.browsing_history', 0.7),
    },
  ],
  // Segment `context.referrer` (mobile deep-link referrers): who or what referred the user. Its
  // `id` is an ad network's or a referring user's id, its `name` may be a person's.
  [
    'referrer',
    {
      id: c('user.device.cookie_id', 0.6),
      link: c('user.behavior.browsing_history', 0.6),
      url: c('user.behavior.browsing_history', 0.7),
      name: c('user.name', 0.5),
    },
  ],
  // PostHog's `$set_once.$initial_person_info`: the first referrer (`r`) and URL (`u`) seen.
  [
    'initial_person_info',
    {
      r: c('user.behavior.browsing_history', 0.8),
      u: c('user.behavior.browsing_history', 0.8),
    },
  ],
  ['os', BROWSER],
  ['browser', BROWSER],
  ['user_agent_data', BROWSER],
  ['device', { model: c('user.device.user_agent', 0.4), type: c('user.device.user_agent', 0.4) }],
  [
    'name',
    {
      first: c('user.name.first', 0.9),
      given: c('user.name.first', 0.9),
      last: c('user.name.last', 0.9),
      family: c('user.name.last', 0.9),
      middle: c('user.name', 0.8),
      full: c('user.name', 0.85),
      display: c('user.name', 0.85),
      formatted: c('user.name', 0.85),
    },
  ],
  ['card', { number: c('user.financial.credit_card', 0.9) }],
  [
    'address',
    {
      number: c('user.contact.address.street', 0.7),
      line: c('user.contact.address.street', 0.7),
      building: c('user.contact.address.street', 0.6),
      ...ADDRESSEE,
    },
  ],
  // Checkout objects (Stripe `billing_details`, Shopify `billing_address` and `shipping_lines`):
  // the person the order is billed or shipped to.
  ['billing', ADDRESSEE],
  ['shipping', ADDRESSEE],
  ['delivery', ADDRESSEE],
  ['billing_details', ADDRESSEE],
  ['shipping_details', ADDRESSEE],
]);

/**
 * Generic child names that hold their parent's value: under a parent that is itself a
 * sensitive name they take its category (confidence × `INHERIT_FACTOR`), so `email.address` is
 * an e-mail address, `ip.address` an IP address, `phone.number` a phone number.
 */
export const INHERIT_WORDS: ReadonlySet<string> = new Set(
  (
    'value val address addr number no num raw text string str full formatted e164 ' +
    'international national primary display original normalized plain'
  ).split(' '),
);

/**
 * Reserved `$`-prefixed keys whose meaning is lost by normalization: Mixpanel's `$name` is the
 * person's name (profile property), whereas a plain `name` is usually an event, product or
 * page name. Keyed by the raw key. Under an organization's parent (a group profile's traits) the
 * key is read as a plain one: `$name` is then the organization's name.
 */
export const RESERVED_KEYS: ReadonlyMap<string, FieldClass> = new Map([
  ['$name', c('user.name', 0.85)],
]);
