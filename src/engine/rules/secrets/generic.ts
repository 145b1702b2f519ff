/**
 * Keyword-anchored generic secrets in free text and config-like strings: api_key / secret /
 * client_secret / password / private_key / access_token assignments (=, :, =>, :=, quoted or bare
 * values), Authorization: Bearer and Basic credentials. Values must be 12–200 characters (8 for
 * passwords) with enough entropy; placeholders, ENV_VAR names, code references, public keys and
 * tokens that a provider rule reports are skipped. Confidence is below every provider rule, so on
 * the same span the specific finding wins.
 */
import type { Rule } from '../../types.js';
import { passwordValue, privateKeyValue, secretValue } from './context-values.js';
import { isBasicAuthCredential } from './helpers.js';
import { findLabelledSecret, LABEL_KEYWORDS } from './labelled.js';

/** Generic keyword-anchored secret rules. */
/** What the two password rules share: the value is capture group 1, judged as a password. */
const PASSWORD_VALUE = {
  category: 'user.authorization.password',
  group: 1,
  boundary: false,
  validate: passwordValue,
  minEntropy: 2.5,
  confidence: 0.65,
} as const;

export const genericRules: readonly Rule[] = [
  {
    id: 'generic_api_key',
    category: 'system.authentication',
    description:
      'Value assigned to an api_key / apiKey / x-api-key key (12–200 chars, entropy ≥ 3; a quoted value runs to its closing quote).',
    keywords: ['api_key', 'apikey', 'api-key'],
    pattern:
      /(?<![?&])(?:api[_-]?key)\\{0,2}["']?\s{0,3}(?:=>|:=|=|:)\s{0,3}\\{0,2}["'`]?((?<=")[^"\s\\]{12,200}(?=\\{0,2}")|(?<=')[^'\s\\]{12,200}(?=')|(?<!["'])[\w+/=.~!$%^*-]{12,200}(?![\w+/=.~!$%^*-]))/iy,
    group: 1,
    boundary: false,
    validate: secretValue,
    minEntropy: 3,
    confidence: 0.6,
    examples: {
      positive: [
        {
          text: '{"integration":{"name":"weather","api_key":"QDo4r8pamYDL5heK2qTYoUZikMxS5K85"}}',
          match: 'QDo4r8pamYDL5heK2qTYoUZikMxS5K85',
        },
        'WEATHER_API_KEY=55ReUhzzJukdNCIeYfNrcDLBOP6QI9XT',
        'curl -H "x-api-key: 7PnL8GywpAChnwLbbtW5hEwjcwga9DrW" https://api.acme.io',
        {
          text: 'https://x-api-key:QDo4r8pamYDL5heK2qTYoUZikMxS5K85@hooks.acme.io/in',
          match: 'QDo4r8pamYDL5heK2qTYoUZikMxS5K85',
        },
        "client = Client(apiKey => 'Mk9ZPlUb7F5RDw1OkvlyqxTSUJ1QWGBn')",
      ],
      negative: [
        'api_key: process.env.WEATHER_API_KEY',
        'API_KEY=${WEATHER_API_KEY}',
        '"api_key": "<your-api-key>"',
        'apiKey: WEATHER_API_KEY',
        '{"api_key":"phc_v7FyKncLRR3XA8fI9J8SvM9guU0zq11seFEmH5cDTT9"}',
        'Your API key is shown once; keep it secret.',
      ],
    },
  },
  {
    id: 'generic_secret',
    category: 'system.authentication',
    description:
      'Value assigned to a secret / secret_key / app_secret key (12–200 chars, entropy ≥ 3).',
    keywords: ['secret'],
    pattern:
      /(?<![?&])(?:secret(?:[_-]?key)?)\\{0,2}["']?\s{0,3}(?:=>|:=|=|:)\s{0,3}\\{0,2}["'`]?((?<=")[^"\s\\]{12,200}(?=\\{0,2}")|(?<=')[^'\s\\]{12,200}(?=')|(?<!["'])[\w+/=.~!$%^*-]{12,200}(?![\w+/=.~!$%^*-]))/iy,
    group: 1,
    boundary: false,
    validate: secretValue,
    minEntropy: 3,
    confidence: 0.6,
    examples: {
      positive: [
        {
          text: '{"webhook":{"url":"https://hooks.acme.io/in","secret":"1XwGbeXsajgyTErmma4oH40XuFeNENaaEw3bz3sd"}}',
          match: '1XwGbeXsajgyTErmma4oH40XuFeNENaaEw3bz3sd',
        },
        "APP_SECRET_KEY = 'goQL7zhPf13oc4NRZTap1A23eQiCW3-om291y6n7'",
        'JWT_SECRET=9pKPdAMOYcESOF_A5sopz4GuHie-i6P5hn2tOQHs',
      ],
      negative: [
        'secret: "changeme-changeme"',
        'the secret: always back up your keys',
        'SECRET_KEY=os.environ["SECRET_KEY"]',
        'secret_santa: "gAw8z361Hhrhlb0mBG6d"',
      ],
    },
  },
  {
    id: 'generic_client_secret',
    category: 'system.authentication',
    description: 'Value assigned to a client_secret / clientSecret key (OAuth), 12–200 chars.',
    keywords: ['client_secret', 'clientsecret', 'client-secret'],
    pattern:
      /(?<![?&])(?:client[_-]?secret)\\{0,2}["']?\s{0,3}(?:=>|:=|=|:)\s{0,3}\\{0,2}["'`]?((?<=")[^"\s\\]{12,200}(?=\\{0,2}")|(?<=')[^'\s\\]{12,200}(?=')|(?<!["'])[\w+/=.~!$%^*-]{12,200}(?![\w+/=.~!$%^*-]))/iy,
    group: 1,
    boundary: false,
    validate: secretValue,
    minEntropy: 3,
    confidence: 0.65,
    examples: {
      positive: [
        {
          text: '{"oauth":{"client_id":"web-42","client_secret":"str8-AQHhcXV011n1MYmeBlDLP2pEINooEZtJ24E"}}',
          match: 'str8-AQHhcXV011n1MYmeBlDLP2pEINooEZtJ24E',
        },
        'OAUTH_CLIENT_SECRET=EL2w57rjY1nU2efVrELqtJOnLViJMsF8Z_AWRjmY',
      ],
      negative: ['client_secret: ${{ secrets.CLIENT_SECRET }}', '"clientSecret": ""'],
    },
  },
  {
    ...PASSWORD_VALUE,
    id: 'generic_password',
    description:
      'Value assigned to a password / passwd / pwd key (8–200 chars, password-shaped, not a placeholder).',
    keywords: ['password', 'passwd', 'pwd'],
    pattern:
      /(?<![?&])(?:password|passwd|pwd)\\{0,2}["']?\s{0,3}(?:=>|:=|=|:)\s{0,3}\\{0,2}["'`]?((?<=")[^"\s\\]{8,200}(?=\\{0,2}")|(?<=')[^'\s\\]{8,200}(?=')|(?<!["'])[\w+/=.~!@$%^*#?-]{8,200}(?![\w+/=.~!@$%^*#?-]))/iy,
    examples: {
      positive: [
        {
          text: '{"db":{"host":"10.0.0.5","user":"app","password":"GRcZ2Xii-782"}}',
          match: 'GRcZ2Xii-782',
        },
        { text: 'password = "Tr0ub&dor:3"', match: 'Tr0ub&dor:3' },
        'DB_PASSWORD=5r93Kdkq*929',
        'login(user: "bob", passwd: \'iFp2VHrY#216\')',
        'smtp_pwd => "8dNXARA2*133"',
      ],
      negative: [
        'Please reset your password to continue.',
        'password: must be at least 8 characters',
        'password: "********"',
        'DB_PASSWORD=${DB_PASSWORD}',
        'password: required',
        '"password": "changeme"',
        'passwordless=true',
      ],
    },
  },
  {
    ...PASSWORD_VALUE,
    id: 'prose_password',
    description:
      'A password given in a sentence: "my password is X", "the passcode was X", "パスワードは X", "パスワード：X" (6–64 printable ASCII chars, password-shaped, not a placeholder).',
    keywords: ['password', 'passwd', 'passcode', 'パスワード'],
    pattern:
      /(?:(?:password|passwd|passcode)\s{1,3}(?:is|was)\s{1,3}|パスワード\s{0,2}(?:は|：|:|＝|=)\s{0,3})["'「『“]?([!#-&(-~]{6,64})/iy,
    examples: {
      positive: [
        { text: 'Cannot log in, my password is Hunter2xyz! please help', match: 'Hunter2xyz!' },
        { text: 'パスワードは Hanako1234! です', match: 'Hanako1234!' },
        { text: 'パスワード：Tokyo2024#でログインできません', match: 'Tokyo2024#' },
        { text: 'the old passcode was 9f8e7d6c5b', match: '9f8e7d6c5b' },
      ],
      negative: [
        'Your password is incorrect',
        'password is required',
        'The password was reset by an admin',
        'パスワードは8文字以上にしてください',
        'パスワードは ******** です',
        'password is changeme',
      ],
    },
  },
  {
    ...PASSWORD_VALUE,
    id: 'pw_password',
    description:
      'A password after the short label PW, as Japanese business mail and forms write it: "ID: taro PW: Xk9#mQ2v", "PW：Tokyo2024!", "PWは hanako88 です" (6–64 printable ASCII chars, password-shaped).',
    keywords: ['pw'],
    pattern:
      /(?<![A-Za-z0-9_])(?:PW|Pw|pw)\s{0,2}(?::|：|=|＝|は)\s{0,3}["'「『“]?([!#-&(-~]{6,64})/y,
    examples: {
      positive: [
        { text: 'ID: taro.yamada PW: Xk9#mQ2v', match: 'Xk9#mQ2v' },
        { text: '初期PW：Tokyo2024!でログインしてください', match: 'Tokyo2024!' },
        { text: 'PWは hanako88 です', match: 'hanako88' },
      ],
      negative: [
        'PW: ********',
        'rated PW: 1500W max',
        'upw: Xk9#mQ2v',
        'PW: password',
        'NPW=growth2024',
      ],
    },
  },
  {
    id: 'labelled_secret',
    category: 'system.authentication',
    description:
      'A machine-made value (12–200 chars, letters and digits, entropy ≥ 3.3; or a random tail after a prefix, a hex key, random mixed-case letters) after a credential word that names no known provider: "the linear token: …", ZENDESK_KEY=…, "twitch access key is …", トークン：…, APIキー：….',
    keywords: [...LABEL_KEYWORDS],
    find: findLabelledSecret,
    confidence: 0.55,
    examples: {
      positive: [
        {
          text: 'Configured the linear token: 46d4093d30cb9d7e067b05d32ef14c99 for staging',
          match: '46d4093d30cb9d7e067b05d32ef14c99',
        },
        {
          text: 'ZENDESK_KEY=bq2dkdnwgxphzgh1fxa788vhcmxa55r7tibi6fc0',
          match: 'bq2dkdnwgxphzgh1fxa788vhcmxa55r7tibi6fc0',
        },
        { text: 'twitch access key: kskJO8mGTWRH7cFYuDC79y2b', match: 'kskJO8mGTWRH7cFYuDC79y2b' },
        {
          text: 'our plaid credentials are "p8wvsyt9msklx30nrxnz6if9o8jqxg"',
          match: 'p8wvsyt9msklx30nrxnz6if9o8jqxg',
        },
        {
          text: '{"sentryToken":"ea84d799ba2cbb658bd4467a4703c0edad542c4d439195f707cc98fe9c969ba0"}',
          match: 'ea84d799ba2cbb658bd4467a4703c0edad542c4d439195f707cc98fe9c969ba0',
        },
        {
          text: 'heroku api key is 6b0e3836-15dd-801e-c87e-7006461f2257.',
          match: '6b0e3836-15dd-801e-c87e-7006461f2257',
        },
        {
          text: 'the staging token for prod = Zx81KfQ2mPv7Rt0Lw3Yb',
          match: 'Zx81KfQ2mPv7Rt0Lw3Yb',
        },
        { text: 'APIトークン：a8Kd02mXq7ZP4vT9wLr1', match: 'a8Kd02mXq7ZP4vT9wLr1' },
        { text: 'APIキー：7fQ2mPv81KRt0Lw3Ybx9', match: '7fQ2mPv81KRt0Lw3Ybx9' },
        {
          text: 'アクセスキーは 6b0e3836-15dd-801e-c87e-7006461f2257 です',
          match: '6b0e3836-15dd-801e-c87e-7006461f2257',
        },
        {
          text: 'Configured the scrapfly key: scp-live-osulx48svcb0n8trgcm7g7phj5u5s2y8 for staging',
          match: 'scp-live-osulx48svcb0n8trgcm7g7phj5u5s2y8',
        },
        {
          text: 'the convertapi secret is secret_abkpkgoOP7z9EbC5',
          match: 'secret_abkpkgoOP7z9EbC5',
        },
        {
          text: 'the madkudu api key: e674ee54c96c458f765679685987e12c',
          match: 'e674ee54c96c458f765679685987e12c',
        },
        {
          text: 'dnscheck token: hAoQGwVXdGlSgxxGcsuQUJsuJIlaOmJK',
          match: 'hAoQGwVXdGlSgxxGcsuQUJsuJIlaOmJK',
        },
      ],
      negative: [
        'the cache key: 3f9a2b1c7d8e4f5a6b7c8d9e',
        'the billing token: ConfiguredForStagingAndProduction',
        'the build key: deadbeefdeadbeefdeadbeef',
        'the webhook token: PRODUCTIONWEBHOOKSECRETVALUE',
        'signup token: checkout-flow-variant-2024-q3-b',
        'idempotency key: 550e8400-e29b-41d4-a716-446655440000',
        'request key: 6b0e3836-15dd-801e-c87e-7006461f2257',
        'next page token: eyx7Qm2K9LpZ0aB3',
        'the monkey: 9f8e7d6c5b4a39281716',
        'token_count: 4096',
        'max tokens: 128000',
        '{"token":"5b1e3c9d7a2f4e6b8c0d1a3e5f7b9c2d","distinct_id":"u1"}',
        'the token: Zx81KfQ2mPv7Rt0Lw3Yb',
        '{"note":"bitbucket:\\n  oauth:\\n    key: h3WHQGSvnWCRtSN1fp"}',
        'key: checkout_flow_variant_b',
        'token: cdn3.assets-example.com',
        'key features: fast, private, 2024 edition',
        'api key: process.env.LINEAR_TOKEN',
        'public key: 04a1b2c3d4e5f60718293a4b5c6d7e8f',
        'translation key: onboarding.step2.title',
        '主キー：a8Kd02mXq7ZP4vT9wLr1',
        'キー：a8Kd02mXq7ZP4vT9wLr1',
        'キーボード：K8s7Dm2qX9vT4wLr1',
        '検索キーは 6b0e3836-15dd-801e-c87e-7006461f2257',
        'key: 2024-06-01T12:00:03.512Z',
        'https://api.example.com/v1?token=46d4093d30cb9d7e067b05d32ef14c99',
      ],
    },
  },
  {
    id: 'generic_private_key',
    category: 'system.authentication',
    description:
      'Non-PEM value assigned to a private_key / privateKey key (hex, base58, base64 keys), 16–200 chars.',
    keywords: ['private_key', 'privatekey', 'private-key'],
    pattern:
      /(?<![?&])(?:private[_-]?key)\\{0,2}["']?\s{0,3}(?:=>|:=|=|:)\s{0,3}\\{0,2}["'`]?((?<=")[^"\s\\]{16,200}(?=\\{0,2}")|(?<=')[^'\s\\]{16,200}(?=')|(?<!["'])[\w+/=.~!$%^*-]{16,200}(?![\w+/=.~!$%^*-]))/iy,
    group: 1,
    boundary: false,
    validate: privateKeyValue,
    minEntropy: 3,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'WALLET_PRIVATE_KEY=0xfe4133fd72fb179e80aa32617e4ef865499c588bd05b255cf7cd5a4828c2e553',
          match: '0xfe4133fd72fb179e80aa32617e4ef865499c588bd05b255cf7cd5a4828c2e553',
        },
        '{"signer":{"privateKey":"0x9b76a7a9c2612d1230b796c078e89a57075a942c9388bd63e522ed62377d71e3"}}',
      ],
      negative: [
        '"private_key": "-----BEGIN PRIVATE KEY-----\\n"',
        'private_key: config.signer.privateKey',
        'private_key_id: none',
      ],
    },
  },
  {
    id: 'generic_access_token',
    category: 'system.authentication',
    description:
      'Value assigned to an access_token / auth_token / refresh_token key in config-like text (16–200 chars); ?access_token= URL parameters are left to the query rules.',
    keywords: [
      'access_token',
      'accesstoken',
      'access-token',
      'auth_token',
      'authtoken',
      'auth-token',
      'refresh_token',
      'refreshtoken',
      'refresh-token',
    ],
    pattern:
      /(?<![?&])(?:(?:access|auth|refresh)[_-]?token)\\{0,2}["']?\s{0,3}(?:=>|:=|=|:)\s{0,3}\\{0,2}["'`]?((?<=")[^"\s\\]{16,200}(?=\\{0,2}")|(?<=')[^'\s\\]{16,200}(?=')|(?<!["'])[\w+/=.~!$%^*-]{16,200}(?![\w+/=.~!$%^*-]))/iy,
    group: 1,
    boundary: false,
    validate: secretValue,
    minEntropy: 3,
    confidence: 0.6,
    examples: {
      positive: [
        {
          text: '{"oauth":{"access_token":"WCUCIXhQvR47Wbr3jDya4cc5VCK0o1aTGoLYynmH","expires_in":3600}}',
          match: 'WCUCIXhQvR47Wbr3jDya4cc5VCK0o1aTGoLYynmH',
        },
        'AUTH_TOKEN=Tu6pTsnKSwjwCTIG9AVGCfmd_NlqLIhxECxWdQMc',
        "refreshToken: 'eRMYJZUd5DgKByiPWCHPud2xb4iNPYl7Jm6195qF'",
      ],
      negative: [
        'access_token: null',
        'auth_token = get_token()',
        '"refresh_token": "<refresh-token>"',
        'Error: token limit reached for this api key, try again later',
      ],
    },
  },
  {
    id: 'bearer_token',
    category: 'user.authorization.credentials',
    description:
      'Credential after Bearer (Authorization header or free text): 16–2048 token68 characters, random-looking, not a provider token or JWT (reported by their own rules).',
    keywords: ['bearer'],
    pattern:
      /(?:Bearer|bearer|BEARER)\s{1,3}([A-Za-z0-9._~+/-]{15,2047}[A-Za-z0-9_~+/-]={0,2})(?![A-Za-z0-9_~+/=-])(?!\.[A-Za-z0-9_~+/-])/y,
    group: 1,
    validate: secretValue,
    minEntropy: 3.2,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'curl -H "Authorization: Bearer QOzr9EwqU3kOcqBrf-ZByFtwnwJOUPE-M9qcrq9m" https://api.acme.io/v1/me',
          match: 'QOzr9EwqU3kOcqBrf-ZByFtwnwJOUPE-M9qcrq9m',
        },
        '{"headers":{"authorization":"Bearer 08nps57INaMrJNUj2ZY97Dc1XMl2VSJvBh8S84iBTJEMApRZ"}}',
        'authorization: bearer XhqWVsvfhe6eFjLiCpiFlvcK.',
      ],
      negative: [
        'Bearer token required',
        'the bearer of bad news arrived',
        'Authorization: Bearer ${TOKEN}',
        'Authorization: Bearer <token>',
        'Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      ],
    },
  },
  {
    id: 'basic_auth_header',
    category: 'user.authorization.password',
    description:
      'Credential after Basic (Authorization header): canonical base64 of printable user:password with a real password.',
    keywords: ['basic'],
    pattern: /(?:Basic|basic|BASIC)\s{1,3}([A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])/y,
    group: 1,
    validate: isBasicAuthCredential,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'Authorization: Basic ZGVwbG95Om9wMkxWMkRnTXFJRU55',
          match: 'ZGVwbG95Om9wMkxWMkRnTXFJRU55',
        },
        '{"headers":{"Authorization":"Basic YXBpOlhlODZLbUxqc0NFMmNmVzJjZXNG"}}',
      ],
      negative: [
        'Basic plan includes 3 seats',
        'Authorization: Basic dXNlcjpwYXNzd29yZA==',
        'Authorization: Basic bm9jb2xvbmhlcmVhdGFsbA==',
        'Basic aGVsbG8gd29ybGQ=',
      ],
    },
  },
];
