/**
 * Chat and messaging: Slack tokens and webhooks, Discord webhooks and bot tokens, Telegram bot
 * tokens, Microsoft Teams and Zapier webhooks.
 */
import type { Rule } from '../../types.js';
import { hasDigit } from './helpers.js';

/** Chat and webhook credentials. */
export const messagingRules: readonly Rule[] = [
  {
    id: 'slack_bot_token',
    category: 'system.authentication',
    description:
      'Slack bot token (xoxb- + team id + - + bot id + - + 24–34 base62, or the legacy xoxb- + id + - + 18–26 base62).',
    keywords: ['xoxb-'],
    pattern:
      /xoxb-(?:[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}|[0-9]{8,14}-[A-Za-z0-9]{18,26})(?![A-Za-z0-9_-])/y,
    validate: (s) => /[A-Za-z]/.test(s.slice(5)),
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'SLACK_BOT_TOKEN=xoxb-517025154898-4580369245631-woAnhepJAVw9tdNobedAACMF',
          match: 'xoxb-517025154898-4580369245631-woAnhepJAVw9tdNobedAACMF',
        },
        'client = WebClient(token="xoxb-416389818817-6677464344503-UdSNjHI0Q5g77k2AeGkWIzNH")',
        {
          text: '"bot_token": "xoxb-897360555244-NubZbP8r1IJzieFKJh3uQFzi"',
          match: 'xoxb-897360555244-NubZbP8r1IJzieFKJh3uQFzi',
        },
      ],
      negative: [
        'xoxb-123-456-abc',
        'xoxb-12345678-123456789012345678',
        'xoxb-xxxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx',
        'truncated: xoxb-030971776043-8487652196123-XOJFsYLMXOMvmoMO0WCYp end',
        'id=xyzxoxb-030971776043-8487652196123-XOJFsYLMXOMvmoMO0WCYpvmi',
      ],
    },
  },
  {
    id: 'slack_user_token',
    category: 'system.authentication',
    description: 'Slack user token (xoxp- / xoxe- + three numeric ids + 32 base62, usually hex).',
    keywords: ['xoxp-', 'xoxe-'],
    pattern: /xox[pe]-[0-9]{8,13}-[0-9]{8,13}-[0-9]{8,13}-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential xoxp-654606059190-635941602428-7237319377427-4626d3793c65b96a8d35d35fc092a2fe was rejected',
          match: 'xoxp-654606059190-635941602428-7237319377427-4626d3793c65b96a8d35d35fc092a2fe',
        },
        {
          text: '"user_token": "xoxp-41684372915-1320496754-45609968301-QuKql9skvrxNGxBSSRrHGx5TdXURUiZj"',
          match: 'xoxp-41684372915-1320496754-45609968301-QuKql9skvrxNGxBSSRrHGx5TdXURUiZj',
        },
        'xoxe-641050816060-4744608013100-1026927701626-sCpfYrKtMKEPOgifa2TfxmUrE0uGJSmN',
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"xoxp-407939550250-043779690598-2965015208438-247d0ba08feb9715c0d4bf90da3022ea","plan":"team"}}',
      ],
      negative: [
        'truncated: xoxp-396705619317-741319381007-2211358852527-4a1254d0a60785564265029beac75 end',
        'xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d',
        'id=xyzxoxp-396705619317-741319381007-2211358852527-4a1254d0a60785564265029beac752ff',
      ],
    },
  },
  {
    id: 'slack_app_token',
    category: 'system.authentication',
    description: 'Slack app-level token (xapp- + digit + app id + - + 10–16 digits + - + 64 hex).',
    keywords: ['xapp-'],
    pattern: /xapp-[0-9]-[A-Z0-9]{8,12}-[0-9]{10,16}-[A-Za-z0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'user pasted "xapp-1-MOW9SNSLY97-3261607862259-fca6b87956e675b6a18bfb3ac1fd8ff8c9f4f319e90a86951358874f40e5b995" into the support widget',
          match:
            'xapp-1-MOW9SNSLY97-3261607862259-fca6b87956e675b6a18bfb3ac1fd8ff8c9f4f319e90a86951358874f40e5b995',
        },
        'export ACME_CREDENTIAL=xapp-1-OJNO1TAQF0R-6641495411037-5bf4529f8671d6fb2c03f4ff911e2ca4007d971439960b9c395e2e45961aecd9',
        {
          text: 'SLACK_APP_TOKEN=xapp-2-AJALRW9UVII-8083246323778-2cfd7596fe0ae05f47077abcdcb2c0453e594e055dbd3196d1b2d77d5c64a044',
          match:
            'xapp-2-AJALRW9UVII-8083246323778-2cfd7596fe0ae05f47077abcdcb2c0453e594e055dbd3196d1b2d77d5c64a044',
        },
      ],
      negative: [
        'truncated: xapp-1-1NWG33LCEG4-1650371981767-5861ba2041d8492d34aad310436ddc66c3322a86c341365533870b0509917 end',
        'xapp-1-A052FGTS2DL-5171572773297-tooshort',
        'id=xyzxapp-1-1NWG33LCEG4-1650371981767-5861ba2041d8492d34aad310436ddc66c3322a86c341365533870b0509917f74',
      ],
    },
  },
  {
    id: 'slack_legacy_token',
    category: 'system.authentication',
    description:
      'Slack legacy or workspace token (xoxs- / xoxo- + three numeric ids + hex, or xoxa- / xoxr- + 8–48 base62).',
    keywords: ['xoxa-', 'xoxr-', 'xoxs-', 'xoxo-'],
    pattern:
      /(?:xox[os]-[0-9]{6,13}-[0-9]{6,13}-[0-9]{6,13}-[a-fA-F0-9]{16,64}|xox[ar]-(?:[0-9]-)?[0-9A-Za-z]{8,48})(?![A-Za-z0-9_-])/y,
    validate: hasDigit,
    minEntropy: 3.3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'SLACK_LEGACY_TOKEN=xoxs-754038961725-380579210945-506859894174-35b5f31538b1d24f5dd636c71e31438db75968ac499558c8e3a33c1e15135218',
          match:
            'xoxs-754038961725-380579210945-506859894174-35b5f31538b1d24f5dd636c71e31438db75968ac499558c8e3a33c1e15135218',
        },
        'slack workspace token xoxa-2-6qb0gDK96zepX1aH0bGK3JFizULfvoFUY10UY5Hn',
      ],
      negative: [
        'xoxo-hugs-and-kisses',
        'xoxa-withoutdigitsanywhere',
        'truncated: xoxs-034310126282-934723340545-412252404351-2a3ea9a338629 end',
        'id=xyzxoxs-034310126282-934723340545-412252404351-2a3ea9a33862992c01dce7d69cb3bb250a5c85cb554bbdd03c4d047ca7b84766',
      ],
    },
  },
  {
    id: 'slack_config_token',
    category: 'system.authentication',
    description:
      'Slack app configuration access token (xoxe.xoxb- / xoxe.xoxp- + 1- + 163–166 base62).',
    keywords: ['xoxe.xox'],
    pattern: /xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{163,166}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated xoxe.xoxp-1-6S8Bi7Hb1mhg2H8qkcvBPNDDf31r2NAYeXE1PSSoqpQFruIINBd83UuYGbcEJOElYU4uDZWQfKuJyq60aENoIC18OfnikDZDhc9LI3iRZWFoMZnN6jeJseXtHV01THLpVLi73PrhP110midEE80bcrfKPEum3Sl54iMz yesterday, please revoke the old one',
          match:
            'xoxe.xoxp-1-6S8Bi7Hb1mhg2H8qkcvBPNDDf31r2NAYeXE1PSSoqpQFruIINBd83UuYGbcEJOElYU4uDZWQfKuJyq60aENoIC18OfnikDZDhc9LI3iRZWFoMZnN6jeJseXtHV01THLpVLi73PrhP110midEE80bcrfKPEum3Sl54iMz',
        },
        '<input type="hidden" name="cfg" value="xoxe.xoxp-1-tZCpO60hHjz1gFwYwGB4KrNU54svtZPwBnqVAKSl4X6SdJPbmyKBVgoYhTkC6yUs7hKbQd8q0FuIkioDu4dxAJmAVM9TjPselCvrsHF7ypZA6isBSMIXnY16VWdUMw9uYR50FdsxeE5iCCEhdjo3FOCNl4HemLjApWuR">',
      ],
      negative: [
        'truncated: xoxe.xoxp-1-Q3vzWKORyKFLKsl9JaXohBmOhFmiiyfDyvPCVhJgleJwSEroWc17eiMPK3q3vlzbQcziaQsvLlWJdJntP0sXT5TAWQZ6GZqYhPFSnL7eUOBLAvvtjLOYBXrRm33erpYXWEUSRzrGoqQxjnDFKXhG9mEUcZr8Bauj end',
        'id=xyzxoxe.xoxp-1-Q3vzWKORyKFLKsl9JaXohBmOhFmiiyfDyvPCVhJgleJwSEroWc17eiMPK3q3vlzbQcziaQsvLlWJdJntP0sXT5TAWQZ6GZqYhPFSnL7eUOBLAvvtjLOYBXrRm33erpYXWEUSRzrGoqQxjnDFKXhG9mEUcZr8Baujtrqb',
      ],
    },
  },
  {
    id: 'slack_refresh_token',
    category: 'system.authentication',
    description: 'Slack configuration refresh token (xoxe-1- + 146 base62).',
    keywords: ['xoxe-'],
    pattern: /xoxe-[0-9]-[A-Za-z0-9]{146}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: xoxe-1-BfRLeCOq724lECFPUPePYF98tX1FVoIlAJe9GEDnNrkkNq3qJBLKOSSghGzqbjHOS4ybI3pbwvhH0tCS3vYBGqSz6SEyagoib1PyYlYt1wWz7muqKzGDKDsFa6yG5hAeVN65hTvnCWDi42xpKF\n  script: make deploy',
          match:
            'xoxe-1-BfRLeCOq724lECFPUPePYF98tX1FVoIlAJe9GEDnNrkkNq3qJBLKOSSghGzqbjHOS4ybI3pbwvhH0tCS3vYBGqSz6SEyagoib1PyYlYt1wWz7muqKzGDKDsFa6yG5hAeVN65hTvnCWDi42xpKF',
        },
        '[warn] found xoxe-1-afKiKJMFpZbZL3vxj0lDWVEEpT0vEvGTfQxxanJd1UCtQZSdvXvMsIwiwxEuf6mRI8KYTaMVBMZj1hyvx2qjtaVAUcmq75ZQ9qAeVEzPod2cHGdszdGHsjPx6YqLPaHOOCZFXgT6GqYcyxpo8A in request body of /api/v1/events',
      ],
      negative: [
        'truncated: xoxe-1-AFSNxYEQh7Ww31mAdxvplHrbjH30sWcrFxM9LUEknuXwO0zP75RLvweYiE6vXrY2ZLjLNMhvcDq8K4oljGblipiYOagaz3keX49cJ8G4TZ6IOcOQcYoTLdp6M7o1DPX8cpCGpJmZIoAIPWX end',
        'id=xyzxoxe-1-AFSNxYEQh7Ww31mAdxvplHrbjH30sWcrFxM9LUEknuXwO0zP75RLvweYiE6vXrY2ZLjLNMhvcDq8K4oljGblipiYOagaz3keX49cJ8G4TZ6IOcOQcYoTLdp6M7o1DPX8cpCGpJmZIoAIPWXbox',
      ],
    },
  },
  {
    id: 'slack_webhook_url',
    category: 'system.authentication',
    description:
      'Slack incoming webhook, workflow or trigger URL (hooks.slack.com/services/T…/B…/<24 base62>, …); reports host and path.',
    keywords: ['hooks.slack.com/'],
    pattern:
      /hooks\.slack\.com\/(?:services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{23,25}|workflows\/T[A-Z0-9]{8,12}\/A[A-Z0-9]{8,12}\/[0-9]{17,19}\/[A-Za-z0-9]{23,25}|triggers\/T[A-Z0-9]{8,12}\/[0-9]{8,14}\/[a-f0-9]{32})(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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',
          match: 'hooks.slack.com/services/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',
        },
        '{"alerts":{"channel":"#ops","url":"https://hooks.slack.com/services/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"}}',
      ],
      negative: [
        'see https://hooks.slack.com/services/ for setup',
        'https://api.slack.com/messaging/webhooks',
        'truncated: hooks.slack.com/services/TO0PMRAMPJS/BS1EA3QXAYE/tzJmV51pzcLJGKdeOvAdq end',
        'id=xyzhooks.slack.com/services/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',
      ],
    },
  },
  {
    id: 'discord_webhook_url',
    category: 'system.authentication',
    description:
      'Discord webhook URL (discord.com/api/webhooks/<id>/<68-char token>); reports host and path.',
    keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern:
      /discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{68}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'DISCORD_WEBHOOK=https://discord.com/api/webhooks/5130789709119771622/qDxFjKzc8YzsjjRmxWXGscvFyr5hxjIZ6ekNx6sAq7qWeYQyN0mQ_xbTjxIoczGis-8n',
          match:
            'discord.com/api/webhooks/5130789709119771622/qDxFjKzc8YzsjjRmxWXGscvFyr5hxjIZ6ekNx6sAq7qWeYQyN0mQ_xbTjxIoczGis-8n',
        },
        'requests.post("https://ptb.discord.com/api/webhooks/9632673015850831270/agFMKMGZdqiqZHk40uXP908db6KSBPQsxItG45MOdbw_mJdEFO3n28nV5B7MfNpuIyyB", json=payload)',
      ],
      negative: [
        'https://discord.com/api/webhooks/123/abc',
        'https://discord.com/developers/docs/resources/webhook',
        'truncated: discord.com/api/webhooks/3556945057955212514/wRto5uCEg_qhH3Ltcg_1RvpwGhMM3BtMTu6eAxSNLldffu2yOIMMhtELU2QI7Jhgn end',
        'id=xyzdiscord.com/api/webhooks/3556945057955212514/wRto5uCEg_qhH3Ltcg_1RvpwGhMM3BtMTu6eAxSNLldffu2yOIMMhtELU2QI7JhgnXUk',
      ],
    },
  },
  {
    id: 'discord_bot_token',
    category: 'system.authentication',
    description:
      'Discord bot token ([MNO] + 23–26 (base64 of a 17–20 digit id) + . + 6 + . + 27–38 base64url) near discord.',
    keywords: ['discord'],
    pattern:
      /(?<![A-Za-z0-9_.-])[MNO][A-Za-z0-9_-]{23,26}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_.-])/g,
    anchor: 'window',
    window: 128,
    minEntropy: 4,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'DISCORD_BOT_TOKEN=MTVkMPSBczC6Bl1Jv2trQMIR.Zvy4Ps.QQ1SwXG9gyEbBPkJYHxG489ZEwiZgwfJHWbl0C',
          match: 'MTVkMPSBczC6Bl1Jv2trQMIR.Zvy4Ps.QQ1SwXG9gyEbBPkJYHxG489ZEwiZgwfJHWbl0C',
        },
        'discord.Client().run("MTds2HB3UofX8YHeTnUZzFy6.6iKRQ8.XLa_Qn08C78gNIj9TCqm8vI7kQjwS3zWlyTP8Q")',
      ],
      negative: [
        'request MTYa0QSmaXWZK1LXDZgdreo7.6nwusP.JWXWsw6ljwoRbTv6m0zMIqrdOvEYGj6SYkj_TZ completed in 32ms',
        'DISCORD_BOT_TOKEN=MTYa0QSmaXWZK1LXDZgdreo7.6nwusP.JWXWsw6ljwoRbTv6m0zMIqrdOv',
      ],
    },
  },
  {
    id: 'telegram_bot_token',
    category: 'system.authentication',
    description: 'Telegram bot token (8–12 digit bot id + :AA + 33 base64url); triggered by :AA.',
    keywords: [':aa'],
    pattern: /(?<![0-9])[0-9]{8,12}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 40,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'TELEGRAM_BOT_TOKEN=7644867170:AA4sI7fKYyGE0zJqfPP4qWAhS_v7qdCr-5I',
          match: '7644867170:AA4sI7fKYyGE0zJqfPP4qWAhS_v7qdCr-5I',
        },
        'GET https://api.telegram.org/bot4706257326:AA0RX3C3kY4w-ORSHRNuRqhC2LcVevCRT3h/sendMessage?chat_id=42',
      ],
      negative: [
        'TELEGRAM_BOT_TOKEN=8071164884:ABmcrpEbwzxzm0319lUxyN23ATmWz14YZiq',
        'id 502025:AAQbf1JR7M4fa5X638I7ki71d0PkJd4VGH5',
        'TELEGRAM_BOT_TOKEN=8493685640:AASfOaV6V030_pGDLLjuiGox0QH5rMRg',
        'ratio 12345678:aa',
      ],
    },
  },
  {
    id: 'teams_webhook_url',
    category: 'system.authentication',
    description:
      'Microsoft Teams incoming webhook URL (webhook.office.com/webhookb2/…); reports host and path.',
    keywords: ['webhook.office.com/webhookb2/'],
    pattern:
      /webhook\.office\.com\/webhookb2\/[0-9a-z-]{36}@[0-9a-z-]{36}\/IncomingWebhook\/[0-9a-z]{32}\/[0-9a-z-]{36}(?:\/[A-Za-z0-9_-]{20,80})?(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'TEAMS_WEBHOOK=https://acme.webhook.office.com/webhookb2/3a6365e6-0817-77c0-aa82-a18becc35c7d@525ad53c-16a9-da93-c7e3-70f7abd852b3/IncomingWebhook/96ac2a592fe29f08f19d53f2057f50ce/c64569d8-131a-c5ad-586a-c0922b4c857e',
          match:
            'webhook.office.com/webhookb2/3a6365e6-0817-77c0-aa82-a18becc35c7d@525ad53c-16a9-da93-c7e3-70f7abd852b3/IncomingWebhook/96ac2a592fe29f08f19d53f2057f50ce/c64569d8-131a-c5ad-586a-c0922b4c857e',
        },
        '{"notify":"https://contoso.webhook.office.com/webhookb2/8b2c2136-9796-4d2e-ef5f-3d7fcf573e2e@021fb26d-6a87-1589-2565-23569e213a60/IncomingWebhook/075981432bf61ea6682761e7ce71eb77/750d7814-ae34-42fb-2d17-d2f359aaff1d"}',
      ],
      negative: [
        'truncated: webhook.office.com/webhookb2/9a03da0d-be31-c252-4772-305b7a66fe70@d67611b5-00c9-0d49-ae2f-0369f0a5c87f/IncomingWebhook/860d230a0726cb61d6074958b5ef6cc4/31977faf-d218-447e-5bf6-c4a6ab559 end',
        'id=xyzwebhook.office.com/webhookb2/9a03da0d-be31-c252-4772-305b7a66fe70@d67611b5-00c9-0d49-ae2f-0369f0a5c87f/IncomingWebhook/860d230a0726cb61d6074958b5ef6cc4/31977faf-d218-447e-5bf6-c4a6ab559de2',
      ],
    },
  },
  {
    id: 'zapier_webhook_url',
    category: 'system.authentication',
    description:
      'Zapier catch-hook URL (hooks.zapier.com/hooks/catch/<id>/<key>); unauthenticated trigger, so treated as a secret.',
    keywords: ['hooks.zapier.com/hooks/catch/'],
    pattern: /hooks\.zapier\.com\/hooks\/catch\/[0-9]{5,12}\/[a-z0-9]{5,12}\/?(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'ZAP_URL=https://hooks.zapier.com/hooks/catch/49677059/b0yxnpy/',
          match: 'hooks.zapier.com/hooks/catch/49677059/b0yxnpy/',
        },
        'fetch("https://hooks.zapier.com/hooks/catch/41794264/qhx9k4i/", { method: "POST" })',
      ],
      negative: [
        'https://hooks.zapier.com/hooks/catch/',
        'https://zapier.com/apps/webhook/integrations',
      ],
    },
  },
];
