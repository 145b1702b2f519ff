/**
 * Infrastructure-as-code and secrets managers: Terraform Cloud, HashiCorp Vault, Doppler, Pulumi.
 */
import type { Rule } from '../../types.js';

/** Terraform, Vault, Doppler and Pulumi tokens. */
export const infraRules: readonly Rule[] = [
  {
    id: 'terraform_cloud_token',
    category: 'system.authentication',
    description:
      'Terraform Cloud / Enterprise API token (14 base62 + .atlasv1. + 60–70 base64url); triggered by .atlasv1.',
    keywords: ['.atlasv1.'],
    pattern: /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/y,
    offset: 14,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'credentials "app.terraform.io" { token = "OL8vuAdPIp1MeS.atlasv1.bgfllpxyifmE9ZGmZZ2XaCX052hhvZsvwY7o50KYO_VGzvK2U6HWUEPGGibr8daCaHB" }',
          match:
            'OL8vuAdPIp1MeS.atlasv1.bgfllpxyifmE9ZGmZZ2XaCX052hhvZsvwY7o50KYO_VGzvK2U6HWUEPGGibr8daCaHB',
        },
        'TFE_TOKEN=AWCVIwqF9jtXTH.atlasv1.ACkXwzMBeuRXsTy3ZjBqbvJQu5AmP6-UwS_hnfsYPHNUubs27nbNyOfNBN1b3dge0Ml',
      ],
      negative: [
        'truncated: TiUdQ2lexDgjFd.atlasv1.0fJB4eUtDtAU7Y44zw6ZATxmKLj5UJNxB7fVN3-sAC2yxwdETxvjjltG8 end',
        'id=xyzTiUdQ2lexDgjFd.atlasv1.0fJB4eUtDtAU7Y44zw6ZATxmKLj5UJNxB7fVN3-sAC2yxwdETxvjjltG87YUDF2dmwQ',
      ],
    },
  },
  {
    id: 'vault_service_token',
    category: 'system.authentication',
    description: 'HashiCorp Vault service token (hvs. + 24–200 base64url).',
    keywords: ['hvs.'],
    pattern: /hvs\.[A-Za-z0-9_-]{24,200}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'VAULT_TOKEN=hvs.CAESIj8dk2JrxA6Zx0YH30P5CjT4XL9uP7PjccompvlpttMK7nRZfOWz61KM9pLSGj0wb_shaDqm-xpOUUGePvlIaDT vault kv get secret/api',
          match:
            'hvs.CAESIj8dk2JrxA6Zx0YH30P5CjT4XL9uP7PjccompvlpttMK7nRZfOWz61KM9pLSGj0wb_shaDqm-xpOUUGePvlIaDT',
        },
        'X-Vault-Token: hvs.EtVEh5zUQRGOFiWseDDCEBNT',
      ],
      negative: [
        'truncated: hvs.CAESIhh9w7Z5TSGyrsq0B end',
        'id=xyzhvs.CAESIhh9w7Z5TSGyrsq0BXj_09_84zcTJMaWKyHb7gGK6so88s2FjqLyfonI3xQKkw9sRoch8jWuz5vl68i_6pIXcLq',
      ],
    },
  },
  {
    id: 'vault_batch_token',
    category: 'system.authentication',
    description: 'HashiCorp Vault batch token (hvb. + 138–300 base64url).',
    keywords: ['hvb.'],
    pattern: /hvb\.[A-Za-z0-9_-]{138,300}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'note: rotated hvb.AAAAAQLQdLjgYYtxriYgkcEtHXenYxT4laECQQ33LY6q8WPBOenth9gMZhzVksI8oEgR26B96gNtLa5NdYBQb-aKuMRi-Y_AJu_KIxIxYz_yE4duuM3EhTZlPClWHK0nbSxxE_NpfMFB77FAwkwLu7ZWh4EM yesterday, please revoke the old one',
          match:
            'hvb.AAAAAQLQdLjgYYtxriYgkcEtHXenYxT4laECQQ33LY6q8WPBOenth9gMZhzVksI8oEgR26B96gNtLa5NdYBQb-aKuMRi-Y_AJu_KIxIxYz_yE4duuM3EhTZlPClWHK0nbSxxE_NpfMFB77FAwkwLu7ZWh4EM',
        },
        '<input type="hidden" name="cfg" value="hvb.AAAAAQOoIeoRMu182al-AMuazGcatqkG7Sy2rZDwdsjxCptvEtKyK8J72HTml5AgHMlHCz-64b5bjP6c-vxk1l3AhYvk47kxl8bcVwJGVJE9W9pSUxfGEF11paoJgqlnZgWZl0GhB6RBJJrW_aVmdAtXGNEU">',
      ],
      negative: [
        'truncated: hvb.AAAAAQ8x7LEzFgx29doAM95PNUQMu7QQ2g7wOcbVAEEm0XmaGcj8Cg07VESu8vFwETtIgX4iwfE9LxpV8d32P6hoxraDr3yuOoGmKDFYkZTk1q_oWFqdxbFZE8XZavhq4MEfbGc end',
        'id=xyzhvb.AAAAAQ8x7LEzFgx29doAM95PNUQMu7QQ2g7wOcbVAEEm0XmaGcj8Cg07VESu8vFwETtIgX4iwfE9LxpV8d32P6hoxraDr3yuOoGmKDFYkZTk1q_oWFqdxbFZE8XZavhq4MEfbGcHEnoHAShMupiZQy78buh9',
      ],
    },
  },
  {
    id: 'doppler_personal_token',
    category: 'system.authentication',
    description: 'Doppler personal token (dp.pt. + 43 base62).',
    keywords: ['dp.pt.'],
    pattern: /dp\.pt\.[A-Za-z0-9]{43}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: dp.pt.tgS7xhWxzZLQ6fKBG4yytA7XRrB53RDI7OZTkxXlip6\n  script: make deploy',
          match: 'dp.pt.tgS7xhWxzZLQ6fKBG4yytA7XRrB53RDI7OZTkxXlip6',
        },
        '[warn] found dp.pt.ug7e0BP7qq7AVYl57BGvh4CD41nnFdyvRm2Vfnwlrkq in request body of /api/v1/events',
      ],
      negative: [
        'truncated: dp.pt.fIS2nAIKS8h4x57bJ5HJQWOnbBQacKihKSAxpleH end',
        'id=xyzdp.pt.fIS2nAIKS8h4x57bJ5HJQWOnbBQacKihKSAxpleHc2L',
      ],
    },
  },
  {
    id: 'doppler_service_token',
    category: 'system.authentication',
    description: 'Doppler service token (dp.st. + optional config name + . + 40–44 base62).',
    keywords: ['dp.st.'],
    pattern: /dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential dp.st.prd.KtHePfknxaGupyYxeWoSds2ipEyOdVnmmiPrWkfblL3 was rejected',
          match: 'dp.st.prd.KtHePfknxaGupyYxeWoSds2ipEyOdVnmmiPrWkfblL3',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"dp.st.prd.pYTqrbZu07GvlhUaABcqiKq0fNM97L4yKbiahc19G7k","plan":"team"}}',
      ],
      negative: [
        'truncated: dp.st.prd.oElEkjyCk0Eew94Go64RVo4Mt4Z8kbnvVs37d end',
        'id=xyzdp.st.prd.oElEkjyCk0Eew94Go64RVo4Mt4Z8kbnvVs37dR3ZCxj',
      ],
    },
  },
  {
    id: 'doppler_scim_audit_token',
    category: 'system.authentication',
    description: 'Doppler SCIM (dp.scim.) or audit (dp.audit.) token + 40–44 base62.',
    keywords: ['dp.scim.', 'dp.audit.'],
    pattern: /dp\.(?:scim|audit)\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'SCIM bearer token for the IdP: dp.scim.V2gNLrEoFlC39dHJti3OEidPbOTWIIjMsNpreCwknSv',
          match: 'dp.scim.V2gNLrEoFlC39dHJti3OEidPbOTWIIjMsNpreCwknSv',
        },
        'DOPPLER_AUDIT_TOKEN=dp.audit.k9N74BmP7R4dNua4mrBQ51p0y5B49EZzgzi9rHHQyfl',
      ],
      negative: [
        'truncated: dp.scim.V2gNLrEoFlC39dHJti3OEidPbO end',
        'id=xyzdp.scim.V2gNLrEoFlC39dHJti3OEidPbOTWIIjMsNpreCwknSvQQQ',
      ],
    },
  },
  {
    id: 'doppler_service_account_token',
    category: 'system.authentication',
    description: 'Doppler service account token (dp.sa. + 40–44 base62).',
    keywords: ['dp.sa.'],
    pattern: /dp\.sa\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'user pasted "dp.sa.aEeLui82h2owf5NjHd0qgDGYdYUfWZxmV1mQLHLb38C" into the support widget',
          match: 'dp.sa.aEeLui82h2owf5NjHd0qgDGYdYUfWZxmV1mQLHLb38C',
        },
        'export ACME_CREDENTIAL=dp.sa.63glR8acwwQamMXIVkwudwGCzcZ5FACKMahcGaGKG4o',
      ],
      negative: [
        'truncated: dp.sa.C1jqn933OkV3U1ObwikzZmj1ueFckWgwpu27d end',
        'id=xyzdp.sa.C1jqn933OkV3U1ObwikzZmj1ueFckWgwpu27dR7PUcf',
      ],
    },
  },
  {
    id: 'doppler_cli_token',
    category: 'system.authentication',
    description: 'Doppler CLI token (dp.ct. + 40–44 base62).',
    keywords: ['dp.ct.'],
    pattern: /dp\.ct\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: dp.ct.p76Frq4Sw0DWdEQhBMPrFADk9xZchxwryM6IxtWLfJh" https://api.acme.dev/v2/projects',
          match: 'dp.ct.p76Frq4Sw0DWdEQhBMPrFADk9xZchxwryM6IxtWLfJh',
        },
        'Build log: loaded dp.ct.l5D9ZJDGIWcR5KrhP3yNiyu80uBn70GMS5jE4CRiyU5 from .env.production',
      ],
      negative: [
        'truncated: dp.ct.OyawA1zGwhLtCDyCIdwXepUcUxzrzMdAIh5hI end',
        'id=xyzdp.ct.OyawA1zGwhLtCDyCIdwXepUcUxzrzMdAIh5hIwYVj87',
      ],
    },
  },
  {
    id: 'pulumi_access_token',
    category: 'system.authentication',
    description: 'Pulumi access token (pul- + 40 hex).',
    keywords: ['pul-'],
    pattern: /pul-[a-f0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'note: rotated pul-d7ebd22c0862f59e01ae90733dff46dd2afabb5f yesterday, please revoke the old one',
          match: 'pul-d7ebd22c0862f59e01ae90733dff46dd2afabb5f',
        },
        '<input type="hidden" name="cfg" value="pul-225286bebf40a5fd7f02f5bb405d22aba923ce59">',
      ],
      negative: [
        'truncated: pul-d74f2fc0e28cba44146237038b1468d78e847 end',
        'id=xyzpul-d74f2fc0e28cba44146237038b1468d78e847762',
      ],
    },
  },
];
