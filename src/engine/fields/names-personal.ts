/**
 * Field names of contact data, names, accounts, locations, devices, identifiers, behavior and
 * demographics (English; Japanese and other languages are in names-intl.ts). Data only.
 *
 * Generic heads (`user_id`, `customer_name`, `org_id`, `visitor_id`) need no entry here: the
 * word before `id` / `name` / `number` decides them (HEADS in words.ts). Plain `name` and `id`
 * are decided by the parent object (PARENT_KINDS).
 */
import type { NameGroup } from './types.js';

/** Contact data, personal names and account names. */
export const CONTACT_NAMES: readonly NameGroup[] = [
  {
    category: 'user.contact.email',
    confidence: 0.95,
    names: ['email', 'e mail', 'email address', 'e mail address', 'email addr', 'mail address'],
  },
  { category: 'user.contact.email', confidence: 0.9, names: ['emails', 'email addresses'] },
  { category: 'user.contact.email', confidence: 0.7, names: ['mail', 'email id'] },
  // A work e-mail's domain names the employer; a freemail domain names nobody (low confidence).
  { category: 'user.workplace', confidence: 0.5, names: ['email domain'] },
  {
    category: 'user.contact.phone_number',
    confidence: 0.9,
    names: ['phone', 'phone number', 'phone no', 'phone num', 'telephone', 'telephone number'],
  },
  {
    category: 'user.contact.phone_number',
    confidence: 0.85,
    names: ['phones', 'phone numbers', 'tel', 'mobile number', 'mobile phone', 'msisdn'],
  },
  {
    category: 'user.contact.phone_number',
    confidence: 0.8,
    names: ['cell phone', 'cell number', 'contact number', 'fax number', 'tel number'],
  },
  { category: 'user.contact.phone_number', confidence: 0.7, names: ['mobile', 'fax'] },
  { category: 'user.contact.phone_number', confidence: 0.6, names: ['cell'], weak: [] },
  {
    category: 'user.name',
    confidence: 0.85,
    names: ['full name', 'display name', 'real name', 'legal name', 'contact name'],
  },
  { category: 'user.name', confidence: 0.8, names: ['customer name', 'middle name', 'name full'] },
  {
    // Billing and shipping names are people's names (Stripe, Shopify, checkout forms).
    category: 'user.name',
    confidence: 0.8,
    names: ['billing name', 'shipping name', 'delivery name', 'mailing name', 'recipient name'],
  },
  { category: 'user.name', confidence: 0.6, names: ['nickname', 'nick name', 'nick'] },
  {
    // A person named by their role: the value is their name (or an address the e-mail rule
    // finds); `recipient_id` is still an id and `recipient_count` a count.
    category: 'user.name',
    confidence: 0.6,
    names: [
      'recipient',
      'sender',
      'cardholder',
      'account holder',
      'beneficiary',
      'payee',
      'payer',
      'guardian',
      'spouse',
      'emergency contact',
      'next of kin',
    ],
  },
  {
    category: 'user.name.first',
    confidence: 0.9,
    names: ['first name', 'given name', 'forename', 'name first'],
  },
  { category: 'user.name.first', confidence: 0.8, names: ['fname'] },
  {
    category: 'user.name.last',
    confidence: 0.9,
    names: ['last name', 'family name', 'surname', 'name last', 'maiden name'],
  },
  { category: 'user.name.last', confidence: 0.8, names: ['lname'] },
  {
    category: 'user.account.username',
    confidence: 0.85,
    names: ['username', 'user name', 'login name', 'login id'],
  },
  // Twitter's `screen_name` is a username, but Firebase/GA4's `screen_name` is an app screen.
  { category: 'user.account.username', confidence: 0.5, names: ['screen name'] },
  { category: 'user.account.username', confidence: 0.55, names: ['login'], weak: [] },
  { category: 'user.account.username', confidence: 0.5, names: ['handle'], weak: [] },
  {
    category: 'user.contact.url',
    confidence: 0.6,
    names: ['avatar', 'avatar url', 'website', 'homepage', 'profile url', 'photo url'],
  },
  // Social profiles name their person as surely as an e-mail address does (`twitter: "@taro_y"`,
  // `linkedin_url`): a profile link or handle is contact data, a handle alone a username. Bare
  // `github` is left out: in developer tools it is mostly a repository.
  {
    category: 'user.contact.url',
    confidence: 0.6,
    names: [
      'linkedin',
      'linkedin url',
      'linkedin profile',
      'twitter',
      'twitter url',
      'twitter profile',
      'facebook',
      'facebook url',
      'facebook profile',
      'instagram',
      'instagram url',
      'tiktok',
      'mastodon',
      'bluesky',
      'github profile',
      'personal website',
      'personal url',
      'blog url',
      'portfolio url',
      'social url',
      'social profile',
    ],
  },
  {
    category: 'user.account.username',
    confidence: 0.7,
    names: [
      'twitter handle',
      'x handle',
      'instagram handle',
      'tiktok handle',
      'github username',
      'github handle',
      'github login',
      'social handle',
      'telegram',
      'telegram handle',
      'discord username',
      'discord handle',
      'skype',
      'skype id',
      'wechat id',
    ],
  },
  {
    category: null,
    confidence: 0,
    names: ['last login', 'first login', 'login method', 'login provider'],
  },
];

/** Postal addresses and locations. */
export const PLACE_NAMES: readonly NameGroup[] = [
  {
    category: 'user.contact.address.street',
    confidence: 0.85,
    names: ['street', 'street address', 'address line', 'house number', 'street number'],
  },
  { category: 'user.contact.address.street', confidence: 0.8, names: ['address', 'addresses'] },
  { category: 'user.contact.address.street', confidence: 0.7, names: ['addr', 'line1', 'line2'] },
  {
    category: 'user.contact.address.street',
    confidence: 0.6,
    names: ['apt', 'apartment'],
    weak: [],
  },
  {
    category: null,
    confidence: 0,
    names: ['server address', 'host address', 'bind address', 'listen address', 'memory address'],
  },
  { category: null, confidence: 0, names: ['contract address', 'token address', 'node address'] },
  {
    category: 'user.contact.address.postal_code',
    confidence: 0.9,
    names: ['zip code', 'postal code', 'postcode', 'post code', 'zip postal code'],
  },
  { category: 'user.contact.address.postal_code', confidence: 0.8, names: ['zip', 'postal'] },
  { category: 'user.location.imprecise', confidence: 0.85, names: ['city', 'prefecture'] },
  {
    category: 'user.location.imprecise',
    confidence: 0.8,
    names: ['country', 'country code', 'country name', 'province', 'town'],
  },
  {
    category: 'user.location.imprecise',
    confidence: 0.7,
    names: ['county', 'locality', 'subdivision', 'neighborhood', 'neighbourhood', 'suburb'],
  },
  { category: 'user.location.imprecise', confidence: 0.7, names: ['region'], weak: [] },
  { category: 'user.location.imprecise', confidence: 0.55, names: ['state'], weak: [] },
  { category: 'user.location.imprecise', confidence: 0.5, names: ['district', 'dma'], weak: [] },
  { category: 'user.location.imprecise', confidence: 0.6, names: ['location'] },
  // A time zone narrows a user down to a region; weak evidence on its own.
  { category: 'user.location.imprecise', confidence: 0.4, names: ['timezone', 'time zone'] },
  {
    category: 'user.location.precise',
    confidence: 0.9,
    names: ['latitude', 'longitude', 'location precise', 'precise location', 'exact location'],
  },
  {
    category: 'user.location.precise',
    confidence: 0.85,
    names: ['lat', 'lng', 'lon', 'lat lng', 'lat long', 'lat lon', 'gps', 'gps location'],
  },
  {
    category: 'user.location.precise',
    confidence: 0.8,
    names: ['coordinates', 'coords', 'geolocation', 'geo location', 'geo point', 'geohash'],
  },
  { category: 'user.location.precise', confidence: 0.6, names: ['geo'] },
];

/** Network and device identifiers, user agents and pseudonymous ids. */
export const DEVICE_NAMES: readonly NameGroup[] = [
  {
    category: 'user.device.ip_address',
    confidence: 0.95,
    names: ['ip address', 'ip addr', 'x forwarded for', 'x real ip', 'ipv4', 'ipv6'],
  },
  {
    category: 'user.device.ip_address',
    confidence: 0.9,
    names: ['ip', 'ips', 'ip addresses', 'remote addr', 'remote address', 'forwarded for'],
  },
  { category: 'user.device.ip_address', confidence: 0.6, names: ['forwarded'] },
  { category: 'user.device.user_agent', confidence: 0.9, names: ['user agent', 'http user agent'] },
  { category: 'user.device.user_agent', confidence: 0.6, names: ['ua'], weak: ['http', 'raw'] },
  { category: 'user.device.user_agent', confidence: 0.6, names: ['sec ch ua'] },
  // OS and browser leaked with names and emails in the 2025 incident: low confidence, but kept.
  {
    category: 'user.device.user_agent',
    confidence: 0.5,
    names: ['os', 'os name', 'os version', 'operating system', 'browser', 'browser name'],
  },
  { category: 'user.device.user_agent', confidence: 0.5, names: ['browser version'] },
  {
    category: 'user.device.user_agent',
    confidence: 0.4,
    names: ['device', 'device type', 'device model'],
  },
  {
    category: 'user.device.device_id',
    confidence: 0.9,
    names: ['device id', 'idfa', 'idfv', 'gaid', 'advertising id', 'android id', 'imei'],
  },
  // Android's App Set ID: one per device and developer, IDFV's counterpart (Amplitude sends it).
  {
    category: 'user.device.device_id',
    confidence: 0.85,
    names: ['app set id', 'android app set id'],
  },
  {
    category: 'user.device.device_id',
    confidence: 0.85,
    names: ['adid', 'aaid', 'ifa', 'mac address', 'imsi', 'hardware id', 'machine id'],
  },
  {
    category: 'user.device.device_id',
    confidence: 0.75,
    names: ['installation id', 'install id', 'meid', 'device fingerprint'],
  },
  { category: 'user.device.device_id', confidence: 0.6, names: ['fingerprint', 'serial number'] },
  // A vehicle's number names its registered keeper as a device id names its owner.
  {
    category: 'user.device.vehicle_id',
    confidence: 0.85,
    names: [
      'vin',
      'vehicle identification number',
      'vin number',
      'license plate',
      'licence plate',
      'license plate number',
      'plate number',
      'number plate',
      'registration plate',
      'vehicle registration',
      'vehicle registration number',
      'car plate',
    ],
  },
  {
    category: 'user.device.cookie_id',
    confidence: 0.9,
    names: ['anonymous id', 'anon id', 'anon distinct id', 'cookie id', 'visitor id'],
  },
  { category: 'user.device.cookie_id', confidence: 0.8, names: ['ga', 'fbp', 'fbc', 'hubspotutk'] },
  // Ad click ids let the ad network join the click to its user profile.
  {
    category: 'user.device.cookie_id',
    confidence: 0.6,
    names: ['gclid', 'fbclid', 'msclkid', 'dclid', 'ttclid', 'twclid', 'gid', 'client id'],
  },
  { category: 'user.device.cookie_id', confidence: 0.5, names: ['gbraid', 'wbraid'] },
  { category: 'user.unique_id', confidence: 0.85, names: ['distinct id', 'uid', 'amplitude id'] },
  { category: 'user.unique_id', confidence: 0.75, names: ['external id', 'subject id'] },
  // A person in a role, by name or by id (`owner: "Taro Yamada"`, `assignee: "u_8812"`): either
  // way a reference to a person, pseudonymized rather than dropped so grouping by it still works.
  {
    category: 'user.unique_id',
    confidence: 0.6,
    names: [
      'owner',
      'account owner',
      'account manager',
      'sales rep',
      'assignee',
      'assigned to',
      'reporter',
      'requester',
      'reviewer',
      'approver',
      'created by',
      'updated by',
      'modified by',
      'deleted by',
      'invited by',
      'referred by',
    ],
  },
  // A billing system's customer (`Stripe Customer: "cus_…"`) is the person's id over there.
  {
    category: 'user.unique_id',
    confidence: 0.75,
    names: [
      'stripe customer',
      'stripe id',
      'braintree customer',
      'paddle customer',
      'chargebee customer',
    ],
  },
];

/** Workplace, browsing, search and demographic data. */
export const BEHAVIOR_NAMES: readonly NameGroup[] = [
  {
    category: 'user.workplace',
    confidence: 0.85,
    names: ['company name', 'organization name', 'org name', 'employer', 'employer name'],
  },
  {
    category: 'user.workplace',
    confidence: 0.75,
    names: ['company', 'organization', 'organisation', 'company domain'],
  },
  { category: 'user.workplace', confidence: 0.6, names: ['org', 'workspace', 'tenant'] },
  {
    category: 'user.behavior.browsing_history',
    confidence: 0.9,
    names: ['current url', 'page url', 'page location', 'landing page url', 'full url'],
  },
  {
    category: 'user.behavior.browsing_history',
    confidence: 0.85,
    names: ['referrer', 'referer', 'referring url', 'initial referrer', 'page referrer'],
  },
  {
    category: 'user.behavior.browsing_history',
    confidence: 0.8,
    names: ['href', 'landing page', 'urls', 'request uri', 'page path'],
  },
  {
    category: 'user.behavior.browsing_history',
    confidence: 0.7,
    names: ['url', 'uri', 'query string'],
  },
  {
    category: 'user.behavior.browsing_history',
    confidence: 0.6,
    names: ['referring domain', 'referrer domain', 'pathname', 'entry page', 'exit page'],
  },
  { category: 'user.behavior.browsing_history', confidence: 0.5, names: ['page title'] },
  {
    category: null,
    confidence: 0,
    names: ['image url', 'img url', 'logo url', 'icon url', 'thumbnail url', 'asset url'],
  },
  { category: null, confidence: 0, names: ['api url', 'base url', 'docs url', 'cdn url'] },
  {
    category: 'user.behavior.search_history',
    confidence: 0.9,
    names: ['search term', 'search terms', 'search query', 'search string', 'search keyword'],
  },
  { category: 'user.behavior.search_history', confidence: 0.8, names: ['search text'] },
  {
    category: 'user.behavior.search_history',
    confidence: 0.6,
    names: ['search', 'keyword', 'keywords'],
  },
  { category: 'user.behavior.search_history', confidence: 0.5, names: ['query', 'q'], weak: [] },
  { category: null, confidence: 0, names: ['search engine', 'sql query', 'graphql query'] },
  { category: 'user.demographic.language', confidence: 0.7, names: ['locale', 'language'] },
  {
    category: 'user.demographic.language',
    confidence: 0.7,
    names: ['accept language', 'preferred language', 'lang'],
  },
  { category: null, confidence: 0, names: ['programming language', 'code language'] },
  {
    category: 'user.demographic.date_of_birth',
    confidence: 0.9,
    names: ['dob', 'birthday', 'birth date', 'date of birth', 'birth day', 'birthdate'],
  },
  { category: 'user.demographic.date_of_birth', confidence: 0.75, names: ['bday', 'birth year'] },
  {
    category: 'user.demographic.age_range',
    confidence: 0.8,
    names: ['age range', 'age group', 'age bracket'],
  },
  { category: 'user.demographic.age_range', confidence: 0.7, names: ['age'], weak: [] },
  { category: 'user.demographic.gender', confidence: 0.85, names: ['gender'] },
  { category: 'user.demographic.gender', confidence: 0.8, names: ['sex'] },
  { category: 'user.demographic.gender', confidence: 0.6, names: ['pronouns'] },
];
