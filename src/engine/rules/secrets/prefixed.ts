/**
 * More provider tokens that carry their own prefix: developer platforms, data and workflow
 * services, and payment providers whose keys are recognizable without any context. Each is
 * triggered by its prefix, so the rules cost nothing on text that does not hold it.
 */
import type { Rule } from '../../types.js';

/** Prefixed tokens of developer platforms and SaaS services. */
export const prefixedRules: readonly Rule[] = [
  {
    id: 'cloudflare_scoped_api_token',
    category: 'system.authentication',
    description:
      'Cloudflare API token in the scannable format (cfut_ user / cfat_ account + 40 base62 + 8 hex checksum).',
    keywords: ['cfut_', 'cfat_'],
    pattern: /cf[ua]t_[A-Za-z0-9]{40}[a-f0-9]{8}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'export CLOUDFLARE_API_TOKEN=cfut_hjsuR55D3AH4RfaCc7oiB7GJUqM2KmZmZ2FV1H2B12b7b16f',
          match: 'cfut_hjsuR55D3AH4RfaCc7oiB7GJUqM2KmZmZ2FV1H2B12b7b16f',
        },
        '{"error":"zone list failed","token":"cfat_jXmjP3vdVyBlw5LGCBISOXZK5ImYL1L9b6P6xHPQ60b66b8f"}',
      ],
      negative: [
        'truncated: cfut_hjsuR55D3AH4RfaCc7oiB7GJUqM2KmZmZ2FV1H2B end',
        'cfut_hjsuR55D3AH4RfaCc7oiB7GJUqM2KmZmZ2FV1H2B12b7b16fXYZ',
      ],
    },
  },
  {
    id: 'cloudflare_scoped_global_api_key',
    category: 'system.authentication',
    description:
      'Cloudflare global API key in the scannable format (cfk_ + 40 base62 + 8 hex checksum).',
    keywords: ['cfk_'],
    pattern: /cfk_[A-Za-z0-9]{40}[a-f0-9]{8}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'X-Auth-Key: cfk_ZQlpCgeGDwy918ElscJbYWQt5gCKEP0EfAxl3fwp7687119e',
          match: 'cfk_ZQlpCgeGDwy918ElscJbYWQt5gCKEP0EfAxl3fwp7687119e',
        },
        'rotated the old key cfk_ZJ5WAO7n4HKcYYU29iIuKgx2nqyPQFyZarXx1EBF092f262c yesterday',
      ],
      negative: [
        'cfk_ZQlpCgeGDwy918ElscJbYWQt5gCKEP0EfAxl3fwp768711 (cut)',
        'xcfk_ZQlpCgeGDwy918ElscJbYWQt5gCKEP0EfAxl3fwp7687119e',
      ],
    },
  },
  {
    id: 'deno_deploy_token',
    category: 'system.authentication',
    description: 'Deno Deploy personal (ddp_) or organization (ddw_) access token + 36 base62.',
    keywords: ['ddp_', 'ddw_'],
    pattern: /dd[pw]_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'DENO_DEPLOY_TOKEN=ddp_21MuGB84hPNBuIyQL5KoPUZJ9MmlYEe82WUr deployctl deploy',
          match: 'ddp_21MuGB84hPNBuIyQL5KoPUZJ9MmlYEe82WUr',
        },
        'publish failed with ddw_5rg3TfobvQKadr1TARlsBDcHwZJQHP89BTHX',
      ],
      negative: ['ddp_21MuGB84hPNBuIyQL5KoPUZJ9MmlYE', 'addp_21MuGB84hPNBuIyQL5KoPUZJ9MmlYEe82WUr'],
    },
  },
  {
    id: 'endorlabs_api_key',
    category: 'system.authentication',
    description: 'Endor Labs API key (endr+ + 16 base62 or dashes).',
    keywords: ['endr+'],
    pattern: /(?<![A-Za-z0-9_-])endr\+[A-Za-z0-9-]{16}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'ENDOR_API_CREDENTIALS_KEY=endr+Xoynkq9rNZT9nrKT',
          match: 'endr+Xoynkq9rNZT9nrKT',
        },
        'scan setup: endr+hKmKmeeD4tvqECsC',
      ],
      negative: ['endr+Xoynkq9rNZT9', 'vendr+Xoynkq9rNZT9nrKT'],
    },
  },
  {
    id: 'fleetbase_api_key',
    category: 'system.authentication',
    description: 'Fleetbase API key (flb_live_ / flb_test_ + 20 base62).',
    keywords: ['flb_live_', 'flb_test_'],
    pattern: /flb_(?:live|test)_[A-Za-z0-9]{20}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'fleetbase client = new Fleetbase("flb_live_yGtETuY32r2jeQw1FkkZ")',
          match: 'flb_live_yGtETuY32r2jeQw1FkkZ',
        },
        'key=flb_test_WmS2aH9AdJDemaJFkHNb',
      ],
      negative: ['flb_live_yGtETuY32r2jeQw', 'flb_live_yGtETuY32r2jeQw1FkkZabc'],
    },
  },
  {
    id: 'flexport_api_key',
    category: 'system.authentication',
    description: 'Flexport API key (shltm_ + 40 base64url).',
    keywords: ['shltm_'],
    pattern: /shltm_[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'Authorization: Bearer shltm_GacI0YivdEjhsToqm9tRNB4db7ITKxHbQe89LnkB',
          match: 'shltm_GacI0YivdEjhsToqm9tRNB4db7ITKxHbQe89LnkB',
        },
        '{"flexport":"shltm_LrV1SIe6XOe7T0DUYCTho3JXCA2vNKTwFlAR8AkC"}',
      ],
      negative: ['shltm_GacI0YivdEjhsToqm9tRNB4db7ITK', 'shltm_' + 'a'.repeat(40)],
    },
  },
  {
    id: 'fullstory_api_key',
    category: 'system.authentication',
    description:
      'FullStory server API key (na1. / eu1. + about 100 base64); the browser snippet’s org id is not a key.',
    keywords: ['na1.', 'eu1.'],
    pattern: /(?<![A-Za-z0-9.-])(?:na|eu)1\.[A-Za-z0-9+/]{88,120}={0,2}(?![A-Za-z0-9+/=])/y,
    minEntropy: 4,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'FULLSTORY_API_KEY="na1.UCmNAOSL09rFuIB9fwTQcVuUFQhEV6hZKzDy8lIQfDT3LC1D++dCPXw3EsK85EUhuzxEhocoNx2/1W3PFeetCjBNz7nQJAYBeLvA"',
          match:
            'na1.UCmNAOSL09rFuIB9fwTQcVuUFQhEV6hZKzDy8lIQfDT3LC1D++dCPXw3EsK85EUhuzxEhocoNx2/1W3PFeetCjBNz7nQJAYBeLvA',
        },
        'Basic na1.kiUY19/nQQxU3jagYc/Zi9ND24UJRQxv98jU73ZCLksy8pknpaDHIB2K7FCwKIUfNIBmo5IujOB6SDI1dT1qMckWUd1x1nDkrnzP',
      ],
      negative: [
        'https://na1.salesforce.com/services/data/v59.0',
        'na1.UCmNAOSL09rFuIB9fwTQcVuUFQhEV6hZKzDy8lIQfDT3LC1D',
      ],
    },
  },
  {
    id: 'nvidia_api_key',
    category: 'system.authentication',
    description: 'NVIDIA API catalog / NGC key (nvapi- + 64 base64url).',
    keywords: ['nvapi-'],
    pattern: /nvapi-[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'NVIDIA_API_KEY=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',
          match: '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',
        },
        'client = OpenAI(base_url=url, api_key="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")',
      ],
      negative: ['nvapi-pVyZyglM7EaGmMBqh02YvoQrC_ULarU', 'nvapi-' + 'x'.repeat(64)],
    },
  },
  {
    id: 'nightfall_api_key',
    category: 'system.authentication',
    description: 'Nightfall AI API key (NF- + 32 base62).',
    keywords: ['nf-'],
    pattern: /(?<![A-Za-z0-9_-])NF-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'NIGHTFALL_API_KEY=NF-gG2wZ8vL6vKDcfoGVRDw1xCJIi8wTHZw',
          match: 'NF-gG2wZ8vL6vKDcfoGVRDw1xCJIi8wTHZw',
        },
        'scan request rejected for key NF-efSU6R5KHCd7fUBGbjPYhXAHBgbwi5pg',
      ],
      negative: ['CONF-gG2wZ8vL6vKDcfoGVRDw1xCJIi8wTHZw', 'NF-12345 ticket'],
    },
  },
  {
    id: 'pagarme_api_key',
    category: 'system.authentication',
    description: 'Pagar.me API key (ak_live_ / ak_test_ + 30 base62).',
    keywords: ['ak_live_', 'ak_test_'],
    pattern: /(?<![A-Za-z0-9])ak_(?:live|test)_[A-Za-z0-9]{30}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'pagarme.client.connect({ api_key: "ak_live_OuPJqj3Zv4y3BMqrrzCVB6aoIO3DH3" })',
          match: 'ak_live_OuPJqj3Zv4y3BMqrrzCVB6aoIO3DH3',
        },
        'PAGARME=ak_test_5RLHuCL3pyZdl5Z5OKHOws28uSsDXQ',
      ],
      negative: ['ak_live_OuPJqj3Zv4y3BMqrrzCVB6', 'pak_live_OuPJqj3Zv4y3BMqrrzCVB6aoIO3DH3'],
    },
  },
  {
    id: 'pubnub_secret_key',
    category: 'system.authentication',
    description: 'PubNub secret key (sec-c- + base64 of a UUID).',
    keywords: ['sec-c-'],
    pattern: /sec-c-[A-Za-z0-9+/]{44,60}={0,2}(?![A-Za-z0-9+/=])/y,
    minEntropy: 3.5,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'PUBNUB_SECRET_KEY=sec-c-MjJjN2NlMTctZjJmYi0xY2VkLThhY2EtOTMwOTQyNTRkYWVi',
          match: 'sec-c-MjJjN2NlMTctZjJmYi0xY2VkLThhY2EtOTMwOTQyNTRkYWVi',
        },
        'new PubNub({ secretKey: "sec-c-MDlhMmI1ZjMtNzc1Zi1jZjQzLTI1MTgtOWNhNTk4N2I0MTZj" })',
      ],
      negative: ['sec-c-MjJjN2NlMTctZjJmYi0x', 'sec-c-settings-page'],
    },
  },
  {
    id: 'pubnub_publish_key',
    category: 'system.authentication',
    description:
      'PubNub publish key (pub-c- + UUID); apps ship it, so reported at low confidence (it lets anyone publish).',
    keywords: ['pub-c-'],
    pattern: /pub-c-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/y,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'new PubNub({ publishKey: "pub-c-56874aea-0e12-4af0-a965-d87d7b326116", userId })',
          match: 'pub-c-56874aea-0e12-4af0-a965-d87d7b326116',
        },
        'PUBNUB_PUBLISH_KEY=pub-c-b0348327-d89b-47c4-9267-7740075a6bda',
      ],
      negative: ['pub-c-56874aea-0e12-4af0', 'pub-c-demo'],
    },
  },
  {
    id: 'ramp_api_secret',
    category: 'system.authentication',
    description: 'Ramp API client secret (ramp_sec_ + 48 base62).',
    keywords: ['ramp_sec_'],
    pattern: /ramp_sec_[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'RAMP_CLIENT_SECRET=ramp_sec_JYsVvavrwwmuHtIEyf0i3XxN9Z1FVKGRE1R5NbSFuQbDVUXJ',
          match: 'ramp_sec_JYsVvavrwwmuHtIEyf0i3XxN9Z1FVKGRE1R5NbSFuQbDVUXJ',
        },
        'client_secret=ramp_sec_cMSmSTGaJU4RqueCpqdwhZH4Xo6QAkOnCCgeaU8ojxuKXfXe&grant_type=client_credentials',
      ],
      negative: ['ramp_sec_JYsVvavrwwmuHtIEyf0i3XxN9Z1', 'ramp_sec_' + 'A'.repeat(48)],
    },
  },
  {
    id: 'rootly_api_key',
    category: 'system.authentication',
    description: 'Rootly API key (rootly_ + 64 hex).',
    keywords: ['rootly_'],
    pattern: /rootly_[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ROOTLY_API_TOKEN=rootly_e308b48bdfc66b5b6a7ea6035bc386c199781eed4b72c1391dbf5c750b941958',
          match: 'rootly_e308b48bdfc66b5b6a7ea6035bc386c199781eed4b72c1391dbf5c750b941958',
        },
        'incident hook failed: rootly_7fdf8b4f8f0eab27bbb8c47b030b974ca09d6cdd797facd682d75fdc47128cc6 rejected',
      ],
      negative: ['rootly_e308b48bdfc66b5b6a7ea6035bc386c1', 'rootly_incident_created'],
    },
  },
  {
    id: 'salesforce_refresh_token',
    category: 'system.authentication',
    description: 'Salesforce OAuth refresh token (5AEP861 + 80 or more base64-like characters).',
    keywords: ['5aep861'],
    pattern: /5AEP861[A-Za-z0-9._=]{79,255}[A-Za-z0-9=](?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'refresh_token: 5AEP861pFXBEI3iSLsr.flgGgxsdNMgVrM.T60L8yWB7pJ2PaMudm1DZaX22Xndp2KDRCHuSlhkBmkJ2artretnd8Y',
          match:
            '5AEP861pFXBEI3iSLsr.flgGgxsdNMgVrM.T60L8yWB7pJ2PaMudm1DZaX22Xndp2KDRCHuSlhkBmkJ2artretnd8Y',
        },
        '{"sf":"5AEP861zbxBgoGve4jxjCHh_jbF8x0WsdD3uyRIN6kxLc7Gdri0u8qrpdxLfBgDEJjB6U7rwKAD7qM6Dvk2NGWatcy"}',
      ],
      negative: ['5AEP861pFXBEI3iSLsr.flgGgxsdNMgVrM', 'id 5AEP8610000 order'],
    },
  },
  {
    id: 'sourcegraph_license_key',
    category: 'system.authentication',
    description: 'Sourcegraph license / Cody Gateway key (slk_ + 64 hex).',
    keywords: ['slk_'],
    pattern: /(?<![A-Za-z0-9_-])slk_[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'cody.gateway.key = slk_6ee00a0e3c5f78fed18fbc6de8abfef25187d0525dc468e1c7a1f073e82d7ef7',
          match: 'slk_6ee00a0e3c5f78fed18fbc6de8abfef25187d0525dc468e1c7a1f073e82d7ef7',
        },
        '"licenseKey":"slk_1da6fd32f0c5745718386f4e75f9d749e68d04404229b18afa45e8a1b2e71263"',
      ],
      negative: [
        'slk_6ee00a0e3c5f78fed18fbc6de8abfef2',
        'xslk_6ee00a0e3c5f78fed18fbc6de8abfef25187d0525dc468e1c7a1f073e82d7ef7',
      ],
    },
  },
  {
    id: 'ubidots_token',
    category: 'system.authentication',
    description: 'Ubidots API token (BBFF- + 30 base62).',
    keywords: ['bbff-'],
    pattern: /(?<![A-Za-z0-9_-])BBFF-[A-Za-z0-9]{30}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'X-Auth-Token: BBFF-MBzJCRQRRbnjtNw0s52YggOMQ1pyV1',
          match: 'BBFF-MBzJCRQRRbnjtNw0s52YggOMQ1pyV1',
        },
        'device setup with token BBFF-Gh6M75R50EFGnJTm8Avf0S52H99ih2 done',
      ],
      negative: ['BBFF-MBzJCRQRRbnjtNw0s52', 'color #BBFF-00'],
    },
  },
  {
    id: 'voiceflow_api_key',
    category: 'system.authentication',
    description: 'Voiceflow API key (VF. [DM. | WS.] + 24 hex + . + 16 base62).',
    keywords: ['vf.'],
    pattern:
      /(?<![A-Za-z0-9_-])VF\.(?:(?:DM|WS)\.)?[a-fA-F0-9]{24}\.[A-Za-z0-9]{16}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'Authorization: VF.DM.36ebd3a986404551d85993db.oe0W5y3FokptsMLp',
          match: 'VF.DM.36ebd3a986404551d85993db.oe0W5y3FokptsMLp',
        },
        'VOICEFLOW_API_KEY=VF.bf9dbdc922d96b87cae70ab8.YlXkXREvRAP1ETSX',
      ],
      negative: ['VF.DM.36ebd3a986404551d85993db', 'VF.DM.session.started'],
    },
  },
  {
    id: 'zoho_oauth_token',
    category: 'system.authentication',
    description: 'Zoho OAuth access or refresh token (1000. + 32 hex + . + 32 hex).',
    keywords: ['1000.'],
    pattern: /(?<![A-Za-z0-9_.-])1000\.[a-f0-9]{32}\.[a-f0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'Authorization: Zoho-oauthtoken 1000.6409bcd9461bcc7afe9f3d37c63ab9e5.cc6e9ac18c1d8dd67a8dfacf4d1b488e',
          match: '1000.6409bcd9461bcc7afe9f3d37c63ab9e5.cc6e9ac18c1d8dd67a8dfacf4d1b488e',
        },
        '{"refresh_token":"1000.031e13f89a5594f9a7c07d0eab6de267.56063906d34a27cea9ee0ac48281f8c1"}',
      ],
      negative: ['price 1000.50 EUR', '1000.6409bcd9461bcc7afe9f3d37c63ab9e5'],
    },
  },
  {
    id: 'vercel_blob_token',
    category: 'system.authentication',
    description:
      'Vercel Blob read-write token (vercel_blob_rw_ + 16 base62 store id + _ + 30 base62).',
    keywords: ['vercel_blob_rw_'],
    pattern: /vercel_blob_rw_[A-Za-z0-9]{16}_[A-Za-z0-9]{30}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'BLOB_READ_WRITE_TOKEN="vercel_blob_rw_74YQqQaRTdnvc05e_pu1IT9DIDof4wquysPfFGE6rt8atH0"',
          match: 'vercel_blob_rw_74YQqQaRTdnvc05e_pu1IT9DIDof4wquysPfFGE6rt8atH0',
        },
        'upload failed with vercel_blob_rw_qYGQyOAbvQBqY5LC_aZcXn1f5mAFl1CPH4qNGKanBisiEV0',
      ],
      negative: ['vercel_blob_rw_74YQqQaRTdnvc05e', 'vercel_blob_rw_token_missing'],
    },
  },
  {
    id: 'bannerbear_api_key',
    category: 'system.authentication',
    description: 'Bannerbear project (bb_pr_) or master (bb_ma_) API key + 30 hex.',
    keywords: ['bb_pr_', 'bb_ma_'],
    pattern: /(?<![A-Za-z0-9_-])bb_(?:pr|ma)_[a-f0-9]{30}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'BANNERBEAR_API_KEY=bb_pr_756672a66eeae451668ff3c72f60f9',
          match: 'bb_pr_756672a66eeae451668ff3c72f60f9',
        },
        'Authorization: Bearer bb_ma_103d6e1998841166231ab169e8d84a',
      ],
      negative: ['bb_pr_756672a66eeae451', 'bb_pr_merged_into_main'],
    },
  },
];
