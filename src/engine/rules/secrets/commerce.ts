/**
 * Commerce, identity and developer-platform services: Shopify, Etsy, Okta, Auth0, LaunchDarkly,
 * Fastly, Twitch.
 */
import type { Rule } from '../../types.js';
import { lettersAndDigits, mixedCaseAlnum } from './helpers.js';

/** Commerce, identity and platform tokens. */
export const commerceRules: readonly Rule[] = [
  {
    id: 'shopify_access_token',
    category: 'system.authentication',
    description: 'Shopify Admin API access token (shpat_ + 32 hex).',
    keywords: ['shpat_'],
    pattern: /shpat_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'X-Shopify-Access-Token: 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',
          match: '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',
        },
        'SHOPIFY_ADMIN_TOKEN=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',
      ],
      negative: [
        'truncated: shpat_edb3cbfd9e289b60bf68f08ae9313 end',
        'id=xyz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',
      ],
    },
  },
  {
    id: 'shopify_custom_app_token',
    category: 'system.authentication',
    description: 'Shopify custom app access token (shpca_ + 32 hex).',
    keywords: ['shpca_'],
    pattern: /shpca_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])/y,
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
        'truncated: shpca_dd1bdcde6be694572c90f81941d37 end',
        'id=xyz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',
      ],
    },
  },
  {
    id: 'shopify_private_app_token',
    category: 'system.authentication',
    description: 'Shopify private app access token (shppa_ + 32 hex).',
    keywords: ['shppa_'],
    pattern: /shppa_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential 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 was rejected',
          match: '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',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"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","plan":"team"}}',
      ],
      negative: [
        'truncated: shppa_390b88ad34b9cb546f9ce6c0e04f9 end',
        'id=xyz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',
      ],
    },
  },
  {
    id: 'shopify_shared_secret',
    category: 'system.authentication',
    description: 'Shopify app shared secret (shpss_ + 32 hex).',
    keywords: ['shpss_'],
    pattern: /shpss_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'user pasted "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" into the support widget',
          match: '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',
        },
        'export ACME_CREDENTIAL=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',
      ],
      negative: [
        'truncated: shpss_6ec56b1dab1a4b24cd33afa0c8a4f end',
        'id=xyz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',
      ],
    },
  },
  {
    id: 'etsy_api_key',
    category: 'system.authentication',
    description: 'Etsy API keystring: 24 lower-case base36 near etsy.',
    keywords: ['etsy'],
    pattern: /(?<![A-Za-z0-9_-])[a-z0-9]{24}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3.5,
    confidence: 0.7,
    examples: {
      positive: [
        { text: 'ETSY_API_KEY=jw63eyt9dn6nwedd5gj4p5ka', match: 'jw63eyt9dn6nwedd5gj4p5ka' },
        'curl https://openapi.etsy.com/v3/application/openapi-ping -H "x-api-key: imaoibpuyf5kg9bj4pb4gvov"',
      ],
      negative: [
        'request gmt9suy55nf52ajtnv6kpuq0 completed in 32ms',
        'ETSY_API_KEY=gmt9suy55nf52ajtnv6k',
      ],
    },
  },
  {
    id: 'okta_api_token',
    category: 'system.authentication',
    description: 'Okta API token (00 + 40 base64url) near okta.',
    keywords: ['okta'],
    pattern: /(?<![A-Za-z0-9_-])00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'OKTA_API_TOKEN=00lmv1_hmHAhYDGpY5575gXn7pzETbpwPN7jyqegaB',
          match: '00lmv1_hmHAhYDGpY5575gXn7pzETbpwPN7jyqegaB',
        },
        'curl https://acme.okta.com/api/v1/users -H "Authorization: SSWS 004kteAC2kp6VZjNU2v1nRo3EUFal9FL61k0lbfGMJ"',
      ],
      negative: [
        'request 00zT04T7WMENKwUkX9cRgkiakiv8EBfduzj3wLY8jT completed in 32ms',
        'OKTA_API_TOKEN=00zT04T7WMENKwUkX9cRgkiakiv8EBfduzj3wL',
      ],
    },
  },
  {
    id: 'auth0_client_secret',
    category: 'system.authentication',
    description: 'Auth0 client secret: 64 base64url near auth0.',
    keywords: ['auth0'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4.5,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'AUTH0_CLIENT_SECRET=cgIoTpzez3VdRvUuHLQ_HSyGQR9sVl5h60AI_Q068zzifiL-aTkVoTZnJ3tCbWRq',
          match: 'cgIoTpzez3VdRvUuHLQ_HSyGQR9sVl5h60AI_Q068zzifiL-aTkVoTZnJ3tCbWRq',
        },
        'auth0 apps create --name web --client-secret AIonya_A7SLdVqbHT3oNIkAEqaXGmFqtajNl_yeHddpIr0J93IVU82RGenBkR4UR',
      ],
      negative: [
        'request 0TJWC0w4JVNA_BrTtKaKizGomUrJH7DmGUE8pkBYVhcXlRQpIjSubczq0nQ_JrWW completed in 32ms',
        'AUTH0_CLIENT_SECRET=0TJWC0w4JVNA_BrTtKaKizGomUrJH7DmGUE8pkBYVhcXlRQpIjSubczq0nQ_',
      ],
    },
  },
  {
    id: 'launchdarkly_access_token',
    category: 'system.authentication',
    description:
      'LaunchDarkly API access token or server SDK key (api- / sdk- + UUID) near launchdarkly / ld_api_key / ld_sdk_key.',
    keywords: ['launchdarkly', 'ld_api_key', 'ld_sdk_key', 'ld_access_token'],
    pattern:
      /(?<![A-Za-z0-9_-])(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 128,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'LD_SDK_KEY=sdk-8ae4610d-dcc0-1822-69a8-ac6cebed9b8f',
          match: 'sdk-8ae4610d-dcc0-1822-69a8-ac6cebed9b8f',
        },
        'const client = LaunchDarkly.init("sdk-3af7aef3-414c-4571-6ada-ab2b5f1377bf");',
      ],
      negative: [
        'request sdk-f55cb7a1-629a-a776-131a-4765bd65fcef completed in 32ms',
        'LD_SDK_KEY=sdk-f55cb7a1-629a-a776-131a-4765bd65',
      ],
    },
  },
  {
    id: 'fastly_api_token',
    category: 'system.authentication',
    description: 'Fastly API token: 32 base64url near fastly.',
    keywords: ['fastly'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'FASTLY_API_TOKEN=lkGMiKOrbug5nvurgGiA2ZyPc1nkxdg5',
          match: 'lkGMiKOrbug5nvurgGiA2ZyPc1nkxdg5',
        },
        'curl -H "Fastly-Key: 75bw5iHVHC0elLWMEJh224OzVN8pcNhL" https://api.fastly.com/service',
      ],
      negative: [
        'request hHz_shPd0yXd4Y8DfMPsIUTDkQpeCG0V completed in 32ms',
        'FASTLY_API_TOKEN=hHz_shPd0yXd4Y8DfMPsIUTDkQpe',
      ],
    },
  },
  {
    id: 'twitch_api_token',
    category: 'system.authentication',
    description: 'Twitch API OAuth token: 30 lower-case base36 near twitch.',
    keywords: ['twitch'],
    pattern: /(?<![A-Za-z0-9_-])[a-z0-9]{30}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3.8,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'TWITCH_OAUTH_TOKEN=fz31ya2ulrff8awdu6qrv6v6mdmci9',
          match: 'fz31ya2ulrff8awdu6qrv6v6mdmci9',
        },
        'curl https://api.twitch.tv/helix/users -H "Authorization: Bearer nus6ivx7i1gokk0nxfdmfw179n42n3"',
      ],
      negative: [
        'request hoz9gi3px378upq1z22p2z2dv1y5yj completed in 32ms',
        'TWITCH_OAUTH_TOKEN=hoz9gi3px378upq1z22p2z2dv1',
      ],
    },
  },
];
