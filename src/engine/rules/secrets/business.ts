/** Business SaaS: Jira, Confluence, HubSpot, Intercom, Zendesk, Adobe, Salesforce, Dropbox. */
import type { Rule } from '../../types.js';
import { isDropboxLongLived, lettersAndDigits, mixedCaseAlnum, windowValue } from './helpers.js';

/** CRM, support and business SaaS tokens. */
export const businessRules: readonly Rule[] = [
  {
    id: 'jira_api_token',
    category: 'system.authentication',
    description: 'Jira (Atlassian) API token, legacy 24-character format, near jira.',
    keywords: ['jira'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{24}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 3.8,
    confidence: 0.7,
    examples: {
      positive: [
        { text: 'JIRA_API_TOKEN=ndKlIeT75Sd4ifAKLoHsIIHI', match: 'ndKlIeT75Sd4ifAKLoHsIIHI' },
        'curl -u ops@acme.io:3yTQZOhZk7smBgZQT6OkAQlq https://acme.atlassian.net/rest/api/3/myself  # jira',
      ],
      negative: [
        'request FBGRR2F8xwswdk8aOFJvJR3J completed in 32ms',
        'JIRA_API_TOKEN=FBGRR2F8xwswdk8aOFJv',
      ],
    },
  },
  {
    id: 'confluence_api_token',
    category: 'system.authentication',
    description: 'Confluence (Atlassian) API token, legacy 24-character format, near confluence.',
    keywords: ['confluence'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{24}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 3.8,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'CONFLUENCE_API_TOKEN=cr94oZZDnyXDleDG6FUr3o6G',
          match: 'cr94oZZDnyXDleDG6FUr3o6G',
        },
        'confluence export --token 526Z0GZTzLzThecZC7RR6JqW',
      ],
      negative: [
        'request xBvgAQbMDBalZ9oj7vevA7aT completed in 32ms',
        'CONFLUENCE_API_TOKEN=xBvgAQbMDBalZ9oj7vev',
      ],
    },
  },
  {
    id: 'hubspot_private_app_token',
    category: 'system.authentication',
    description: 'HubSpot private app token (pat-na1- / pat-eu1- / pat-ap1- + UUID).',
    keywords: ['pat-na', 'pat-eu', 'pat-ap'],
    pattern:
      /pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential pat-na1-5f4e5fb5-b7ff-f91b-11e4-dcf639987529 was rejected',
          match: 'pat-na1-5f4e5fb5-b7ff-f91b-11e4-dcf639987529',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"pat-na1-068fa22f-73c3-2a44-e336-b73774128b54","plan":"team"}}',
      ],
      negative: [
        'truncated: pat-na1-830384e2-1b0c-0c89-e5ff-8308e9566 end',
        'id=xyzpat-na1-830384e2-1b0c-0c89-e5ff-8308e9566ad6',
      ],
    },
  },
  {
    id: 'hubspot_api_key',
    category: 'system.authentication',
    description: 'Legacy HubSpot API key (hapikey): a UUID near hubspot / hapikey.',
    keywords: ['hubspot', 'hapikey'],
    pattern:
      /(?<![A-Za-z0-9-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/g,
    anchor: 'window',
    near: 'credential',
    window: 64,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'HUBSPOT_API_KEY=72c60e31-1239-518e-b301-c5727e2cf231',
          match: '72c60e31-1239-518e-b301-c5727e2cf231',
        },
        'https://api.hubapi.com/contacts/v1/lists/all/contacts/all?hapikey=fc6618a3-e844-0677-415c-dd59501fc410',
      ],
      negative: [
        'request 08e7c18c-3173-cd52-34aa-22b5549da85c completed in 32ms',
        'HUBSPOT_API_KEY=08e7c18c-3173-cd52-34aa-22b5549d',
      ],
    },
  },
  {
    id: 'intercom_access_token',
    category: 'system.authentication',
    description: 'Intercom access token (base64 of "tok:…": dG9rO + 40–100 base64).',
    keywords: ['dg9ro'],
    pattern: /dG9rO[g-v][A-Za-z0-9+/]{40,100}={0,2}(?![A-Za-z0-9+/=_-])/y,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'INTERCOM_ACCESS_TOKEN=dG9rOjk0MzJkMGQzLWIxN2QtZjRiNS1kZjk0LWZjYTY3YWNjMDU5MToxOjA=',
          match: 'dG9rOjk0MzJkMGQzLWIxN2QtZjRiNS1kZjk0LWZjYTY3YWNjMDU5MToxOjA=',
        },
        'Authorization: Bearer dG9rOmFiZjI1MDQ5LWIwYjEtNWE5ZS05MzU2LTViZjI1M2RhYzUzZjoxOjA=',
      ],
      negative: ['dG9rOg==', 'dG9rOjAAAAAAAAAA'],
    },
  },
  {
    id: 'zendesk_api_token',
    category: 'system.authentication',
    description: 'Zendesk API token: 40 mixed-case base62 near zendesk.',
    keywords: ['zendesk'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'ZENDESK_API_TOKEN=6wgB2AKkh8SdNdnqUVtn5O1HC8puA77epsVgqaqC',
          match: '6wgB2AKkh8SdNdnqUVtn5O1HC8puA77epsVgqaqC',
        },
        'curl https://acme.zendesk.com/api/v2/users.json -u agent@acme.io/token:O6DI08Z540Vuwiq7oh229evKWXYk0E1vRw9jIuM9',
      ],
      negative: [
        'request jLYOKLMGSk226YvMM55z4phYWIuq4CO1H8Ze0hrw completed in 32ms',
        'ZENDESK_API_TOKEN=jLYOKLMGSk226YvMM55z4phYWIuq4CO1H8Ze',
      ],
    },
  },
  {
    id: 'adobe_client_secret',
    category: 'system.authentication',
    description: 'Adobe developer console client secret (p8e- + 32 base62).',
    keywords: ['p8e-'],
    pattern: /p8e-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: p8e-hBXOUJU09hog55ZRWzpSTA7NtsCoEn8n\n  script: make deploy',
          match: 'p8e-hBXOUJU09hog55ZRWzpSTA7NtsCoEn8n',
        },
        '[warn] found p8e-NmexnACVaw543uL6TuQVplwDd5PCv7S3 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: p8e-GWhJxju24CVexmbzGc9XF8YNECCum end',
        'id=xyzp8e-GWhJxju24CVexmbzGc9XF8YNECCumeGy',
      ],
    },
  },
  {
    id: 'salesforce_access_token',
    category: 'system.authentication',
    description: 'Salesforce session / OAuth access token (00D org id + ! + 80–120 chars).',
    keywords: ['00d'],
    pattern: /00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,120}(?![A-Za-z0-9._-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential 00DfF4nU5XYjlCQ5VM!AQ5bPARwguJHrRQf0mZnxnj1Zg6k6lhhgfxMibb6dEgtHNEotExEzXcmOctCvwvFMVBCngeYZIXpghFpeYiMOa6F3ThJ4iplDR was rejected',
          match:
            '00DfF4nU5XYjlCQ5VM!AQ5bPARwguJHrRQf0mZnxnj1Zg6k6lhhgfxMibb6dEgtHNEotExEzXcmOctCvwvFMVBCngeYZIXpghFpeYiMOa6F3ThJ4iplDR',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"00Dht4EtkJcrcmojVH!AQZZXVXcNN2bQKYgMLBrNxYr9oWk3nhJLZBg86PkC40vIVU0FQ8cOPwUHmI7Y4ahwTS55bJnNMvib1HRIf6tgu9FUBlIDOjG64","plan":"team"}}',
      ],
      negative: [
        'truncated: 00D12DA7tOT5YJ9xnr!AQq3eNt5qHF6xl7OyjTAj5dERDZwsWF8xNiKtO9AGGdc0MfqAp6u1eGnRCNTogdq7prfjHWvRfEeD7 end',
        'id=xyz00D12DA7tOT5YJ9xnr!AQq3eNt5qHF6xl7OyjTAj5dERDZwsWF8xNiKtO9AGGdc0MfqAp6u1eGnRCNTogdq7prfjHWvRfEeD76NRipLiGdNGRSTxI8XMK',
      ],
    },
  },
  {
    id: 'dropbox_access_token',
    category: 'system.authentication',
    description: 'Dropbox short-lived access token (sl. or sl.u. + 130–1500 base64url).',
    keywords: ['sl.'],
    pattern: /sl\.(?:u\.)?[A-Za-z0-9_-]{130,1500}(?![A-Za-z0-9_-])/y,
    minEntropy: 4,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'user pasted "sl.u.XrNIyq0Ukg_0L2mjsa-lCKnmviXjp00BVK7R0YidlYcmHbV0C7MBluHv96wH1JvMjZjntXJD0pR5VEfhN40Sjfrg7dKRsQv8lYmz3W4ka1kXk-kX8eB7y7gUjUtZ5NBFQ83SoXWWuPJnt1fOqObSNd6DP8chzM6zZ7mFvOAonMZt1ofSZVbnphHKmx09_EJl-FUH9s4dfZsYzD3XLdJg-F6T9BEH-9pIv-tCz7_vMnFkaR2nZmCLIOxwu-zJouGu_3iDxsZppDES5f9Oeyod1C3J_2O4OzHkaiR0BVXruP2K" into the support widget',
          match:
            'sl.u.XrNIyq0Ukg_0L2mjsa-lCKnmviXjp00BVK7R0YidlYcmHbV0C7MBluHv96wH1JvMjZjntXJD0pR5VEfhN40Sjfrg7dKRsQv8lYmz3W4ka1kXk-kX8eB7y7gUjUtZ5NBFQ83SoXWWuPJnt1fOqObSNd6DP8chzM6zZ7mFvOAonMZt1ofSZVbnphHKmx09_EJl-FUH9s4dfZsYzD3XLdJg-F6T9BEH-9pIv-tCz7_vMnFkaR2nZmCLIOxwu-zJouGu_3iDxsZppDES5f9Oeyod1C3J_2O4OzHkaiR0BVXruP2K',
        },
        'export ACME_CREDENTIAL=sl.u.ZVC2paNViJsKZrAlRQ6yUirbYDK3_vlUjg7NX8bof28ovF35WwEM7OKxCrQbgCKcu58iSUtuw4ZNF93oOMlfBDeIO5ZdU6huDbHf5Fm_v4yCd0dF-e0gW-P-s05RQH7r-i9dXc0zsXWvNDjXfA9nDZQIcIawZj_3DwC1gXOHksnkWSf17mM1ogI2a8NN2pqeTdJVjAokDEqWyWyymUTzEnaan8sTOnByjMZ-ADFHC-iTfReGlkSmMADJE-AQ1LyaFbCu_kHpgG8TVGH3noqkpGvbvcIX8UinoGcluGJ-FZxo',
      ],
      negative: [
        'truncated: sl.u.C9sV5smtGocVX5E-lHVXTzB5gcD3sPwKhuTc7IbJg43EpjkXZfyFbChgL_dpzgfAtSM7KbwNb4uoEtKH6d3wHHUCQ16jGsceyX__Vd0Hm48_EefZgGucwJyQ6AoYN end',
        'id=xyzsl.u.C9sV5smtGocVX5E-lHVXTzB5gcD3sPwKhuTc7IbJg43EpjkXZfyFbChgL_dpzgfAtSM7KbwNb4uoEtKH6d3wHHUCQ16jGsceyX__Vd0Hm48_EefZgGucwJyQ6AoYNXDeg19AK-z2zMeAs_1_z_DGdet7-h7uaTvd07MzhjYeV44Cofsn5EK2xXdOV8Cd7hlfXUx5MDPujTFd2EO4EdyGUluEPMiCDDjcONpkVVPYjqaeKayp6FvS1pP0wsp334WcnAXDsqjZKZh7rYvaZQlcJF3LAS_kRyLsLqVOBp4SZDUr',
      ],
    },
  },
  {
    id: 'dropbox_long_lived_token',
    category: 'system.authentication',
    description:
      'Dropbox legacy long-lived access token (11 base62 + AAAAAAAAAA + 43 base64url) near dropbox.',
    // The run of ten `A`s at offset 11 is a shape of its own (no `near` guard), but it stays on its
    // keyword: see ngrok_authtoken in keyed.ts for why it does not take a base64-run trigger yet.
    keywords: ['dropbox'],
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9]{11}A{10}[A-Za-z0-9_=-]{43}(?![A-Za-z0-9+/=_-])/g,
    anchor: 'window',
    validate: isDropboxLongLived,
    // The ten `A`s are part of the format: the generic placeholder filter (runs of 6) would
    // reject every token; `isDropboxLongLived` checks the other 54 characters instead.
    placeholders: false,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'DROPBOX_ACCESS_TOKEN=NMpz6QeDNKIAAAAAAAAAAgOXeK9CT3V4vkXjHZJYd8nf-h09bbIN945FdNTuC__a',
          match: 'NMpz6QeDNKIAAAAAAAAAAgOXeK9CT3V4vkXjHZJYd8nf-h09bbIN945FdNTuC__a',
        },
        {
          text: 'client = dropbox.Dropbox("57c4GnyqASlAAAAAAAAAAN1RPGz0tQqBeMsiP-EUH_NL5bRKN-2sgbZg9rTf_K_6")',
          match: '57c4GnyqASlAAAAAAAAAAN1RPGz0tQqBeMsiP-EUH_NL5bRKN-2sgbZg9rTf_K_6',
        },
        'dropbox token: u3iIVjyHC0LAAAAAAAAAAnB0foVDoRjs81wcA3ZMrjArJNIfDxVw1ZW_3vEsRUBQ',
      ],
      negative: [
        'request NMpz6QeDNKIAAAAAAAAAAgOXeK9CT3V4vkXjHZJYd8nf-h09bbIN945FdNTuC__a completed',
        'dropbox request AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA completed',
        'dropbox truncated: NMpz6QeDNKIAAAAAAAAAAgOXeK9CT3V4vkXjHZJYd8nf-h09bb end',
        'dropbox thumbnail data:image/png;base64,iVBORw0KGgo57c4GnyqASlAAAAAAAAAAN1RPGz0tQqBeMsiP-EUH_NL5bRKN-2sgbZg9rTf_K_6',
        'dropbox xxxxxxxxxxxAAAAAAAAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      ],
    },
  },
  {
    id: 'dropbox_app_secret',
    category: 'system.authentication',
    description: 'Dropbox app key / secret: 15 lower-case base36 near dropbox.',
    keywords: ['dropbox'],
    pattern: windowValue('[a-z0-9]{15}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.2,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'DROPBOX_APP_SECRET=sz6rf0j0n6cw9cp',
          match: 'sz6rf0j0n6cw9cp',
        },
        'dropbox: {"app_key": "abc", "app_secret": "najilq4fhnzr61n"}',
      ],
      negative: ['dropbox folder sharedfolder2024 synced', 'DROPBOX_APP_SECRET=najilq4fhn'],
    },
  },
];
