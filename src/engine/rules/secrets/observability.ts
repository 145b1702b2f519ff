/** Error tracking and dashboards: Sentry, Grafana, Dynatrace, Rollbar. */
import type { Rule } from '../../types.js';
import { lettersAndDigits } from './helpers.js';

/** Sentry, Grafana, Dynatrace and Rollbar tokens. */
export const observabilityRules: readonly Rule[] = [
  {
    id: 'sentry_org_token',
    category: 'system.authentication',
    description: 'Sentry organization auth token (sntrys_eyJ + base64 payload + _ + 43 base64).',
    keywords: ['sntrys_'],
    pattern: /sntrys_eyJ[A-Za-z0-9+/]{40,600}={0,2}_[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'SENTRY_AUTH_TOKEN=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',
          match:
            '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',
        },
        'sentry-cli --auth-token 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 releases new 1.4.2',
      ],
      negative: [
        'truncated: sntrys_eyJpYXQiOjE3MTcyMzQ1NjcuMSwidXJsIjoiaHR0cHM6Ly9zZW end',
        'id=xyzsntrys_eyJpYXQiOjE3MTcyMzQ1NjcuMSwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8iLCJyZWdpb25fdXJsIjoiaHR0cHM6Ly91cy5zZW50cnkuaW8iLCJvcmciOiJhY21lIn0ltgu_Kap3EBkutZRS2hVrMlDsTeWeSkWHXn4+HblUC1SkNSd',
      ],
    },
  },
  {
    id: 'sentry_user_token',
    category: 'system.authentication',
    description: 'Sentry user auth token (sntryu_ + 64 hex).',
    keywords: ['sntryu_'],
    pattern: /sntryu_[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
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
        'truncated: sntryu_d27d725de06c393fdd4148d88db29acf6727e033c428d1d5a1dd65574209b end',
        'id=xyzsntryu_d27d725de06c393fdd4148d88db29acf6727e033c428d1d5a1dd65574209ba4d',
      ],
    },
  },
  {
    id: 'grafana_cloud_api_token',
    category: 'system.authentication',
    description: 'Grafana Cloud access policy / API token (glc_ + 32–400 base64).',
    keywords: ['glc_'],
    pattern: /glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential glc_eyJvIjoiOTg3NjU0IiwibiI6ImFjbWUtcHVzaCIsImsiOiIrLuBvS28r8n4makUiCtcAPWBIiwibSI6eyJyIjoidXMifX0= was rejected',
          match:
            'glc_eyJvIjoiOTg3NjU0IiwibiI6ImFjbWUtcHVzaCIsImsiOiIrLuBvS28r8n4makUiCtcAPWBIiwibSI6eyJyIjoidXMifX0=',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"glc_eyJvIjoiOTg3NjU0IiwibiI6ImFjbWUtcHVzaCIsImsiOiI3Fr4sGw2H3haoG6uBLREl7XnIiwibSI6eyJyIjoidXMifX0=","plan":"team"}}',
      ],
      negative: [
        'truncated: glc_eyJvIjoiOTg3NjU0IiwibiI6ImFjb end',
        'id=xyzglc_eyJvIjoiOTg3NjU0IiwibiI6ImFjbWUtcHVzaCIsImsiOiIRkved5Uz8wfw3yB5U5AHlPmSIiwibSI6eyJyIjoidXMifX0=',
      ],
    },
  },
  {
    id: 'grafana_service_account_token',
    category: 'system.authentication',
    description: 'Grafana service account token (glsa_ + 32 base62 + _ + 8 hex).',
    keywords: ['glsa_'],
    pattern: /glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'user pasted "glsa_SwpvADeddj8ye1OPGdjE78LK86vTsGY7_d829a9cb" into the support widget',
          match: 'glsa_SwpvADeddj8ye1OPGdjE78LK86vTsGY7_d829a9cb',
        },
        'export ACME_CREDENTIAL=glsa_mNj8pCPqiY13Uei13hcGoyQtgpPJ2F9P_084dff15',
      ],
      negative: [
        'truncated: glsa_roJs3JvIypKWrmvi4e65qwKqLeZBgYtk_32563 end',
        'id=xyzglsa_roJs3JvIypKWrmvi4e65qwKqLeZBgYtk_32563d41',
      ],
    },
  },
  {
    id: 'grafana_api_key',
    category: 'system.authentication',
    description: 'Legacy Grafana API key (eyJrIjoi, base64 of {"k":", + 70–400 base64).',
    keywords: ['eyjrijoi'],
    pattern: /eyJrIjoi[A-Za-z0-9+/]{70,400}={0,2}(?![A-Za-z0-9+/=_.-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: eyJrIjoibS79DKYBLGZhTdY6ZwoipUCPpUNLjctMd1WrFdFmIiwibiI6ImRhc2hib2FyZC1yZWFkZXIiLCJpZCI6MX0=" https://api.acme.dev/v2/projects',
          match:
            'eyJrIjoibS79DKYBLGZhTdY6ZwoipUCPpUNLjctMd1WrFdFmIiwibiI6ImRhc2hib2FyZC1yZWFkZXIiLCJpZCI6MX0=',
        },
        'Build log: loaded eyJrIjoiQZkgUHbM9YwbuF1003B3SofNPiLvc4n22Vs7cHNKIiwibiI6ImRhc2hib2FyZC1yZWFkZXIiLCJpZCI6MX0= from .env.production',
      ],
      negative: [
        'truncated: eyJrIjoisYCjnQcKloIUQPQJGN63NTioJT8bziwd6nHO11P2IiwibiI6ImRhc2hib2FyZC1yZWF end',
        'id=xyzeyJrIjoisYCjnQcKloIUQPQJGN63NTioJT8bziwd6nHO11P2IiwibiI6ImRhc2hib2FyZC1yZWFkZXIiLCJpZCI6MX0=',
      ],
    },
  },
  {
    id: 'dynatrace_api_token',
    category: 'system.authentication',
    description: 'Dynatrace API token (dt0c01. + 24 + . + 64 alphanumerics, upper case as issued).',
    keywords: ['dt0c01.'],
    pattern: /dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: dt0c01.2OIKTEND77L7J9I8VPJ63DSM.Q1YRZFUMF2GZKW64LYFKQPNN6A3TNSIO7DPU71UF2HUBTV3ZAA0TGN47F62K1G29" https://api.acme.dev/v2/projects',
          match:
            'dt0c01.2OIKTEND77L7J9I8VPJ63DSM.Q1YRZFUMF2GZKW64LYFKQPNN6A3TNSIO7DPU71UF2HUBTV3ZAA0TGN47F62K1G29',
        },
        'Build log: loaded dt0c01.YRFLL473DI5HJOZ1TZN43SYG.MTP2NP3ZNL18VBWV9ATCYMLTBPMCSIOFKK13L28SL9QOWJLO3ZOGOKLTK5IVY29S from .env.production',
      ],
      negative: [
        'truncated: dt0c01.2LYRWOSOKYNWLUXIMDL2HNUA.T2FZH96RURJTF119WD3CAA4CJ17RD2LE1MR36T9EWQT4URCGZOMJ3TNJYDSCI end',
        'id=xyzdt0c01.2LYRWOSOKYNWLUXIMDL2HNUA.T2FZH96RURJTF119WD3CAA4CJ17RD2LE1MR36T9EWQT4URCGZOMJ3TNJYDSCI3SX',
      ],
    },
  },
  {
    id: 'rollbar_access_token',
    category: 'system.authentication',
    description: 'Rollbar access token: 32 hex near rollbar.',
    keywords: ['rollbar'],
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
          text: 'ROLLBAR_ACCESS_TOKEN=fdb110685b8232d7db03ea53019b06fa',
          match: 'fdb110685b8232d7db03ea53019b06fa',
        },
        'curl https://api.rollbar.com/api/1/item/ -H "X-Rollbar-Access-Token: 41b8c94b8f7791585cc72da4c59ca676"',
      ],
      negative: [
        'request 71669b38b4dfbb73dcf2a391d4ea167e completed in 32ms',
        'ROLLBAR_ACCESS_TOKEN=71669b38b4dfbb73dcf2a391d4ea',
      ],
    },
  },
];
