/**
 * Search, geo and analytics platforms: Algolia, MaxMind, Mixpanel, Amplitude, PostHog. Public
 * ingest keys (PostHog phc_, Mixpanel project tokens, Amplitude API keys) are deliberately not
 * reported.
 */
import type { Rule } from '../../types.js';
import { lettersAndDigits } from './helpers.js';

/** Analytics and search secrets. */
export const analyticsRules: readonly Rule[] = [
  {
    id: 'algolia_api_key',
    category: 'system.authentication',
    description:
      'Algolia admin / write API key: 32 hex near algolia (search-only keys look the same and are reported too).',
    keywords: ['algolia'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'ALGOLIA_ADMIN_KEY=ba34901c28efa580f0110044e9b1636a',
          match: 'ba34901c28efa580f0110044e9b1636a',
        },
        'algoliasearch("LATENCY", "7fa25f5d46b9e684d0f761f4a99bbe6e")',
      ],
      negative: [
        'request 61f6d612716828ca641c80b55eab58a5 completed in 32ms',
        'ALGOLIA_ADMIN_KEY=61f6d612716828ca641c80b55eab',
      ],
    },
  },
  {
    id: 'maxmind_license_key',
    category: 'system.authentication',
    description: 'MaxMind GeoIP license key (6 + _ + 29 base62 + _mmk); triggered by _mmk.',
    keywords: ['_mmk'],
    pattern: /[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk(?![A-Za-z0-9_-])/y,
    offset: 36,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'note: rotated 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 yesterday, please revoke the old one',
          match: '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',
        },
        '<input type="hidden" name="cfg" value="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">',
      ],
      negative: [
        'truncated: zt3jaF_3SUxrZHzmnwUBX4FA8eFL4gLKkH4e_ end',
        'id=xyzzt3jaF_3SUxrZHzmnwUBX4FA8eFL4gLKkH4e_mmk',
      ],
    },
  },
  {
    id: 'mixpanel_api_secret',
    category: 'system.authentication',
    description:
      'Mixpanel API secret or service-account secret: 32 base62 near mixpanel_secret / mixpanel_api_secret. Project tokens (sent in every event) are public and not reported.',
    keywords: [
      'mixpanel_secret',
      'mixpanel_api_secret',
      'mixpanelsecret',
      'mp_api_secret',
      'mixpanel_service_account',
    ],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 96,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'MIXPANEL_API_SECRET=c26f56ef7bd6a54d6711dcb3a0e3e39c',
          match: 'c26f56ef7bd6a54d6711dcb3a0e3e39c',
        },
        '{"mixpanel_service_account":"acme-export.1a2b3c","secret":"2eaeb39440df443efd25e811a900439a"}',
      ],
      negative: [
        '{"event":"Signed Up","properties":{"token":"bde5fec5b0873dc163f0babbc82dc722","distinct_id":"u_1842"}}',
        'request f016a98ed2953f9df7c9b2c8e0715263 completed in 32ms',
        'MIXPANEL_API_SECRET=f016a98ed2953f9df7c9b2c8e071',
      ],
    },
  },
  {
    id: 'amplitude_secret_key',
    category: 'system.authentication',
    description:
      'Amplitude secret key: 32 hex near amplitude_secret. Amplitude API keys ship in clients and are not reported.',
    keywords: ['amplitude_secret', 'amplitude_api_secret', 'amplitudesecret'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 96,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'AMPLITUDE_SECRET_KEY=ecf50bc0ad3221076340bcefdb5b796a',
          match: 'ecf50bc0ad3221076340bcefdb5b796a',
        },
        'export_job(api_key=AMP_KEY, amplitude_secret="fb374fb505d244970766e24a95cd299d")',
      ],
      negative: [
        '{"api_key":"73e5ff4c632746a0e78e058a083dd122","events":[{"event_type":"Page Viewed"}]}',
        'request 595b7dbbcd32af432aed1ccac2ac97d7 completed in 32ms',
        'AMPLITUDE_SECRET_KEY=595b7dbbcd32af432aed1ccac2ac',
      ],
    },
  },
  {
    id: 'posthog_personal_api_key',
    category: 'system.authentication',
    description:
      'PostHog personal API key (phx_ + 43 base62). Project keys (phc_) are public and not reported.',
    keywords: ['phx_'],
    pattern: /phx_[A-Za-z0-9]{43}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: phx_19rxl9yNgT8UvxffYKRMHMgZxJtvTiYlfVAOV6JVfcN\n  script: make deploy',
          match: 'phx_19rxl9yNgT8UvxffYKRMHMgZxJtvTiYlfVAOV6JVfcN',
        },
        '[warn] found phx_ZHRXmfJkLVlyPvwDCH7uTYgfHnqDHt9RZxQDZzdm7Lo in request body of /api/v1/events',
      ],
      negative: [
        '{"api_key":"phc_lmEh2aGDsA9Hx7lfG1k0pg00fAziupeSn5VudxRneDk","event":"$pageview"}',
        'truncated: phx_eTAVHuo5d8kynJfocIFXmdkArCa81HGFRmaadAwT end',
        'id=xyzphx_eTAVHuo5d8kynJfocIFXmdkArCa81HGFRmaadAwTgdl',
      ],
    },
  },
];
