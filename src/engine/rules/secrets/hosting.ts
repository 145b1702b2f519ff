/** Hosting and edge platforms: DigitalOcean, Heroku, Cloudflare, Fly.io. */
import type { Rule } from '../../types.js';
import { lettersAndDigits, mixedCaseAlnum } from './helpers.js';

/** DigitalOcean, Heroku, Cloudflare and Fly.io credentials. */
export const hostingRules: readonly Rule[] = [
  {
    id: 'digitalocean_pat',
    category: 'system.authentication',
    description: 'DigitalOcean personal access token (dop_v1_ + 64 hex).',
    keywords: ['dop_v1_'],
    pattern: /dop_v1_[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: dop_v1_a4a6c872c4fa5d98004870d39b92fa0504b6f87819dd694061ed433cb90132b1" https://api.acme.dev/v2/projects',
          match: 'dop_v1_a4a6c872c4fa5d98004870d39b92fa0504b6f87819dd694061ed433cb90132b1',
        },
        'Build log: loaded dop_v1_3edb93a74cf34648b72784d126edb6cae9d4a33e38c2dc90550e14b4e9798971 from .env.production',
      ],
      negative: [
        'truncated: dop_v1_b01816b017adb68f87f3e3f6820069d4e06ef35a9330f856e0729e7072b1e end',
        'id=xyzdop_v1_b01816b017adb68f87f3e3f6820069d4e06ef35a9330f856e0729e7072b1e63a',
      ],
    },
  },
  {
    id: 'digitalocean_oauth_token',
    category: 'system.authentication',
    description: 'DigitalOcean OAuth access token (doo_v1_ + 64 hex).',
    keywords: ['doo_v1_'],
    pattern: /doo_v1_[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated doo_v1_3a44a874201c389c00935994945fcc2b211f42449fbead32b36855deea4bd655 yesterday, please revoke the old one',
          match: 'doo_v1_3a44a874201c389c00935994945fcc2b211f42449fbead32b36855deea4bd655',
        },
        '<input type="hidden" name="cfg" value="doo_v1_2d68eec5182a3b7e892a6f46f4a749c24098d7a184a78098f88e60e342669164">',
      ],
      negative: [
        'truncated: doo_v1_cf020147f22c6ee1e9a02532eb3667b77af033edf59c8b49ee77d53890e42 end',
        'id=xyzdoo_v1_cf020147f22c6ee1e9a02532eb3667b77af033edf59c8b49ee77d53890e42c0b',
      ],
    },
  },
  {
    id: 'digitalocean_refresh_token',
    category: 'system.authentication',
    description: 'DigitalOcean OAuth refresh token (dor_v1_ + 64 hex).',
    keywords: ['dor_v1_'],
    pattern: /dor_v1_[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: dor_v1_a9f0c68f1e2fddb8796cc91fc81d140218776dd4b161824c30d7f029651f1ac7\n  script: make deploy',
          match: 'dor_v1_a9f0c68f1e2fddb8796cc91fc81d140218776dd4b161824c30d7f029651f1ac7',
        },
        '[warn] found dor_v1_0c0a1731f42ba70298db7f7d7582658cab6493813ef6dadf343b1427c448e417 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: dor_v1_1db7f1dfcb04fd4aca39c8f5f442779556aa33093d186c11d9a0639a5c535 end',
        'id=xyzdor_v1_1db7f1dfcb04fd4aca39c8f5f442779556aa33093d186c11d9a0639a5c535c08',
      ],
    },
  },
  {
    id: 'heroku_api_key',
    category: 'system.authentication',
    description: 'Heroku API key, current format (HRKU-AA + 58 base64url).',
    keywords: ['hrku-aa'],
    pattern: /HRKU-AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential HRKU-AAmge1BrWh9Nvopgxs6pagWyMFVKsBzzLIs6VV0Xvw9F-sqsUuo-XZeVmGr9 was rejected',
          match: 'HRKU-AAmge1BrWh9Nvopgxs6pagWyMFVKsBzzLIs6VV0Xvw9F-sqsUuo-XZeVmGr9',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"HRKU-AAvk7dRjpkrOb8WqB1NEVyWNfKYS_a3GCBvisB2dRirFvG66gjTz2pmqzni3","plan":"team"}}',
      ],
      negative: [
        'truncated: HRKU-AAN6bwULH-0FIJwNN0gmZMyhdArdjEPXp-ueM1LOyY9ZH7ku5RMh55pDp end',
        'id=xyzHRKU-AAN6bwULH-0FIJwNN0gmZMyhdArdjEPXp-ueM1LOyY9ZH7ku5RMh55pDptlg',
      ],
    },
  },
  {
    id: 'heroku_api_key_legacy',
    category: 'system.authentication',
    description: 'Legacy Heroku API key: a UUID near heroku_api_key / heroku_token.',
    keywords: ['heroku_api', 'heroku_key', 'heroku_token', 'heroku_auth', 'heroku-api'],
    pattern:
      /(?<![A-Za-z0-9-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/g,
    anchor: 'window',
    near: 'credential',
    window: 64,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'HEROKU_API_KEY=3af1e53a-88cb-28ae-8adc-4ff31559d194',
          match: '3af1e53a-88cb-28ae-8adc-4ff31559d194',
        },
        '{"heroku_token": "a0560795-dea2-7cd1-a449-20012641f66f"}',
      ],
      negative: [
        'request 936419f0-b092-cb1d-da31-023bca8514a8 completed in 32ms',
        'HEROKU_API_KEY=936419f0-b092-cb1d-da31-023bca85',
      ],
    },
  },
  {
    id: 'cloudflare_api_token',
    category: 'system.authentication',
    description: 'Cloudflare API token: 40 base64url near cloudflare / cf_api_token.',
    keywords: ['cloudflare', 'cf_api_token', 'cf_token'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'CLOUDFLARE_API_TOKEN=a1kuWegP__zLF1_cXR9zvtz5WDzAoN2MzOJ7aHaZ',
          match: 'a1kuWegP__zLF1_cXR9zvtz5WDzAoN2MzOJ7aHaZ',
        },
        'curl https://api.cloudflare.com/client/v4/user/tokens/verify -H "Authorization: Bearer 4cmzL6BVbU-l0WuJvRETomn-1Gj2h8YckHzIDrGn"',
      ],
      negative: [
        'request 02fK5LJmLvI3PkFjOgiMPU92tfulMVX_HWzHu3p9 completed in 32ms',
        'CLOUDFLARE_API_TOKEN=02fK5LJmLvI3PkFjOgiMPU92tfulMVX_HWzH',
      ],
    },
  },
  {
    id: 'cloudflare_global_api_key',
    category: 'system.authentication',
    description: 'Cloudflare global API key: 37 hex near cloudflare / X-Auth-Key.',
    keywords: ['cloudflare', 'cf_api_key', 'x-auth-key'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{37}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'CLOUDFLARE_API_KEY=a8e1db13b27a81904d41b7973ba1e786589b1',
          match: 'a8e1db13b27a81904d41b7973ba1e786589b1',
        },
        'curl -H "X-Auth-Email: ops@acme.io" -H "X-Auth-Key: 3cd77b5cfa41f88ddec380cb64f2f643d1567" https://api.cloudflare.com/client/v4/zones',
      ],
      negative: [
        'request 0f6515d43af28312f16b5daf4b5b557580fb5 completed in 32ms',
        'CLOUDFLARE_API_KEY=0f6515d43af28312f16b5daf4b5b55758',
      ],
    },
  },
  {
    id: 'cloudflare_origin_ca_key',
    category: 'system.authentication',
    description: 'Cloudflare Origin CA key (v1.0- + 24 hex + - + 146 hex).',
    keywords: ['v1.0-'],
    pattern: /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "v1.0-f1ad149ef82eafae5aa055d1-f74cfdb5b4de69c93d0eeffcb4bab6167ccf405c82908ebb9cffd28af3180fbc415a88cc3423823bba2547df42cdd21e93b0fe61a879ed862cf8eec1d8c7cc8352ab740de96c344ac6" into the support widget',
          match:
            'v1.0-f1ad149ef82eafae5aa055d1-f74cfdb5b4de69c93d0eeffcb4bab6167ccf405c82908ebb9cffd28af3180fbc415a88cc3423823bba2547df42cdd21e93b0fe61a879ed862cf8eec1d8c7cc8352ab740de96c344ac6',
        },
        'export ACME_CREDENTIAL=v1.0-41dfce51a91461344a9f17ca-677eabb58a565e7035ae1fe6565eb1e79309c294190dd66c8418f0b94f0ba772fc62abf8de4ed827e7a7a055c32a246582cb9f71f567600472cc11e91123dcfda2a116dc4ffa9e5471',
      ],
      negative: [
        'truncated: v1.0-182b72e81205fd40db7a1141-07b82c0ac324a11481e5c730fd30dcf6477a61ea1e7ef90c97f7ae20a01d97f314886ec9dbc3e74c63c47f2270267a4be576fe17c590d580b6f9ebc8bf873dcd3cb4969a3c18462 end',
        'id=xyzv1.0-182b72e81205fd40db7a1141-07b82c0ac324a11481e5c730fd30dcf6477a61ea1e7ef90c97f7ae20a01d97f314886ec9dbc3e74c63c47f2270267a4be576fe17c590d580b6f9ebc8bf873dcd3cb4969a3c184629fc',
      ],
    },
  },
  {
    id: 'fly_io_access_token',
    category: 'system.authentication',
    description: 'Fly.io access token (fo1_ + 43 base64url).',
    keywords: ['fo1_'],
    pattern: /fo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: fo1_mkC8sBLPkzHDBN5oiB4WRdoeR_nm7MPjg9CfESx4dF2" https://api.acme.dev/v2/projects',
          match: 'fo1_mkC8sBLPkzHDBN5oiB4WRdoeR_nm7MPjg9CfESx4dF2',
        },
        'Build log: loaded fo1_KGjSJ2zAlJ8sIHfUaoQ6wPonO6_4MNvV8CsSgresICZ from .env.production',
      ],
      negative: [
        'truncated: fo1_1TVHSo9MLV8WwGpuzBfm9V5EcCJhC8rK9ZwBOB2f end',
        'id=xyzfo1_1TVHSo9MLV8WwGpuzBfm9V5EcCJhC8rK9ZwBOB2fZ80',
      ],
    },
  },
  {
    id: 'fly_io_macaroon',
    category: 'system.authentication',
    description: 'Fly.io macaroon token (fm1a_ / fm1r_ / fm2_ + 100–3000 base64).',
    keywords: ['fm1a_', 'fm1r_', 'fm2_'],
    pattern: /(?:fm1[ar]|fm2)_[A-Za-z0-9+/]{100,3000}={0,3}(?![A-Za-z0-9+/=])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'FLY_API_TOKEN="FlyV1 fm2_ux42godAOL8CfndZGgfrMkZZwcbUJ1e9Kv1LslcG8L40EOJ6R0RQKIYHfQz1+IRl5cCTXYhHMq9iEMxh4wkoEEgwRIZT+46Wp4Zl++qJatsUTSJam98qluxvfn8Z/5wKXDGrroLAsGdHlPDS1/FBtLSFdADMnwq6vY1ct0Uaa36GUA69PIKFOvSjn08+Y8tN8HO20tKmOG49Jsad5L97CGBjIGxAVTgIchEK65RDrO1nYBFY"',
          match:
            'fm2_ux42godAOL8CfndZGgfrMkZZwcbUJ1e9Kv1LslcG8L40EOJ6R0RQKIYHfQz1+IRl5cCTXYhHMq9iEMxh4wkoEEgwRIZT+46Wp4Zl++qJatsUTSJam98qluxvfn8Z/5wKXDGrroLAsGdHlPDS1/FBtLSFdADMnwq6vY1ct0Uaa36GUA69PIKFOvSjn08+Y8tN8HO20tKmOG49Jsad5L97CGBjIGxAVTgIchEK65RDrO1nYBFY',
        },
        'fly deploy --access-token "FlyV1 fm2_inpJS/U5qEsHnvB7yPDEyLSLSWGZ9qDQ61kUcGxzWV+iOy6EjehZcFze3vQNUSTeLF9wxv1whsOWgPmZuxS9LYjLd+FABaTOMDm8ubthqsrhcpLKEaaVIVLp/JXyjwxXf3Pc/fzZRhr3Fdlkj2Pev3CH+e3T27Qig/WDzbGlN6hlKLemmgI4raDdAR89x0YNuiv1SZWDDxJeQpd40Ypq4Tqlt4lLnFAt9OT3YN1EwB8Ar0KY,fm2_HANuBIc/1CFLxbmDl0w4RDrNoG7GTwwSXJu7N3kQnhtGtcDLlvykoYDfTW4013RSOhC9sz0IRqlKCdWegkzYrTj2zBV8w9Ipx4Shzv5Gd0GwfFzFsYhPZ15VoR7ZOecHfz1IlYN8NH+toZd6757F5zXvzUhcih4YgyHy8k5IAVpkQC6a7grQZC90C8fywy7FgFPtsq2HeF5U1D1hLn6kqNSrCjrEJBou8KJwm8TGa7DqwHu2"',
      ],
      negative: [
        'truncated: fm2_dBUoRktYLYkVKy/cbp+zWmnDzzOpJTPquiCvzEblGEbgdmOaKHK/zCSGtbuS7Yv2tEVy0d9ghR1z20oW8ujYMHaVtyVFZJe6f end',
        'id=xyzfm2_dBUoRktYLYkVKy/cbp+zWmnDzzOpJTPquiCvzEblGEbgdmOaKHK/zCSGtbuS7Yv2tEVy0d9ghR1z20oW8ujYMHaVtyVFZJe6fCxNY+TevRFutGplzRxLaL3PU6Rn2xF+SXTLBzVZbXBsBch0FKocGdbBJQaJEUo5UofgxYs3GyRYKRuAZaLFJxXr4NU1mk61hL6kd5Lm5Ot+GOcaU4yZZO5Kr0P6R6v6pzZqS8BWoHIPL8gx',
      ],
    },
  },
];
