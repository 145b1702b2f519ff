/**
 * Word tables that steer matching: qualifiers that turn a sensitive name into metadata about
 * the data (`email_verified`), context words, generic heads (`user_id`) and parent objects.
 * All words are normalized (lower-case, see normalize.ts). Data only.
 */
import type { FieldClass, Kind } from './types.js';

/** A key whose first word is one of these never holds personal data (`utm_source`, `utm_term`). */
export const NEVER_FIRST: ReadonlySet<string> = new Set(['utm']);

/**
 * Words BEFORE the sensitive name that make the key describe the data instead of holding it:
 * booleans (`has_email`, `is_email_verified`), counts (`num_emails`, `max_age`) and setting
 * verbs (`collect_ip`, `mask_ip`).
 */
export const PRE_QUALIFIERS: ReadonlySet<string> = new Set(
  (
    'is has had have was were should can could did does do allow allows allowed enable disable ' +
    'show hide need needs require requires include includes use uses want wants accept accepts ' +
    'send track collect capture mask anonymize anonymise ignore skip block strip redact no not ' +
    'num n nb max min total count avg average sum mean median number pct percent missing'
  ).split(' '),
);

/**
 * Words AFTER the sensitive name that make the key describe the data: states and flags
 * (`email_verified`, `phone_opt_in`), counts and sizes (`token_count`, `url_length`), times
 * (`password_changed_at`), kinds and settings (`email_template`, `auth_method`), and the nouns
 * of things named after the data (`zip_file`, `search_engine`, `mobile_app`).
 */
export const POST_QUALIFIERS: ReadonlySet<string> = new Set(
  (
    'verified unverified verification confirmed validated valid invalid validation validity ' +
    'enabled disabled enable disable active inactive on off count counts cnt total max min avg ' +
    'sum type types kind category template templates length len size bytes strength score ' +
    'status state level sent send sending opened open opens clicked click clicks bounced bounce ' +
    'bounces delivered delivery unsubscribed subscribed subscription optin opt opted optout ' +
    'consent consented marketing notification notifications preference preferences pref prefs ' +
    'settings setting frequency at date time timestamp ts datetime changed change updated update ' +
    'created added removed deleted reset expires expiry expiration expired exp ttl lifetime age ' +
    'duration ms sec secs seconds latency elapsed required provided present missing exists ' +
    'available set format pattern regex masked mask field fields label placeholder error errors ' +
    'domain domains provider providers client source method methods mode channel flow policy ' +
    'policies rule rules limit limits quota usage used remaining attempt attempts tries retries ' +
    'failed failure failures success successful succeeded result results rate ratio pct percent ' +
    'percentage version ver index idx position pos rank id ids uuid key keys list lists ' +
    'campaign campaigns tracking visible visibility hidden public flag flags bool match matches ' +
    'mismatch matched entered filled submitted focused shown displayed viewed requested request ' +
    'requests checked check verify lookup app apps web file files archive engine model models ' +
    'book range ranges bucket selector picker button modal popup dialog permission permissions ' +
    'page pages screen step view tab widget component banner form cost price amount budget ' +
    'window last4 four digits brand bin network issuer ' +
    '有無 件数 回数 日時 状態 種別 形式 認証済み 送信 送信日時 変更日時 登録日時 文字数'
  ).split(' '),
);

/**
 * Extra post-qualifiers for credentials only: the name, label, prefix or storage location of
 * a secret is not the secret (`token_name`, `secret_path`, `api_key_prefix`), while `city_name`
 * is still a city.
 */
export const CREDENTIAL_QUALIFIERS: ReadonlySet<string> = new Set(
  'name names prefix suffix hint env var variable path ref arn'.split(' '),
);

/**
 * Words marking a hashed or encrypted value. A hash of personal data is still personal data
 * (pseudonymous: it links records of one person), so `email_hash` becomes
 * `user.unique_id.pseudonymous`; a hash of a credential keeps the credential's category
 * (`password_hash` can be cracked offline).
 */
export const HASH_WORDS: ReadonlySet<string> = new Set(
  'hash hashed sha1 sha256 sha512 md5 digest hmac encrypted'.split(' '),
);

/**
 * Trailing words that keep the full confidence: `email_primary`, `city_name`,
 * `password_confirmation`, `phone_e164`. Any other unknown trailing word lowers the confidence
 * (`UNKNOWN_TRAILING_FACTOR`) but keeps the category: fail closed.
 */
export const NEUTRAL_WORDS: ReadonlySet<string> = new Set(
  (
    'name names value val raw full str string text primary secondary main home work personal ' +
    'business mobile line line1 line2 code codes iso iso2 iso3 alpha2 alpha3 new old current ' +
    'confirmation confirm repeat again retype encoded normalized lower lowercase upper trimmed ' +
    'clean formatted e164 international national local number no num addr address header ' +
    'headers param params data info details detail kana kanji long short display original ' +
    'カナ かな フリガナ 確認'
  ).split(' '),
);

/** Confidence multiplier when an unknown word follows the sensitive name (`phone_region`). */
export const UNKNOWN_TRAILING_FACTOR = 0.8;

/** Confidence multiplier when a field inherits its parent's category (`email: {address}`). */
export const INHERIT_FACTOR = 0.9;

/**
 * Context words allowed right before weak names (`billing_state`, `user_age`, `search_q`):
 * people, places and addresses. Any other word there (`app_state`, `max_age`, `aws_region`)
 * means the name is not about a person.
 */
export const MODIFIERS: ReadonlySet<string> = new Set(
  (
    'user users customer client person personal member account contact owner holder ' +
    'cardholder subscriber recipient sender buyer payer patient employee student guest visitor ' +
    'profile identity my your primary secondary default current new old previous prev last ' +
    'initial home work office billing shipping delivery mailing postal residential residence ' +
    'physical permanent legal registered geo geoip ip location address addr browser device ' +
    'preferred native real actual raw full main emergency spouse company org organization ' +
    'business employer search http request birth'
  ).split(' '),
);

function kinds(kind: Kind, words: string): [string, Kind][] {
  return words.split(' ').map((w) => [w, kind]);
}

/** Kind of a context word before a generic head (`customer_id`, `team_id`, `visitor_id`). */
export const MODIFIER_KINDS: ReadonlyMap<string, Kind> = new Map([
  ...kinds(
    'person',
    'user users customer person people member account contact owner holder cardholder ' +
      'subscriber recipient sender buyer purchaser payer patient employee student guest ' +
      'attendee applicant candidate player author profile identity emergency spouse traveler ' +
      'traveller passenger rider driver participant invitee friend assignee reviewer requester ' +
      'reporter signer beneficiary payee organizer respondent approver creator uploader inviter ' +
      'commenter submitter ユーザー ユーザ 会員 顧客 お客様 ' +
      '利用者 本人',
  ),
  ...kinds(
    'org',
    'org organization organisation company workspace tenant team group employer business ' +
      'enterprise firm 会社 企業 組織 法人',
  ),
  ...kinds(
    'device',
    'device hardware machine computer laptop pc install installation android phone 端末 デバイス',
  ),
  ...kinds('cookie', 'anonymous anon visitor cookie browser'),
  ...kinds('session', 'session window'),
]);

/**
 * Kinds of parent objects: plain `name` / `id` inside them name a person (`traits`, `$set`,
 * `user_properties`), an organization (`company`, `group_properties`), a device, …. Looked up
 * by the whole normalized parent, then its last word, then `MODIFIER_KINDS` of its last word.
 */
export const PARENT_KINDS: ReadonlyMap<string, Kind> = new Map([
  ...kinds(
    'person',
    'traits set set_once identify user_properties person_properties people external_ids',
  ),
  ...kinds('org', 'group_properties groups group_traits'),
]);

const id = (category: string, confidence: number): FieldClass => ({ category, confidence });

/** What each generic head means after a context word of each kind. */
export const HEADS: ReadonlyMap<string, Partial<Record<Kind, FieldClass>>> = new Map([
  [
    'id',
    {
      person: id('user.unique_id', 0.85),
      org: id('user.workplace', 0.8),
      device: id('user.device.device_id', 0.85),
      cookie: id('user.device.cookie_id', 0.85),
      session: id('user.authorization.credentials', 0.6),
    },
  ],
  [
    'name',
    {
      person: id('user.name', 0.8),
      org: id('user.workplace', 0.75),
      device: id('user.device.device_id', 0.5),
    },
  ],
  ['number', { person: id('user.unique_id', 0.7), org: id('user.workplace', 0.6) }],
  // An organization's domain names it (`$group_set.domain`, `org_domain`): B2B vendors store it
  // next to the org id.
  ['domain', { org: id('user.workplace', 0.7) }],
]);

/** Head words and the head they stand for. */
export const HEAD_WORDS: ReadonlyMap<string, string> = new Map([
  ['id', 'id'],
  ['ids', 'id'],
  ['uuid', 'id'],
  ['guid', 'id'],
  ['identifier', 'id'],
  ['name', 'name'],
  ['names', 'name'],
  ['number', 'number'],
  ['no', 'number'],
  ['num', 'number'],
  ['ref', 'number'],
  ['domain', 'domain'],
]);

/** Heads recognized at the end of unseparated words (`userid`, `companyname`, `orgid`). */
export const HEAD_SUFFIXES: readonly string[] = ['id', 'uuid', 'name', 'number'];
