/** APM platforms: New Relic key families and keyword-anchored Datadog API / application keys. */
import type { Rule } from '../../types.js';
import { lettersAndDigits } from './helpers.js';

/** New Relic and Datadog keys. */
export const apmRules: readonly Rule[] = [
  {
    id: 'newrelic_user_api_key',
    category: 'system.authentication',
    description: 'New Relic user API key (NRAK- + 27 upper-case alphanumerics).',
    keywords: ['nrak-'],
    pattern: /NRAK-[A-Z0-9]{27}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'note: rotated NRAK-5C3UDD0TII6MHLYR2S07GVZE15J yesterday, please revoke the old one',
          match: 'NRAK-5C3UDD0TII6MHLYR2S07GVZE15J',
        },
        '<input type="hidden" name="cfg" value="NRAK-HF07V7C8UUSMPJ2YG8IZTSD4L0G">',
      ],
      negative: [
        'truncated: NRAK-VBDETLGMR29JGZRTN01GBS40 end',
        'id=xyzNRAK-VBDETLGMR29JGZRTN01GBS404UM',
      ],
    },
  },
  {
    id: 'newrelic_browser_api_token',
    category: 'system.authentication',
    description:
      'New Relic browser ingest key (NRJS- + 19 hex); shipped in page snippets, so reported at low confidence.',
    keywords: ['nrjs-'],
    pattern: /NRJS-[a-f0-9]{19}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.6,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: NRJS-925f3f2d01ef4f6155e\n  script: make deploy',
          match: 'NRJS-925f3f2d01ef4f6155e',
        },
        '[warn] found NRJS-110aa8d62e5198bcc63 in request body of /api/v1/events',
      ],
      negative: ['truncated: NRJS-4af5516b60568186 end', 'id=xyzNRJS-4af5516b60568186847'],
    },
  },
  {
    id: 'newrelic_insert_key',
    category: 'system.authentication',
    description: 'New Relic insights insert key (NRII- + 32 base64url).',
    keywords: ['nrii-'],
    pattern: /NRII-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential NRII-ivS35F5MWCTWASvzQgxdhDwEnZA7YEsU was rejected',
          match: 'NRII-ivS35F5MWCTWASvzQgxdhDwEnZA7YEsU',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"NRII-B5Qg7H8Ww1KsIqI06HJnZKM-ADhAFSrz","plan":"team"}}',
      ],
      negative: [
        'truncated: NRII-kvsX_thiB2vGtClNibYu7-nVbJjgB end',
        'id=xyzNRII-kvsX_thiB2vGtClNibYu7-nVbJjgBxAH',
      ],
    },
  },
  {
    id: 'newrelic_insights_query_key',
    category: 'system.authentication',
    description: 'New Relic insights query key (NRIQ- + 25–32 base64url).',
    keywords: ['nriq-'],
    pattern: /NRIQ-[A-Za-z0-9_-]{25,32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'X-Query-Key: NRIQ-KTQ3QiScVvsWSb3MoDUe9SvNcHQB85hh',
          match: 'NRIQ-KTQ3QiScVvsWSb3MoDUe9SvNcHQB85hh',
        },
        'dashboard export used NRIQ-QizFowV0a-u4P65NEIVCiQLcu for the query',
      ],
      negative: [
        'truncated: NRIQ-KTQ3QiScVvsWSb3MoDU end',
        'id=xyzNRIQ-KTQ3QiScVvsWSb3MoDUe9SvNcHQB85hh',
      ],
    },
  },
  {
    id: 'newrelic_mobile_app_token',
    category: 'system.authentication',
    description:
      'New Relic mobile application token (AA + 40 hex, or eu01xx + 36 hex, + -NRMA); apps ship it, so reported at lower confidence.',
    keywords: ['-nrma'],
    pattern: /(?:AA[a-f0-9]{40}|eu01xx[a-f0-9]{36})-NRMA(?![A-Za-z0-9_-])/y,
    offset: 42,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'NewRelic.withApplicationToken("AA2b3b78c7ec717ef80e3cd37d85abd1ee7c4b0e61-NRMA").start(this)',
          match: 'AA2b3b78c7ec717ef80e3cd37d85abd1ee7c4b0e61-NRMA',
        },
        'NEW_RELIC_APP_TOKEN=eu01xxdc6f384d523cdf6e522aeecafd77d41672e1-NRMA',
      ],
      negative: [
        'AA2b3b78c7ec717ef80e3cd37d85abd1ee7c4b-NRMA',
        'XAA2b3b78c7ec717ef80e3cd37d85abd1ee7c4b0e61-NRMA',
      ],
    },
  },
  {
    id: 'newrelic_license_key',
    category: 'system.authentication',
    description:
      'New Relic ingest license key (36 hex + NRAL, or eu01xx + 30 hex + NRAL in the EU region); triggered by NRAL.',
    keywords: ['nral'],
    pattern: /(?:[a-f0-9]{36}|eu01xx[a-f0-9]{30})NRAL(?![A-Za-z0-9_-])/y,
    offset: 36,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'NEW_RELIC_LICENSE_KEY=f12ca35fa6792d59e83bb644ee408db7b384NRAL',
          match: 'f12ca35fa6792d59e83bb644ee408db7b384NRAL',
        },
        "license_key: '1946e27210015f1f693471c320ad79fa7b89NRAL'",
        'NEW_RELIC_LICENSE_KEY=eu01xxbb3cac367abd21b28aedcf6005e866NRAL',
      ],
      negative: [
        'truncated: 984b23bda9d6aae24ee5420d33e6db4d34baN end',
        'id=xyz984b23bda9d6aae24ee5420d33e6db4d34baNRAL',
      ],
    },
  },
  {
    id: 'datadog_api_key',
    category: 'system.authentication',
    description: 'Datadog API key: 32 hex near datadog / dd_api_key.',
    keywords: ['datadog', 'dd_api_key', 'dd-api-key', 'dd_apikey'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'DD_API_KEY=e563b5cef3d4702a320ce6f0ae7e4bc6',
          match: 'e563b5cef3d4702a320ce6f0ae7e4bc6',
        },
        'curl -X POST "https://api.datadoghq.com/api/v2/series" -H "DD-API-KEY: 5fc90a6f0a45f1f2f487ea46fa542a0a"',
      ],
      negative: [
        'request 2b34098a28b53a6ec598775b1875d83f completed in 32ms',
        'DD_API_KEY=2b34098a28b53a6ec598775b1875',
      ],
    },
  },
  {
    id: 'datadog_app_key',
    category: 'system.authentication',
    description: 'Datadog application key: 40 hex near datadog / dd_app_key / dd-application-key.',
    keywords: ['datadog', 'dd_app_key', 'dd-application-key', 'dd_application_key', 'dd-app-key'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'DD_APP_KEY=34712b9c61771059ce9a86412bfc2c1f7446978c',
          match: '34712b9c61771059ce9a86412bfc2c1f7446978c',
        },
        'curl "https://api.datadoghq.com/api/v1/dashboard" -H "DD-APPLICATION-KEY: 3a1a5d128b4de42fe85d5b62851e0f2090ee1e41"',
      ],
      negative: [
        'request 0d29fc9c1a4c3dfa399e089e697f5c776633f49c completed in 32ms',
        'DD_APP_KEY=0d29fc9c1a4c3dfa399e089e697f5c776633',
      ],
    },
  },
];
