/**
 * Productivity and design SaaS: Linear, Notion, Figma, Contentful, Mapbox, Airtable, Asana,
 * Typeform, Frame.io, ClickUp.
 */
import type { Rule } from '../../types.js';
import { lettersAndDigits, mixedCaseAlnum, windowValue } from './helpers.js';

/** Productivity and design SaaS tokens. */
export const saasRules: readonly Rule[] = [
  {
    id: 'linear_api_key',
    category: 'system.authentication',
    description: 'Linear personal API key (lin_api_ + 40 base62).',
    keywords: ['lin_api_'],
    pattern: /lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated lin_api_aR6eYjb23dE5m77d8M72bu8nhPfEMJxosTa19Dns yesterday, please revoke the old one',
          match: 'lin_api_aR6eYjb23dE5m77d8M72bu8nhPfEMJxosTa19Dns',
        },
        '<input type="hidden" name="cfg" value="lin_api_1J6iuPRFU5ppRq6s8lJ9RHZgkYhum2EllsrOjCZo">',
      ],
      negative: [
        'truncated: lin_api_KyvoFEpIxj1v2SlRFUr0ZbkJzE7gkQAF3ApiX end',
        'id=xyzlin_api_KyvoFEpIxj1v2SlRFUr0ZbkJzE7gkQAF3ApiXm8U',
      ],
    },
  },
  {
    id: 'notion_integration_token',
    category: 'system.authentication',
    description: 'Notion integration token, current format (ntn_ + 11 digits + 35 base62).',
    keywords: ['ntn_'],
    pattern: /ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: 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\n  script: make deploy',
          match: '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',
        },
        '[warn] found 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 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: ntn_68076316204dzsvFDHkxgUoEgcGY994gxfRBcVx6xh2 end',
        'id=xyzntn_68076316204dzsvFDHkxgUoEgcGY994gxfRBcVx6xh2FGp',
      ],
    },
  },
  {
    id: 'notion_legacy_token',
    category: 'system.authentication',
    description: 'Notion integration token, legacy format (secret_ + 43 mixed-case base62).',
    keywords: ['secret_'],
    pattern: /secret_[A-Za-z0-9]{43}(?![A-Za-z0-9_-])/y,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential secret_xhk7Ulf8lCkdO3DUJUETPQzE6Wryaxlx66NQkyQ8Ajx was rejected',
          match: 'secret_xhk7Ulf8lCkdO3DUJUETPQzE6Wryaxlx66NQkyQ8Ajx',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"secret_psGYKJzFmA7B5cEJkL9f52RrsCacEIcpDog26AqRnSs","plan":"team"}}',
      ],
      negative: [
        'secret_santa_assignments_for_engineering_team',
        'top_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'truncated: secret_Pk200c00FTdvWThOgyoB2r0WOkNuwcUqpF2OK3U7 end',
        'id=xyzsecret_Pk200c00FTdvWThOgyoB2r0WOkNuwcUqpF2OK3U73HA',
      ],
    },
  },
  {
    id: 'figma_pat',
    category: 'system.authentication',
    description: 'Figma personal access token (figd_ + 40–44 base64url).',
    keywords: ['figd_'],
    pattern: /figd_[A-Za-z0-9_-]{40,44}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "figd_36tPFm_YrYVi4Bhs-m-bpRTZIs-_3oN67Iec0brBk" into the support widget',
          match: 'figd_36tPFm_YrYVi4Bhs-m-bpRTZIs-_3oN67Iec0brBk',
        },
        'export ACME_CREDENTIAL=figd_OnrcBh95mUVPJWRlaV7nHpnnUsRPxw_DB4L9Y8LF2',
      ],
      negative: [
        'truncated: figd_p1Ic06QaZoLhrUfXm1pz0X9gmJnreVHQIIPhV end',
        'id=xyzfigd_p1Ic06QaZoLhrUfXm1pz0X9gmJnreVHQIIPhV21_h',
      ],
    },
  },
  {
    id: 'contentful_pat',
    category: 'system.authentication',
    description: 'Contentful personal access token (CFPAT- + 43 base64url).',
    keywords: ['cfpat-'],
    pattern: /CFPAT-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: CFPAT-qS92v6t8potjOfxYjw8YNa4gGLkfhggSMRVS4HcLEM9" https://api.acme.dev/v2/projects',
          match: 'CFPAT-qS92v6t8potjOfxYjw8YNa4gGLkfhggSMRVS4HcLEM9',
        },
        'Build log: loaded CFPAT-t0kI3bCI77cTBewZPRKOTPvYO5Nq7TPgGNLVCO8VT0s from .env.production',
      ],
      negative: [
        'truncated: CFPAT-TffLUdRM7WL3cqVOCTmgqhCHcV3yvkujGQb9PZtK end',
        'id=xyzCFPAT-TffLUdRM7WL3cqVOCTmgqhCHcV3yvkujGQb9PZtKWTg',
      ],
    },
  },
  {
    id: 'mapbox_secret_token',
    category: 'system.authentication',
    description:
      'Mapbox secret access token (sk.eyJ… two base64url segments). Public pk. tokens are not reported.',
    keywords: ['sk.eyj'],
    pattern: /sk\.eyJ[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{20,40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'MAPBOX_SECRET_TOKEN=sk.eyJ1IjoiYWNtZW1hcHMiLCJhIjoiY2xqcjlib2J5bnM0ZzBqeDVsZ2YxYTlqdCJ9.jc3Xcv9XKP0fuKE93mmd-S',
          match:
            'sk.eyJ1IjoiYWNtZW1hcHMiLCJhIjoiY2xqcjlib2J5bnM0ZzBqeDVsZ2YxYTlqdCJ9.jc3Xcv9XKP0fuKE93mmd-S',
        },
        'mapbox upload acme.tiles data.mbtiles --token sk.eyJ1IjoiYWNtZW1hcHMiLCJhIjoiY2x6NjJydWNocmpjZnNtNXd6NzRvOWN1MCJ9.iMyujR6fIekUKBuCUtAonV',
      ],
      negative: [
        "mapboxgl.accessToken = 'pk.eyJ1IjoiYWNtZW1hcHMiLCJhIjoiY2wzdzFnczNxbmk4OTd0enQybTh1MWtiZyJ9.PPvBVywth23mgEIkaXumqr';",
        'sk.eyJ1IjoiYWNtZSJ9.short',
      ],
    },
  },
  {
    id: 'airtable_pat',
    category: 'system.authentication',
    description: 'Airtable personal access token (pat + 14 base62 + . + 64 hex).',
    keywords: ['pat'],
    pattern: /pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: patgvIDQGdx0Kyrz8.309c2c3889f3daec1a4e0b24d16867d43054e7b5d3df5d3cdba348e48cb93298\n  script: make deploy',
          match:
            'patgvIDQGdx0Kyrz8.309c2c3889f3daec1a4e0b24d16867d43054e7b5d3df5d3cdba348e48cb93298',
        },
        '[warn] found patQSs36tMYiDAARO.bdec59a6916e5173ab30dc6ccdf1db8c3953a804f184e0a7bc38e66f8ee8832e in request body of /api/v1/events',
      ],
      negative: [
        'patient.records.updated',
        'pathname.length',
        'truncated: patteoLFqSNgO9Z3o.d2ffddb870e183c67dadb5511a9c2d419964247a9d10788ef280ef8cf20a8 end',
        'id=xyzpatteoLFqSNgO9Z3o.d2ffddb870e183c67dadb5511a9c2d419964247a9d10788ef280ef8cf20a843a',
      ],
    },
  },
  {
    id: 'airtable_api_key',
    category: 'system.authentication',
    description: 'Legacy Airtable API key (key + 14 mixed-case base62) near airtable.',
    keywords: ['airtable'],
    pattern: /(?<![A-Za-z0-9_-])key[A-Za-z0-9]{14}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 128,
    validate: mixedCaseAlnum,
    confidence: 0.75,
    examples: {
      positive: [
        { text: 'AIRTABLE_API_KEY=keyI8udL1OMABzJZE', match: 'keyI8udL1OMABzJZE' },
        'curl https://api.airtable.com/v0/appXyZ/Table -H "Authorization: Bearer keyj0y1omdQUUswrD"',
      ],
      negative: ['request keyxyyLBWe5TqFifM completed in 32ms', 'AIRTABLE_API_KEY=keyxyyLBWe5Tq'],
    },
  },
  {
    id: 'asana_pat',
    category: 'system.authentication',
    description:
      'Asana personal access token (0/32 hex, or 1/ or 2/ + user id + : + 32 base62) near asana.',
    keywords: ['asana'],
    pattern:
      /(?<![A-Za-z0-9/])(?:[12]\/[0-9]{10,20}(?:\/[0-9]{10,20})?:[A-Za-z0-9]{32}|0\/[a-f0-9]{32})(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 128,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'ASANA_PAT=2/6574249640147744/7557585927948141:d8e64d7616e5382394ef81644757f770',
          match: '2/6574249640147744/7557585927948141:d8e64d7616e5382394ef81644757f770',
        },
        'curl https://app.asana.com/api/1.0/users/me -H "Authorization: Bearer 2/4726552094257210/9722051505265780:6645d7a49811a29d04314526f0bc7184"',
      ],
      negative: [
        'request 2/6564340828200836/9926848152938421:482b462c14c4b9212820bd943e95634b completed in 32ms',
        'ASANA_PAT=2/6564340828200836/9926848152938421:482b462c14c4b9212820bd943e95',
      ],
    },
  },
  {
    id: 'typeform_pat',
    category: 'system.authentication',
    description: 'Typeform personal access token (tfp_ + 59 base64url / . / =).',
    keywords: ['tfp_'],
    pattern: /tfp_[A-Za-z0-9_.=-]{59}(?![A-Za-z0-9_.=-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: tfp_Zeo9e7cxciQTkb1tDCp7K3OJT5-DGjaYysMeE82wlwQ4_wWLDA35RtjlmZs" https://api.acme.dev/v2/projects',
          match: 'tfp_Zeo9e7cxciQTkb1tDCp7K3OJT5-DGjaYysMeE82wlwQ4_wWLDA35RtjlmZs',
        },
        'Build log: loaded tfp_LQCcsvUNyp2NqX43bO8gHjdyesRJsGXvc9ymaBFKfCxz_WFALnH9CS8PV5n from .env.production',
      ],
      negative: [
        'truncated: tfp_PgIiDSOPRpmJ3h0_Q9WClZprCdWF4o5j0hSo8H6ip87j_ipcOJNkuyF5 end',
        'id=xyztfp_PgIiDSOPRpmJ3h0_Q9WClZprCdWF4o5j0hSo8H6ip87j_ipcOJNkuyF5C3y',
      ],
    },
  },
  {
    id: 'frameio_api_token',
    category: 'system.authentication',
    description: 'Frame.io developer token (fio-u- + 64 base64url / =).',
    keywords: ['fio-u-'],
    pattern: /fio-u-[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'note: rotated fio-u-u_qfJGc0e68dsWzkCSfYmq68zrDQ0wNvBPNg0BZMgGP58k6qP8NSxOtta3G04pFo yesterday, please revoke the old one',
          match: 'fio-u-u_qfJGc0e68dsWzkCSfYmq68zrDQ0wNvBPNg0BZMgGP58k6qP8NSxOtta3G04pFo',
        },
        '<input type="hidden" name="cfg" value="fio-u-CxXL0RM4bt9aXof5QS1EafNOLJAJlhNqlD-FPPymIlmYp6Fcmk88JAN_euQ8Hlii">',
      ],
      negative: [
        'truncated: fio-u-5aGzAi8e6DvRj5qugt616FzCAB3_xaZz7MqVaWoGp53rWxNSXwmixklVxARFZ end',
        'id=xyzfio-u-5aGzAi8e6DvRj5qugt616FzCAB3_xaZz7MqVaWoGp53rWxNSXwmixklVxARFZQgS',
      ],
    },
  },
  {
    id: 'clickup_api_token',
    category: 'system.authentication',
    description:
      'ClickUp personal API token (pk_ + 6–10 digits + _ + 32 upper-case alphanumerics).',
    keywords: ['pk_'],
    pattern: /pk_[0-9]{6,10}_[A-Z0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: pk_82506173_LPZBPJ1D1HF4QB6NPB8DQ8VQUVT0GXCK" https://api.acme.dev/v2/projects',
          match: 'pk_82506173_LPZBPJ1D1HF4QB6NPB8DQ8VQUVT0GXCK',
        },
        'Build log: loaded pk_63727658_S036LCKZMGPR0IZI0D66SPAIHW0A9L64 from .env.production',
      ],
      negative: [
        'pk_live_51HqLyjWDarjtT1zdp7dcXcQ1Jx0Ck',
        'truncated: pk_09045597_QJQEPF12K8BX4D78TFTUSFKQ6Z6YQ end',
        'id=xyzpk_09045597_QJQEPF12K8BX4D78TFTUSFKQ6Z6YQUZX',
      ],
    },
  },
  {
    id: 'asana_client_secret',
    category: 'system.authentication',
    description: 'Asana OAuth client secret: 32 base62 near asana.',
    keywords: ['asana'],
    pattern: windowValue('[A-Za-z0-9]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.2,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'ASANA_CLIENT_SECRET=a6b586192f59757ce9ed7bf0869a6bf0',
          match: 'a6b586192f59757ce9ed7bf0869a6bf0',
        },
        'asana oauth app "Acme Sync": client secret be674fee7b9debd7849185a195740003',
      ],
      negative: [
        'asana task a6b586192f59757ce9ed7bf0869a6bf0 moved to Done',
        'ASANA_CLIENT_SECRET=be674fee7b9debd7849185a1',
      ],
    },
  },
  {
    id: 'linear_client_secret',
    category: 'system.authentication',
    description:
      'Linear OAuth client secret: 32 hex near linear_client / linear_oauth / linear_secret (not the bare word linear, which is CSS and prose).',
    // The bare word is `linear-gradient(` in every style sheet and common in prose, and the
    // assignment guard takes `linear-gradient(` for a call: only credential-shaped names trigger.
    keywords: [
      'linear_client',
      'linear-client',
      'linearclient',
      'linear_oauth',
      'linear-oauth',
      'linear_secret',
      'linear-secret',
      'linear_webhook',
    ],
    pattern: windowValue('[a-f0-9]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'LINEAR_CLIENT_SECRET=bef0942468267e44487d94a565b56588',
          match: 'bef0942468267e44487d94a565b56588',
        },
        'linear_oauth:\n  client_id: 9a8b7c6d\n  client_secret: 61b2c69a974017291d0feb578a9f282c',
      ],
      negative: [
        'background: linear-gradient(90deg, #fff, #000); checksum bef0942468267e44487d94a565b56588',
        'linear_client_id=61b2c69a974017291d0feb578a9f282g',
        'LINEAR_CLIENT_SECRET=61b2c69a974017291d0feb57',
      ],
    },
  },
];
