/** Email and SMS APIs: SendGrid, Mailgun, Mailchimp, Brevo, Resend, Twilio. */
import type { Rule } from '../../types.js';
import { lettersAndDigits, mixedCaseAlnum, randomHex } from './helpers.js';

/** Email and SMS API credentials. */
export const emailRules: readonly Rule[] = [
  {
    id: 'sendgrid_api_key',
    category: 'system.authentication',
    description: 'SendGrid API key (SG. + 22 + . + 43 base64url).',
    keywords: ['sg.'],
    pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: 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\n  script: make deploy',
          match: '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',
        },
        '[warn] found 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 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: SG.K-quYdA-va6da9rxTSqLSw.cAX85khPB9TyuH_B7IwZIKONpUqVY2_xLsf_QrtK end',
        'id=xyzSG.K-quYdA-va6da9rxTSqLSw.cAX85khPB9TyuH_B7IwZIKONpUqVY2_xLsf_QrtKC18',
      ],
    },
  },
  {
    id: 'mailgun_api_key',
    category: 'system.authentication',
    description: 'Mailgun private API key (key- + 32 hex).',
    keywords: ['key-'],
    pattern: /key-[a-f0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential key-e5b0558f899b5a4b24e716c91a122990 was rejected',
          match: 'key-e5b0558f899b5a4b24e716c91a122990',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"key-409a166b9d193ba9293cf90278abfbbd","plan":"team"}}',
      ],
      negative: [
        'api-key-rotation-policy-for-all-environments',
        'truncated: key-4314da8c5078cf8d4c545e8d2f801 end',
        'id=xyzkey-4314da8c5078cf8d4c545e8d2f801924',
      ],
    },
  },
  {
    id: 'mailchimp_api_key',
    category: 'system.authentication',
    description: 'Mailchimp API key (32 hex + -us + datacenter number); triggered by -us.',
    keywords: ['-us'],
    pattern: /[a-f0-9]{32}-us[0-9]{1,2}(?![A-Za-z0-9_-])/y,
    offset: 32,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'user pasted "5ccb26ae48230390940e4b990f8cab1a-us53" into the support widget',
          match: '5ccb26ae48230390940e4b990f8cab1a-us53',
        },
        'export ACME_CREDENTIAL=7138b4e18c8da2b3f77e7b7dfbda972c-us83',
      ],
      negative: [
        '"$locale":"en-US"',
        '73ed242f755d41bc49252dd36dfe9f148395e0d6-us21',
        'truncated: ea8c26144a1ad49c274d02977c7ac880-u end',
        'id=xyzea8c26144a1ad49c274d02977c7ac880-us27',
      ],
    },
  },
  {
    id: 'brevo_api_key',
    category: 'system.authentication',
    description: 'Brevo (Sendinblue) API key (xkeysib- + 64 hex + - + 16 base62).',
    keywords: ['xkeysib-'],
    pattern: /xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: 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" https://api.acme.dev/v2/projects',
          match:
            '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',
        },
        'Build log: loaded 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 from .env.production',
      ],
      negative: [
        'truncated: xkeysib-75b16925c06f0786cd536694368133f25af8efaabefe96487f8f84ce12f0a953-u63pzPKfUHh3K end',
        'id=xyzxkeysib-75b16925c06f0786cd536694368133f25af8efaabefe96487f8f84ce12f0a953-u63pzPKfUHh3KstY',
      ],
    },
  },
  {
    id: 'resend_api_key',
    category: 'system.authentication',
    description: 'Resend API key (re_ + 8 base62 + _ + 24 base62).',
    keywords: ['re_'],
    pattern: /re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}(?![A-Za-z0-9_-])/y,
    validate: mixedCaseAlnum,
    minEntropy: 3.8,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'note: rotated re_BuL7MCyC_WPuMvFh2fS2OP22jz3UWxxg7 yesterday, please revoke the old one',
          match: 're_BuL7MCyC_WPuMvFh2fS2OP22jz3UWxxg7',
        },
        '<input type="hidden" name="cfg" value="re_y9I12xBv_0KA94dvUuBc2Fx6E6KsyLuay">',
      ],
      negative: [
        're_activation_campaign_for_dormant_users',
        'pre_Ab3dE6gH_aB3cD4eF5gH6iJ7kL8mN9oP0',
        'truncated: re_Atcyij5E_ORJ5d5YJWJBequyEZDllv end',
        'id=xyzre_Atcyij5E_ORJ5d5YJWJBequyEZDllv41i',
      ],
    },
  },
  {
    id: 'twilio_api_key',
    category: 'system.authentication',
    description: 'Twilio API key SID (SK + 32 hex), wherever it occurs.',
    // `SK` is case-sensitive and short: as a keyword it would fire on every `sk` in text, so the
    // rule runs over the base64-alphabet runs the first pass collects (a SID is one of 34+).
    runs: { min: 34 },
    pattern: /(?<![A-Za-z0-9_-])SK[0-9a-fA-F]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    validate: (v) => randomHex(v, 2),
    // No placeholder word fits in hex; a value of thousands of SIDs should not pay for the check.
    placeholders: false,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'TWILIO_API_KEY=SKbb0aae97b8622e76d3d52d051859bee9',
          match: 'SKbb0aae97b8622e76d3d52d051859bee9',
        },
        'client = twilio.Client("SKbcc73cbe6f1abd5e885e35d082b0b11e", api_secret)',
        {
          text: 'request SKfab492fdff7623d9f45221ea8d20ef59 completed in 32ms',
          match: 'SKfab492fdff7623d9f45221ea8d20ef59',
        },
        {
          text: 'https://api.twilio.com/2010-04-01/Accounts/AC0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e/Keys/SK2a0747eba6abf96b7e3c3ff0b4530f6e.json',
          match: 'SK2a0747eba6abf96b7e3c3ff0b4530f6e',
        },
        '{"sid":"SK7f3c9e21d04b4a6c8e5f1a2b3c4d5e6f"}',
      ],
      negative: [
        'TWILIO_API_KEY=SKfab492fdff7623d9f45221ea8d20',
        'sku=SK00000000000000000000000000000000',
        'ref SK0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a end',
        'ref SKdeadbeefdeadbeefdeadbeefdeadbeef end',
        'ask fab492fdff7623d9f45221ea8d20ef59 desk',
        'ref=XSKfab492fdff7623d9f45221ea8d20ef59',
        'sk2a0747eba6abf96b7e3c3ff0b4530f6e',
        'SKfab492fdff7623d9f45221ea8d20ef59aa',
      ],
    },
  },
  {
    id: 'twilio_auth_token',
    category: 'system.authentication',
    description: 'Twilio auth token or API secret: 32 hex near twilio.',
    keywords: ['twilio'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'TWILIO_AUTH_TOKEN=48b9f2109c8b87a7ff446008c8ca29f4',
          match: '48b9f2109c8b87a7ff446008c8ca29f4',
        },
        'twilio.rest.Client("AC0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", "82cc94c2d936165c6637fe57ecada390")',
      ],
      negative: [
        'request 36314c50cdad0554e8596d5a2d6a7001 completed in 32ms',
        'TWILIO_AUTH_TOKEN=36314c50cdad0554e8596d5a2d6a',
      ],
    },
  },
];
