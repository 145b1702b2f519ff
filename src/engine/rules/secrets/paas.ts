/**
 * PaaS and VPS platforms: Netlify, Vercel, Render, Railway, Linode, Vultr, Hetzner, and Firebase
 * Cloud Messaging server keys.
 */
import type { Rule } from '../../types.js';
import { lettersAndDigits, mixedCaseAlnum } from './helpers.js';

/** PaaS, VPS and push-messaging credentials. */
export const paasRules: readonly Rule[] = [
  {
    id: 'netlify_pat',
    category: 'system.authentication',
    description: 'Netlify personal access token (nfp_ + 36 base62).',
    keywords: ['nfp_'],
    pattern: /nfp_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: nfp_xXk2hlRRlF5N2pmWQH5ijmMhkMawqt5PFYic\n  script: make deploy',
          match: 'nfp_xXk2hlRRlF5N2pmWQH5ijmMhkMawqt5PFYic',
        },
        '[warn] found nfp_9PfdVSkdeOGxlXwHyUnycIIeEzUSAmHTijcs in request body of /api/v1/events',
      ],
      negative: [
        'truncated: nfp_EMjjmeHo0EUWbs218yVDfw9uC7XdYq2P5 end',
        'id=xyznfp_EMjjmeHo0EUWbs218yVDfw9uC7XdYq2P5K1f',
      ],
    },
  },
  {
    id: 'netlify_access_token',
    category: 'system.authentication',
    description: 'Netlify access token (older format): 40–46 base64url near netlify.',
    keywords: ['netlify'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,46}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'NETLIFY_AUTH_TOKEN=fue6dYCyP-W_1bydHXj1kN2aGGIsWGYpSkf4cxuOImt',
          match: 'fue6dYCyP-W_1bydHXj1kN2aGGIsWGYpSkf4cxuOImt',
        },
        'netlify deploy --prod --auth UZDq8V_k2xbn6rce6kc1UhsYXSnamw7yAV3tyMzq-OJ',
      ],
      negative: [
        'request zbygOelratPBfDpcqVlj0s4VfscvjVV0m_vbnMfYt3F completed in 32ms',
        'NETLIFY_AUTH_TOKEN=zbygOelratPBfDpcqVlj0s4VfscvjVV0m_vbnMf',
      ],
    },
  },
  {
    id: 'vercel_access_token',
    category: 'system.authentication',
    description: 'Vercel access token: 24 mixed-case base62 near vercel.',
    keywords: ['vercel'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{24}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 3.8,
    confidence: 0.7,
    examples: {
      positive: [
        { text: 'VERCEL_TOKEN=iI07DFDZnU9BVFarMg841PvM', match: 'iI07DFDZnU9BVFarMg841PvM' },
        'vercel deploy --prod --token=5iVGPbUEHCPf4HCWoIaMt9Su',
      ],
      negative: [
        'request 5wXm3NMcB0r5z3ivMHU5XSKA completed in 32ms',
        'VERCEL_TOKEN=5wXm3NMcB0r5z3ivMHU5',
      ],
    },
  },
  {
    id: 'render_api_key',
    category: 'system.authentication',
    description: 'Render API key (rnd_ + 32 base62).',
    keywords: ['rnd_'],
    pattern: /rnd_[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential rnd_ewiytzg06R4RtYqZ1FsEJbl5mQc6357L was rejected',
          match: 'rnd_ewiytzg06R4RtYqZ1FsEJbl5mQc6357L',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"rnd_JdriG7UL3aaf1McvIBwEo6535DoTYCnY","plan":"team"}}',
      ],
      negative: [
        'truncated: rnd_cV318VMNNScH0RF2QPR6c4EayJxhR end',
        'id=xyzrnd_cV318VMNNScH0RF2QPR6c4EayJxhRCR3',
      ],
    },
  },
  {
    id: 'railway_api_token',
    category: 'system.authentication',
    description: 'Railway API / project token: a UUID near railway_token / railway_api.',
    keywords: ['railway_token', 'railway_api', 'railway-token'],
    pattern:
      /(?<![A-Za-z0-9-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/g,
    anchor: 'window',
    near: 'credential',
    window: 64,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'RAILWAY_TOKEN=43080c54-8133-fb2d-97a1-a19fa20ecf52',
          match: '43080c54-8133-fb2d-97a1-a19fa20ecf52',
        },
        'RAILWAY_API_TOKEN="12a142ea-82ec-cb7c-f9ae-ad06004bb93c" railway up',
      ],
      negative: [
        'request 103c11da-805d-1710-166a-a722e0646218 completed in 32ms',
        'RAILWAY_TOKEN=103c11da-805d-1710-166a-a722e064',
      ],
    },
  },
  {
    id: 'linode_api_token',
    category: 'system.authentication',
    description: 'Linode (Akamai) API token: 64 hex near linode.',
    keywords: ['linode'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{64}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'LINODE_TOKEN=9cdd0f8ac8e10c0c7457f54330a7d80deb3ee2cdc750c8a508dc0ed4fd219c68',
          match: '9cdd0f8ac8e10c0c7457f54330a7d80deb3ee2cdc750c8a508dc0ed4fd219c68',
        },
        'linode-cli --token 2e4c94a120033733ea450132f0a7bc3686925b674d3428ae8949087d70b18a5e linodes list',
      ],
      negative: [
        'request 6265e23bf7449b20a7f72c515ba76badf33aa8d4a741726bf9b10cca414b8dd0 completed in 32ms',
        'LINODE_TOKEN=6265e23bf7449b20a7f72c515ba76badf33aa8d4a741726bf9b10cca414b',
      ],
    },
  },
  {
    id: 'vultr_api_key',
    category: 'system.authentication',
    description: 'Vultr API key: 36 upper-case alphanumerics near vultr.',
    keywords: ['vultr'],
    pattern: /(?<![A-Za-z0-9_-])[A-Z0-9]{36}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3.5,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'VULTR_API_KEY=S2U37GPM7Z6KHHBDAFS8DS1VCJ3YTQRMGWM6',
          match: 'S2U37GPM7Z6KHHBDAFS8DS1VCJ3YTQRMGWM6',
        },
        'curl "https://api.vultr.com/v2/account" -H "Authorization: Bearer HMNLDWYGNVWCR3HHTITU15OUUXVQKPHYTRG9"',
      ],
      negative: [
        'request EQMGGDP0TU9LWYXNWQ6NVBR3ITYDSTXJ70ES completed in 32ms',
        'VULTR_API_KEY=EQMGGDP0TU9LWYXNWQ6NVBR3ITYDSTXJ',
      ],
    },
  },
  {
    id: 'hetzner_api_token',
    category: 'system.authentication',
    description: 'Hetzner Cloud API token: 64 mixed-case base62 near hetzner / hcloud.',
    keywords: ['hetzner', 'hcloud'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{64}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'HCLOUD_TOKEN=Xkhc6O72IfHV1uVTlPyBaykmSN44TGvJMTHYbuMX7Aykr03ZOGK2tx7iswA0KcC0',
          match: 'Xkhc6O72IfHV1uVTlPyBaykmSN44TGvJMTHYbuMX7Aykr03ZOGK2tx7iswA0KcC0',
        },
        'hetzner cloud context token RBymWAxxrzEei2PPvLQ3ajHZHk9SsCLa3VHzM54GP1tjQUOu21ghAknxtltcmHXq',
      ],
      negative: [
        'request kJA9FpTfXkCYkdfa18DtaofUNA4fIQKzdcCPCKl5lledU6Z2nYU2AjqXBeMce5kn completed in 32ms',
        'HCLOUD_TOKEN=kJA9FpTfXkCYkdfa18DtaofUNA4fIQKzdcCPCKl5lledU6Z2nYU2AjqXBeMc',
      ],
    },
  },
  {
    id: 'firebase_fcm_server_key',
    category: 'system.authentication',
    description:
      'Firebase Cloud Messaging legacy server key (AAAA + 7 + :APA91b + 134 base64url); triggered by :APA91b.',
    keywords: [':apa91b'],
    pattern: /AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}(?![A-Za-z0-9_-])/y,
    offset: 11,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'Authorization: key=AAAAEQANR7i:APA91b36Yzz13PCE8RypjyPLlqE5t4w3--tSErVT_9TvSQ8ZrjYiHjQJYCDHbcqDjUjFgdcv-WoX78byDEbl5dvnCyU4bJNjX8Jw79UpsthaRfyKIdPZWeposIvVQ9VMASulHGLq67NF',
          match:
            'AAAAEQANR7i:APA91b36Yzz13PCE8RypjyPLlqE5t4w3--tSErVT_9TvSQ8ZrjYiHjQJYCDHbcqDjUjFgdcv-WoX78byDEbl5dvnCyU4bJNjX8Jw79UpsthaRfyKIdPZWeposIvVQ9VMASulHGLq67NF',
        },
        '{"fcm":{"server_key":"AAAAB3xf4fk:APA91b6QNk3fR5o90fCLaq7L3j3tiS9c1eJbNNvuPcVRrTuokovcV09YkoTB7dtjMyC2IHLZKzg0BdfiTHRdHSMtmhdIQu6eM6-B2861IpsEwXuSibZ6CYeb3aZvbxlk2QEOW4-R_Y8h"}}',
      ],
      negative: [
        'truncated: AAAAsfJpThb:APA91bIO5Pb56RHqrymZwx-DntHlM8nFP92sRnvnjuUeHOVs0MBr3RCr0T59d7Ji0khJRyLIHEHhakD-GTGzF44QZ48Z0iufyeShEKOp_HuyYPcsoRau1vMk7EmPB1Ie_nAAUG84e end',
        'id=xyzAAAAsfJpThb:APA91bIO5Pb56RHqrymZwx-DntHlM8nFP92sRnvnjuUeHOVs0MBr3RCr0T59d7Ji0khJRyLIHEHhakD-GTGzF44QZ48Z0iufyeShEKOp_HuyYPcsoRau1vMk7EmPB1Ie_nAAUG84e7JW',
      ],
    },
  },
];
