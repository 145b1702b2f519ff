/** Banking, payouts and shipping APIs: Plaid, Flutterwave, Lob, EasyPost, Shippo, Duffel. */
import type { Rule } from '../../types.js';
import { lettersAndDigits } from './helpers.js';

/** Fintech and shipping API credentials. */
export const fintechRules: readonly Rule[] = [
  {
    id: 'plaid_access_token',
    category: 'system.authentication',
    description:
      'Plaid item access token (access-sandbox- / access-development- / access-production- + UUID).',
    keywords: ['access-sandbox-', 'access-development-', 'access-production-'],
    pattern:
      /access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: access-production-090bf8a4-de9a-5412-3da5-5e5778589df3\n  script: make deploy',
          match: 'access-production-090bf8a4-de9a-5412-3da5-5e5778589df3',
        },
        '[warn] found access-production-f2156d26-c026-e024-95cf-dd86f86338d3 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: access-production-9ba24728-8dd9-ce47-2b34-82a97ccad end',
        'id=xyzaccess-production-9ba24728-8dd9-ce47-2b34-82a97ccadaae',
      ],
    },
  },
  {
    id: 'plaid_secret',
    category: 'system.authentication',
    description: 'Plaid API secret: 30 hex near plaid.',
    keywords: ['plaid'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{30}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'PLAID_SECRET=281bb69095715afe604f5eeb9c0467',
          match: '281bb69095715afe604f5eeb9c0467',
        },
        '{"client_id":"64ab12cd34ef56ab78cd90ef","secret":"9397552c955b78add2acbdc31c85ed"} // plaid /link/token/create',
      ],
      negative: [
        'request 80820cd22498e93d71ee6cf35bfb9f completed in 32ms',
        'PLAID_SECRET=80820cd22498e93d71ee6cf35b',
      ],
    },
  },
  {
    id: 'flutterwave_secret_key',
    category: 'system.authentication',
    description: 'Flutterwave secret key (FLWSECK- or FLWSECK_TEST- + 32 hex-like + -X).',
    keywords: ['flwseck'],
    pattern: /FLWSECK(?:_TEST)?-[a-h0-9]{32}-X(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential FLWSECK-b7gg84bghe0a448bd114a22ahfc7h7ha-X was rejected',
          match: 'FLWSECK-b7gg84bghe0a448bd114a22ahfc7h7ha-X',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"FLWSECK-591dcgg0b298hda4319e6614h92a318e-X","plan":"team"}}',
      ],
      negative: [
        'FLWPUBK-b02g19eg4gefegeb76072d710ha52eh0-X',
        'truncated: FLWSECK-13f5fahh12d135127h11e5745719680 end',
        'id=xyzFLWSECK-13f5fahh12d135127h11e57457196800-X',
      ],
    },
  },
  {
    id: 'lob_api_key',
    category: 'system.authentication',
    description: 'Lob API key (live_ / test_ + 35 hex) near lob.',
    keywords: ['lob_api', 'lob_key', 'lob_secret', 'lob.com', 'lob_live', 'lob_test'],
    pattern: /(?<![A-Za-z0-9_-])(?:live|test)_[a-f0-9]{35}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 128,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'LOB_API_KEY=live_04b8b58fdd62ab556cd51407ee5a9235e88',
          match: 'live_04b8b58fdd62ab556cd51407ee5a9235e88',
        },
        'curl https://api.lob.com/v1/addresses -u live_e9fa578751779e82ffebf806b9ba56821b8:',
      ],
      negative: [
        'request live_f47e922873dec91650371c6d97021923edb completed in 32ms',
        'LOB_API_KEY=live_f47e922873dec91650371c6d9702192',
      ],
    },
  },
  {
    id: 'easypost_api_key',
    category: 'system.authentication',
    description: 'EasyPost production or test API key (EZAK / EZTK + 54 base62).',
    keywords: ['ezak', 'eztk'],
    pattern: /EZ[AT]K[A-Za-z0-9]{54}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'user pasted "EZAKHa0Uw6Tmre3LGdZaEbdOZTlx1YdrcEb7Vq8hn2uWIuKxBCfJxpPAKi" into the support widget',
          match: 'EZAKHa0Uw6Tmre3LGdZaEbdOZTlx1YdrcEb7Vq8hn2uWIuKxBCfJxpPAKi',
        },
        'export ACME_CREDENTIAL=EZAKGSOS1FWqfc1GOBDb0r7vt99bpZTT6QK2jEouerd08siRgSzLhlslVJ',
      ],
      negative: [
        'truncated: EZAKiIalaDhysBNf8QEdwmOGNfgNLHj3TbTbARdTMOv20OvSdA9BnBD end',
        'id=xyzEZAKiIalaDhysBNf8QEdwmOGNfgNLHj3TbTbARdTMOv20OvSdA9BnBDO5C',
      ],
    },
  },
  {
    id: 'shippo_api_token',
    category: 'system.authentication',
    description: 'Shippo API token (shippo_live_ / shippo_test_ + 40 hex, either case).',
    keywords: ['shippo_live_', 'shippo_test_'],
    pattern: /shippo_(?:live|test)_[a-fA-F0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: shippo_live_1e6bdab06131668b183a0b7b43e2809f1445d458" https://api.acme.dev/v2/projects',
          match: 'shippo_live_1e6bdab06131668b183a0b7b43e2809f1445d458',
        },
        'Build log: loaded shippo_live_3504cadcbb5c1a2ded46cc69b1741a14f7568da3 from .env.production',
      ],
      negative: [
        'truncated: shippo_live_a278d47a358a10610ae3eeae27f85c9ecbed8 end',
        'id=xyzshippo_live_a278d47a358a10610ae3eeae27f85c9ecbed8ef2',
      ],
    },
  },
  {
    id: 'duffel_api_token',
    category: 'system.authentication',
    description: 'Duffel API token (duffel_live_ / duffel_test_ + 43 base64url).',
    keywords: ['duffel_live_', 'duffel_test_'],
    pattern: /duffel_(?:live|test)_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated duffel_live_GBDnT4hkR6DX4BphQEjgT0cUJbSk33Kti2nUB2c5Hw6 yesterday, please revoke the old one',
          match: 'duffel_live_GBDnT4hkR6DX4BphQEjgT0cUJbSk33Kti2nUB2c5Hw6',
        },
        '<input type="hidden" name="cfg" value="duffel_live_kIoMmwb1gYH8DN8xL7Ux6X4PkF9r2TyPIVgIlnQIk8k">',
      ],
      negative: [
        'truncated: duffel_live_ltZ-cDInLrGnBfoQA6gvCk_gC7vcpZVEnOyHfD2i end',
        'id=xyzduffel_live_ltZ-cDInLrGnBfoQA6gvCk_gC7vcpZVEnOyHfD2is2U',
      ],
    },
  },
];
