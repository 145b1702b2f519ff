/**
 * Prefix-less keys of further providers, reported only with the provider's name nearby
 * (`anchor: 'window'`): Mailgun (new format), HashiCorp Vault legacy tokens, Confluent, Sumo
 * Logic, Mattermost, RapidAPI, crypto exchanges (Coinbase, Kraken, KuCoin, Bittrex), Finnhub,
 * FreshBooks, Gitter, Drone CI, LinkedIn, Looker, MessageBird, New York Times, Sendbird,
 * Squarespace, Flickr, Finicity, GoCardless, Private AI, Sentry (legacy auth tokens), Discord
 * client secrets, Contentful delivery tokens, Cisco Meraki, Postmark, PagerDuty, SparkPost,
 * ngrok, Beamer and Yandex Cloud static keys.
 */
import type { Rule } from '../../types.js';
import { hasDigit, lettersAndDigits, mixedCaseAlnum, windowValue } from './helpers.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Prefix-less provider keys that need the provider name within the window. */
export const keyedRules: readonly Rule[] = [
  {
    id: 'mailgun_private_key',
    category: 'system.authentication',
    description:
      'Mailgun private API key or webhook signing key in the current format (32 hex - 8 hex - 8 hex) near mailgun.',
    keywords: ['mailgun'],
    pattern: windowValue('[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
    anchor: 'window',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'MAILGUN_API_KEY=d89ea2b29a53930dae42a228a880350b-bd416a6f-033e1dbf',
          match: 'd89ea2b29a53930dae42a228a880350b-bd416a6f-033e1dbf',
        },
        'mailgun webhook signing key: c47c235f3731f3f1b0d785c00bc859f9-1218696e-46380a5b',
      ],
      negative: [
        'request d89ea2b29a53930dae42a228a880350b-bd416a6f-033e1dbf completed',
        'MAILGUN_API_KEY=058870b6007e55f25034c81246906b3b-68e27de6',
      ],
    },
  },
  {
    id: 'vault_legacy_token',
    category: 'system.authentication',
    description: 'HashiCorp Vault token in the pre-1.10 format (s. + 24 base62) near vault.',
    keywords: ['vault'],
    pattern: /(?<![A-Za-z0-9_.-])s\.[A-Za-z0-9]{24}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    validate: (s) => mixedCaseAlnum(s.slice(2)),
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        { text: 'VAULT_TOKEN=s.0MbrKSlHnkdlgO7F20gZOets', match: 's.0MbrKSlHnkdlgO7F20gZOets' },
        'vault login s.YCPSmt27pYgXLjKnzsyBAOLw',
      ],
      negative: ['request s.0MbrKSlHnkdlgO7F20gZOets completed', 'VAULT_TOKEN=s.zXRw436yVThtVnL8'],
    },
  },
  {
    id: 'confluent_api_secret',
    category: 'system.authentication',
    description: 'Confluent Cloud API secret: 64 base64 characters near confluent.',
    keywords: ['confluent'],
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{64}(?![A-Za-z0-9+/=_-])/g,
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 4.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'CONFLUENT_CLOUD_API_SECRET=eR9Tbdbm3JiHEeiUqdLsY4lMEqOy5ykQRunc9c3yjPZP7xZZRXFF7efKaxrHgbw0',
          match: 'eR9Tbdbm3JiHEeiUqdLsY4lMEqOy5ykQRunc9c3yjPZP7xZZRXFF7efKaxrHgbw0',
        },
        'sasl.jaas.config for confluent: username="RJYRRYVXY1VBHE6J" password="mHMTK0Xhku8kLee8WSQa5yWi51BM2Nd1OXpdmG08xCdRRTUsZvuhNAnDLF2a7kFa"',
      ],
      negative: [
        'request eR9Tbdbm3JiHEeiUqdLsY4lMEqOy5ykQRunc9c3yjPZP7xZZRXFF7efKaxrHgbw0 completed',
        'CONFLUENT_CLOUD_API_SECRET=KbUFLBIUCQZDsXQ8L/theAVv/INhrfMCHAicVkcZ',
      ],
    },
  },
  {
    id: 'sumologic_access_key',
    category: 'system.authentication',
    description: 'Sumo Logic access key: 64 base62 near sumologic / sumo_.',
    keywords: ['sumologic', 'sumo_', 'sumo-'],
    pattern: windowValue('[A-Za-z0-9]{64}'),
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 4.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'SUMO_ACCESS_KEY=BNbtf7OXL5ra5Vi8GHobGrDIqdK0Avr9xNls2gt71OocS3WcXeL48EZ4YOu2sRQH',
          match: 'BNbtf7OXL5ra5Vi8GHobGrDIqdK0Avr9xNls2gt71OocS3WcXeL48EZ4YOu2sRQH',
        },
        'sumologic: { accessId: "suIHg23KP9E0qH", accessKey: "aQp8Oy8DXuue3s16cxtdHTm83bir0J8yUC27LMQkvgGtbns3hxfnRdvI1v5uBxxb" }',
      ],
      negative: [
        'request BNbtf7OXL5ra5Vi8GHobGrDIqdK0Avr9xNls2gt71OocS3WcXeL48EZ4YOu2sRQH completed',
        'SUMO_ACCESS_KEY=UOorsoGsQge3UvJJL7tAPbFbyetsHaBZU5zrwtDq',
      ],
    },
  },
  {
    id: 'sumologic_access_id',
    category: 'system.authentication',
    description: 'Sumo Logic access id (su + 12 base62) near sumologic / sumo_.',
    keywords: ['sumologic', 'sumo_', 'sumo-'],
    pattern: windowValue('su[A-Za-z0-9]{12}'),
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        { text: 'SUMO_ACCESS_ID=suYitjzmsIsGu7', match: 'suYitjzmsIsGu7' },
        'sumologic: { accessId: "su0CWaxd8aRWZF" }',
      ],
      negative: ['request suYitjzmsIsGu7 completed', 'SUMO_ACCESS_ID=supercalifragil'],
    },
  },
  {
    id: 'mattermost_access_token',
    category: 'system.authentication',
    description: 'Mattermost personal access or bot token: 26 lower-case base36 near mattermost.',
    keywords: ['mattermost'],
    pattern: windowValue('[a-z0-9]{26}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'MATTERMOST_TOKEN=15ifj04fjfkl0b64j3hxbpwzau',
          match: '15ifj04fjfkl0b64j3hxbpwzau',
        },
        'mattermost driver: Driver({"token": "un4gw4jq8737upjfs8mhz73rvw"})',
      ],
      negative: [
        'request 15ifj04fjfkl0b64j3hxbpwzau completed',
        'MATTERMOST_TOKEN=4h3xr0f1qaqd9hfvx4i9',
      ],
    },
  },
  {
    id: 'rapidapi_key',
    category: 'system.authentication',
    description: 'RapidAPI key: 50 base64url characters near rapidapi (X-RapidAPI-Key).',
    keywords: ['rapidapi'],
    pattern: windowValue('[A-Za-z0-9_-]{50}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.8,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'X-RapidAPI-Key: a902a81440msh2c1b87b87570902p1bc30ajsn8dafcd28e2a9',
          match: 'a902a81440msh2c1b87b87570902p1bc30ajsn8dafcd28e2a9',
        },
        'RAPIDAPI_KEY="43520bc288msh2830705b92a7801p136038jsnf0920241fa3c"',
      ],
      negative: [
        'request a902a81440msh2c1b87b87570902p1bc30ajsn8dafcd28e2a9 completed',
        'X-RapidAPI-Host: weatherapi-com.p.rapidapi.com',
      ],
    },
  },
  {
    id: 'coinbase_access_token',
    category: 'system.authentication',
    description: 'Coinbase API secret / access token: 64 base64url near coinbase.',
    keywords: ['coinbase'],
    pattern: windowValue('[A-Za-z0-9_-]{64}'),
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 4.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'COINBASE_API_SECRET=U4L8ncqaIRJ4aoGPQzT7U9cNlIbvloPiIbb72TjU0wGqN557OlQ8BZimr7nBZdXr',
          match: 'U4L8ncqaIRJ4aoGPQzT7U9cNlIbvloPiIbb72TjU0wGqN557OlQ8BZimr7nBZdXr',
        },
        'coinbase client secret xA6QUZzXV6_-ZdCrglkKlRbqqS000tjJT1pqPSAMByPTpJ-W2toFa_nUL8q4l2tZ',
      ],
      negative: [
        'request U4L8ncqaIRJ4aoGPQzT7U9cNlIbvloPiIbb72TjU0wGqN557OlQ8BZimr7nBZdXr completed',
        'COINBASE_API_SECRET=UlR2SgOYBAr4mx6DPX0I92sZim6vA3X6',
      ],
    },
  },
  {
    id: 'kraken_api_key',
    category: 'system.authentication',
    description: 'Kraken API private key: 80–90 base64 characters near kraken.',
    keywords: ['kraken'],
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{80,90}={0,2}(?![A-Za-z0-9+/=_-])/g,
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 4.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'KRAKEN_PRIVATE_KEY=PCaOmrHqmcWLOFD71yE1eIJSpC4vI5/PY79gaPcp9R6DbygJaboXlhFTwP4kxJv0ASSm/ycKmqK5apBTBdUjLr==',
          match:
            'PCaOmrHqmcWLOFD71yE1eIJSpC4vI5/PY79gaPcp9R6DbygJaboXlhFTwP4kxJv0ASSm/ycKmqK5apBTBdUjLr==',
        },
        'kraken api secret: fRhcaH+4w46WJiR4IIkwlydb1Tbm52h1oRA42p4O3hL+OYlzOjGIEnnb9Dwh5cZ4K37JBnCStdKrotq0k1RrQwk0',
      ],
      negative: [
        'request PCaOmrHqmcWLOFD71yE1eIJSpC4vI5/PY79gaPcp9R6DbygJaboXlhFTwP4kxJv0ASSm/ycKmqK5apBTBdUjLr== completed',
        'KRAKEN_PRIVATE_KEY=czumuBqr6nPrN+RO/tXjH7wWNdugCvDq0Flaqb77jIKfpxZKXG/rsNpFvUvy',
      ],
    },
  },
  {
    id: 'kucoin_api_key',
    category: 'system.authentication',
    description: 'KuCoin API key (24 hex) or API secret (UUID) near kucoin.',
    keywords: ['kucoin'],
    pattern: windowValue(`[a-f0-9]{24}|${UUID}`),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        { text: 'KUCOIN_API_KEY=2a739f5355b18665df3be94c', match: '2a739f5355b18665df3be94c' },
        'kucoin_secret = "6f0161a9-5637-4fc4-9adc-f3a069a8384c"',
      ],
      negative: [
        'request 2a739f5355b18665df3be94c completed',
        'KUCOIN_API_KEY=c7d6c6132f754bd85d10',
      ],
    },
  },
  {
    id: 'bittrex_api_key',
    category: 'system.authentication',
    description: 'Bittrex API key or secret: 32 hex near bittrex.',
    keywords: ['bittrex'],
    pattern: windowValue('[a-f0-9]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'BITTREX_API_SECRET=feb956ccca9f148f46c80d0beb445848',
          match: 'feb956ccca9f148f46c80d0beb445848',
        },
        'bittrex.key = "375417fdfb0a4697e15cada406c6d983"',
      ],
      negative: [
        'request feb956ccca9f148f46c80d0beb445848 completed',
        'BITTREX_API_SECRET=3e43bd150171acae0007732d',
      ],
    },
  },
  {
    id: 'finnhub_api_key',
    category: 'system.authentication',
    description: 'Finnhub API key: 20 lower-case base36 near finnhub.',
    keywords: ['finnhub'],
    pattern: windowValue('[a-z0-9]{20}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.3,
    confidence: 0.86,
    examples: {
      positive: [
        { text: 'FINNHUB_API_KEY=1hy0jthk9knvzli45xya', match: '1hy0jthk9knvzli45xya' },
        'https://finnhub.io/api/v1/quote?symbol=AAPL&token=cf5rp2mriawge68isi1e',
      ],
      negative: ['request 1hy0jthk9knvzli45xya completed', 'FINNHUB_API_KEY=3eay2wghprqh'],
    },
  },
  {
    id: 'freshbooks_access_token',
    category: 'system.authentication',
    description: 'FreshBooks access token: 64 lower-case base36 near freshbooks.',
    keywords: ['freshbooks'],
    pattern: windowValue('[a-z0-9]{64}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 4,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'FRESHBOOKS_ACCESS_TOKEN=niuxk0oydq77xleiti4j9s551o0t1082a15sbid8ev6y2gocgmb0dzanvmi5p69r',
          match: 'niuxk0oydq77xleiti4j9s551o0t1082a15sbid8ev6y2gocgmb0dzanvmi5p69r',
        },
        'freshbooks token nbvdb4qx3wl581o5zoh094vsyr19zd7yfj095opi6axa1uks8y37dshtpb9mnupi',
      ],
      negative: [
        'request niuxk0oydq77xleiti4j9s551o0t1082a15sbid8ev6y2gocgmb0dzanvmi5p69r completed',
        'FRESHBOOKS_ACCESS_TOKEN=u33m0y7u7mbx55di6f4r25k6dc5kpzy5wex2au1u',
      ],
    },
  },
  {
    id: 'gitter_access_token',
    category: 'system.authentication',
    description: 'Gitter access token: 40 base64url near gitter.',
    keywords: ['gitter'],
    pattern: windowValue('[A-Za-z0-9_-]{40}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.8,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'GITTER_TOKEN=9qu824wpmswi3psu38g0y3zqmy1k9utovaz2aadq',
          match: '9qu824wpmswi3psu38g0y3zqmy1k9utovaz2aadq',
        },
        'gitter api key zawpclp6lrqypyzbexirr7ar9i7kmk6pq1xa7493',
      ],
      negative: [
        'request 9qu824wpmswi3psu38g0y3zqmy1k9utovaz2aadq completed',
        'GITTER_TOKEN=8we256jn6pa06afbgrsxd3g4whulmd',
      ],
    },
  },
  {
    id: 'droneci_access_token',
    category: 'system.authentication',
    description: 'Drone CI access token: 32 base62 near droneci / drone_token.',
    keywords: ['droneci', 'drone_token', 'drone-token', 'drone_server'],
    pattern: windowValue('[A-Za-z0-9]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'DRONE_TOKEN=wMmnERVGA21tm2Hti0LUl7HjaqPlBEaN',
          match: 'wMmnERVGA21tm2Hti0LUl7HjaqPlBEaN',
        },
        'droneci token: 2c4bszgx0tft6jodl5hrmt5xkmjs6r89',
      ],
      negative: [
        'request wMmnERVGA21tm2Hti0LUl7HjaqPlBEaN completed',
        'DRONE_TOKEN=YMAdzT0azcEhEDE5LpDx',
      ],
    },
  },
  {
    id: 'linkedin_client_secret',
    category: 'system.authentication',
    description: 'LinkedIn OAuth client secret: 16 mixed-case base62 near linkedin.',
    keywords: ['linkedin', 'linked_in', 'linked-in'],
    pattern: windowValue('[A-Za-z0-9]{16}'),
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 3.3,
    confidence: 0.86,
    examples: {
      positive: [
        { text: 'LINKEDIN_CLIENT_SECRET=ypXOgHDu6qqEVJAK', match: 'ypXOgHDu6qqEVJAK' },
        'linkedin: { clientSecret: "cJoJQ20a9ARRIV0m" }',
      ],
      negative: ['request ypXOgHDu6qqEVJAK completed', 'LINKEDIN_CLIENT_SECRET=shortvalue'],
    },
  },
  {
    id: 'looker_client_secret',
    category: 'system.authentication',
    description: 'Looker API client secret: 24 mixed-case base62 near looker.',
    keywords: ['looker'],
    pattern: windowValue('[A-Za-z0-9]{24}'),
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'LOOKERSDK_CLIENT_SECRET=nwjNvXyLkePJIUhmwJmdL036',
          match: 'nwjNvXyLkePJIUhmwJmdL036',
        },
        'looker.ini client_secret=lls3UXgAhxEumxOumUaF0bWt',
      ],
      negative: [
        'request nwjNvXyLkePJIUhmwJmdL036 completed',
        'LOOKERSDK_CLIENT_SECRET=WoD6QXbdK5saWxEe',
      ],
    },
  },
  {
    id: 'messagebird_api_key',
    category: 'system.authentication',
    description: 'MessageBird access key: 25 base62 near messagebird.',
    keywords: ['messagebird', 'message_bird', 'message-bird'],
    pattern: windowValue('[A-Za-z0-9]{25}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'MESSAGEBIRD_ACCESS_KEY=eaR0fgoctCdtqrUELDJsy19e7',
          match: 'eaR0fgoctCdtqrUELDJsy19e7',
        },
        "messagebird = require('messagebird')('Hi7wn2VGswbVOOg1A7XywIJbt')",
      ],
      negative: [
        'request eaR0fgoctCdtqrUELDJsy19e7 completed',
        'MESSAGEBIRD_ACCESS_KEY=iVpFN7C8rU52TkgB',
      ],
    },
  },
  {
    id: 'nytimes_api_key',
    category: 'system.authentication',
    description: 'New York Times API key: 32 base64url near nytimes.',
    keywords: ['nytimes', 'newyorktimes', 'new-york-times'],
    pattern: windowValue('[A-Za-z0-9_-]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'NYTIMES_API_KEY=OcqS7YGpcFv2bC9clbCs1SJScYWiKpqp',
          match: 'OcqS7YGpcFv2bC9clbCs1SJScYWiKpqp',
        },
        'https://api.nytimes.com/svc/topstories/v2/home.json?api-key=1tW4C7b3oCMZs5dDTdx8zoNEz0b3LImw',
      ],
      negative: [
        'request OcqS7YGpcFv2bC9clbCs1SJScYWiKpqp completed',
        'NYTIMES_API_KEY=8A1sXzeZdkvb3X396Wpg',
      ],
    },
  },
  {
    id: 'sendbird_api_token',
    category: 'system.authentication',
    description: 'Sendbird API token: 40 hex near sendbird.',
    keywords: ['sendbird'],
    pattern: windowValue('[a-f0-9]{40}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'SENDBIRD_API_TOKEN=672e8e9dd4a9efd376191b235509500e92e98f07',
          match: '672e8e9dd4a9efd376191b235509500e92e98f07',
        },
        'sendbird Api-Token: daec9c879865e2a992ef4e0d51cec3812bcbd54e',
      ],
      negative: [
        'commit 672e8e9dd4a9efd376191b235509500e92e98f07 merged',
        'SENDBIRD_API_TOKEN=818ab56a0df4a49aa6d3401386960224',
      ],
    },
  },
  {
    id: 'squarespace_api_key',
    category: 'system.authentication',
    description: 'Squarespace API key: UUID near squarespace.',
    keywords: ['squarespace'],
    pattern: windowValue(UUID),
    anchor: 'window',
    near: 'credential',
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'SQUARESPACE_API_KEY=bf9a5179-2039-4377-a75c-b3e651b6e33f',
          match: 'bf9a5179-2039-4377-a75c-b3e651b6e33f',
        },
        'squarespace commerce key f352f517-a66a-41a8-ac08-9b25cc968d21',
      ],
      negative: [
        'request bf9a5179-2039-4377-a75c-b3e651b6e33f completed',
        'SQUARESPACE_API_KEY=f2f59caa-1234',
      ],
    },
  },
  {
    id: 'flickr_api_key',
    category: 'system.authentication',
    description: 'Flickr API key or secret: 32 hex near flickr.',
    keywords: ['flickr'],
    pattern: windowValue('[a-f0-9]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'FLICKR_API_KEY=de78a9261a241864d1aa8c617dd2d40d',
          match: 'de78a9261a241864d1aa8c617dd2d40d',
        },
        'https://api.flickr.com/services/rest/?method=flickr.photos.search&api_key=5a29d44aef298ea60b55415a0b2a1acc',
      ],
      negative: [
        'request de78a9261a241864d1aa8c617dd2d40d completed',
        'FLICKR_API_KEY=5a0faf7cd8029bdb9871',
      ],
    },
  },
  {
    id: 'finicity_api_key',
    category: 'system.authentication',
    description: 'Finicity app key (32 hex) or partner secret (20 base62) near finicity.',
    keywords: ['finicity'],
    pattern: windowValue('[a-f0-9]{32}|[A-Za-z0-9]{20}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.3,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'FINICITY_APP_KEY=7f1f3efc6284593189e74c6432df7f4e',
          match: '7f1f3efc6284593189e74c6432df7f4e',
        },
        'finicity partner secret: 9MTCYFCqU7MM3Ve3gbjI',
      ],
      negative: [
        'request 7f1f3efc6284593189e74c6432df7f4e completed',
        'FINICITY_APP_KEY=ebc49534ed08',
      ],
    },
  },
  {
    id: 'gocardless_access_token',
    category: 'system.authentication',
    description: 'GoCardless access token (live_ / sandbox_ + 40 base64url) near gocardless.',
    keywords: ['gocardless'],
    pattern: windowValue('(?:live|sandbox)_[A-Za-z0-9_=-]{40}'),
    anchor: 'window',
    validate: lettersAndDigits,
    minEntropy: 3.8,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'GOCARDLESS_ACCESS_TOKEN=live_qxoNn_Huz0Kxybg-vT9Sl6dtImJILVxxbQPD5Ad3',
          match: 'live_qxoNn_Huz0Kxybg-vT9Sl6dtImJILVxxbQPD5Ad3',
        },
        "gocardless_pro.Client(access_token='sandbox_lZ7iqYwMvBXmJdp4hQMr7cWmAnL9uuxJrHlmdYoq', environment='sandbox')",
      ],
      negative: [
        'request live_qxoNn_Huz0Kxybg-vT9Sl6dtImJILVxxbQPD5Ad3 completed',
        'GOCARDLESS_ACCESS_TOKEN=live_jnXA5jhFsAHVFd-LsmP9',
      ],
    },
  },
  {
    id: 'privateai_api_key',
    category: 'system.authentication',
    description: 'Private AI API key: 32 lower-case base36 near private_ai / privateai.',
    keywords: ['private_ai', 'private-ai', 'privateai'],
    pattern: windowValue('[a-z0-9]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'PRIVATE_AI_API_KEY=g9ylbxezyc0kqzbi45xq7l6f3q82xfzy',
          match: 'g9ylbxezyc0kqzbi45xq7l6f3q82xfzy',
        },
        'privateai client key xw907gnylgsnds7krpqjpyrj498t54x9',
      ],
      negative: [
        'request g9ylbxezyc0kqzbi45xq7l6f3q82xfzy completed',
        'PRIVATE_AI_API_KEY=2te0gvfe0dbo0k7rkok7',
      ],
    },
  },
  {
    id: 'sentry_auth_token',
    category: 'system.authentication',
    description: 'Sentry auth token in the legacy format (64 hex) near sentry.',
    keywords: ['sentry_auth_token', 'sentry-auth-token', 'sentry_token', 'sentryauthtoken'],
    pattern: windowValue('[a-f0-9]{64}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'SENTRY_AUTH_TOKEN=bb0f9d297e5978ff965b3c5d8edd96031e26b5c4e86f7fec871cf46aa1a2ad17',
          match: 'bb0f9d297e5978ff965b3c5d8edd96031e26b5c4e86f7fec871cf46aa1a2ad17',
        },
        'sentry-cli --auth-token 0ac4ad427d314028e0777b01575a45202d3be607d88698d390caadbb92546259 releases new 1.2.3 # sentry_token',
      ],
      negative: [
        'sha256 bb0f9d297e5978ff965b3c5d8edd96031e26b5c4e86f7fec871cf46aa1a2ad17 ok',
        'SENTRY_AUTH_TOKEN=7006c318613ca5ce5b7590501a96a3802134cbe5',
      ],
    },
  },
  {
    id: 'discord_client_secret',
    category: 'system.authentication',
    description: 'Discord OAuth client secret: 32 base64url near discord.',
    keywords: ['discord'],
    pattern: windowValue('[A-Za-z0-9_-]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 3.8,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'DISCORD_CLIENT_SECRET=gO13ApvR4dwNMUfXB22bJuZyKZuf187n',
          match: 'gO13ApvR4dwNMUfXB22bJuZyKZuf187n',
        },
        'discord oauth2 client_secret=5tmlsC6InlnCuVHKVsUI6aDINZxmIoqx',
      ],
      negative: [
        'request gO13ApvR4dwNMUfXB22bJuZyKZuf187n completed',
        'DISCORD_CLIENT_SECRET=C1ZATDJZRrHomRDYKreD',
      ],
    },
  },
  {
    id: 'contentful_delivery_token',
    category: 'system.authentication',
    description: 'Contentful delivery / preview API token: 43 base64url near contentful.',
    keywords: ['contentful'],
    pattern: windowValue('[A-Za-z0-9_-]{43}'),
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'CONTENTFUL_DELIVERY_TOKEN=lK3tKBI0m0ErqGTy7q2eP6ZhGXwOE0suvy9W_I2UHqw',
          match: 'lK3tKBI0m0ErqGTy7q2eP6ZhGXwOE0suvy9W_I2UHqw',
        },
        "contentful.createClient({ space: 'x1y2z3', accessToken: 'tIFdhgCG8SRTocGRMjWIPwPKZL4lhwOYizCWfkWEPG2' })",
      ],
      negative: [
        'request lK3tKBI0m0ErqGTy7q2eP6ZhGXwOE0suvy9W_I2UHqw completed',
        'CONTENTFUL_DELIVERY_TOKEN=JwEMruCJMSlp94BByHSzi-a8PsXdul',
      ],
    },
  },
  {
    id: 'cisco_meraki_api_key',
    category: 'system.authentication',
    description: 'Cisco Meraki Dashboard API key: 40 hex near meraki.',
    keywords: ['meraki'],
    pattern: windowValue('[a-f0-9]{40}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'MERAKI_DASHBOARD_API_KEY=794518ff511c3f63d8d032ad28ccffb76470e229',
          match: '794518ff511c3f63d8d032ad28ccffb76470e229',
        },
        'X-Cisco-Meraki-API-Key: a5c807539aa62ddb9b1ddc471c068f11199e5837',
      ],
      negative: [
        'commit 794518ff511c3f63d8d032ad28ccffb76470e229 merged',
        'MERAKI_DASHBOARD_API_KEY=eaa2249ef0c2a11442230d44f10cd4de',
      ],
    },
  },
  {
    id: 'postmark_server_token',
    category: 'system.authentication',
    description: 'Postmark server or account token: UUID near postmark.',
    keywords: ['postmark'],
    pattern: windowValue(UUID),
    anchor: 'window',
    near: 'credential',
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'POSTMARK_SERVER_TOKEN=b33c47d6-ff9e-48a8-839a-ce5c695cfb61',
          match: 'b33c47d6-ff9e-48a8-839a-ce5c695cfb61',
        },
        'X-Postmark-Server-Token: 8c3dce41-93f4-42a5-8625-e266f9cb9c18',
      ],
      negative: [
        'request b33c47d6-ff9e-48a8-839a-ce5c695cfb61 completed',
        'POSTMARK_SERVER_TOKEN=8cd84fee-abcd',
      ],
    },
  },
  {
    id: 'pagerduty_api_key',
    category: 'system.authentication',
    description:
      'PagerDuty user API token (u+ + 18 base64url) or REST API key (20) near pagerduty.',
    keywords: ['pagerduty', 'pager_duty'],
    pattern: /(?<![A-Za-z0-9_+-])(?:u\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20})(?![A-Za-z0-9_+-])/g,
    anchor: 'window',
    near: 'credential',
    validate: mixedCaseAlnum,
    minEntropy: 3.5,
    confidence: 0.86,
    examples: {
      positive: [
        { text: 'PAGERDUTY_TOKEN=u+uX2wn5wPDwXSQQuSYG', match: 'u+uX2wn5wPDwXSQQuSYG' },
        'Authorization: Token token=FWpwl4aHQc3pd64fjohw # pagerduty',
      ],
      negative: ['request u+uX2wn5wPDwXSQQuSYG completed', 'PAGERDUTY_TOKEN=hX10aIMPFTtz'],
    },
  },
  {
    id: 'sparkpost_api_key',
    category: 'system.authentication',
    description: 'SparkPost API key: 40 hex near sparkpost.',
    keywords: ['sparkpost'],
    pattern: windowValue('[a-f0-9]{40}'),
    anchor: 'window',
    near: 'credential',
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'SPARKPOST_API_KEY=84fcf40991be78295c69f04b7c9bef5ae1c6480d',
          match: '84fcf40991be78295c69f04b7c9bef5ae1c6480d',
        },
        "const client = new SparkPost('5bc90fe93b97a00ba9102963061feb9ad744c070')",
      ],
      negative: [
        'commit 84fcf40991be78295c69f04b7c9bef5ae1c6480d merged',
        'SPARKPOST_API_KEY=0e50ea29ec732d37fbed0b96a9ed3b75',
      ],
    },
  },
  {
    id: 'ngrok_authtoken',
    category: 'system.authentication',
    description: 'ngrok authtoken / API key (2 + 26 base62 + _ + digit + 20 base62) near ngrok.',
    // The shape is distinctive enough for a base64-run trigger (`runs`), but each run rule is
    // charged every run's length against the work budget, and a third and fourth run rule would
    // push a 100 KB base64 value (an inline image) past it. Kept on its keyword until the scanner
    // can skip runs longer than a rule's token (see docs/secrets.md, engine notes).
    keywords: ['ngrok'],
    pattern: windowValue('2[A-Za-z0-9]{26}_[0-9][A-Za-z0-9]{20}'),
    anchor: 'window',
    validate: mixedCaseAlnum,
    minEntropy: 3.8,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'NGROK_AUTHTOKEN=2sRmc9tfn5P2AtvGhSKjiavNHvf_7m6A9wqfMENqMvw7CqHeT',
          match: '2sRmc9tfn5P2AtvGhSKjiavNHvf_7m6A9wqfMENqMvw7CqHeT',
        },
        'ngrok config add-authtoken 2UVJqjE7InkamdBUHFf8AyWOSd2_3WHHgQW9taBvGNQ0AAIMT',
        {
          text: 'ngrok agent started with 2v1MKdMUEjAdEznMuk8tI7NZB70_7HfSwoPe0RRUuU3mEgOL9 (region eu)',
          match: '2v1MKdMUEjAdEznMuk8tI7NZB70_7HfSwoPe0RRUuU3mEgOL9',
        },
        '{"ngrok":{"authtoken":"22GTQPyvA08qmROnogerCV5BvV0_6nzhmRFKq77xxsIeHm59k"}}',
      ],
      negative: [
        'request 2sRmc9tfn5P2AtvGhSKjiavNHvf_7m6A9wqfMENqMvw7CqHeT completed',
        'NGROK_AUTHTOKEN=2zJuHriX0Cn6wwngIjp9R',
        'ngrok 2sRmc9tfn5P2AtvGhSKjiavNHvf_Xm6A9wqfMENqMvw7CqHeT',
        'ngrok 3sRmc9tfn5P2AtvGhSKjiavNHvf_7m6A9wqfMENqMvw7CqHeT',
        'ngrok id=x2sRmc9tfn5P2AtvGhSKjiavNHvf_7m6A9wqfMENqMvw7CqHeT',
      ],
    },
  },
  {
    id: 'beamer_api_token',
    category: 'system.authentication',
    description: 'Beamer API key (b_ + 44 base64url) near beamer.',
    keywords: ['beamer'],
    pattern: windowValue('b_[A-Za-z0-9_=-]{44}'),
    anchor: 'window',
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'BEAMER_API_KEY=b_CdsxK8048VUcy-MHH158vvveLTaYnuboxFzeF5JUdMAO',
          match: 'b_CdsxK8048VUcy-MHH158vvveLTaYnuboxFzeF5JUdMAO',
        },
        'Beamer-Api-Key: b_G_lB128laZZ7gBITh3U0YI5mtUnxm6ZfVlBHxLGWpJLE',
      ],
      negative: [
        'request b_CdsxK8048VUcy-MHH158vvveLTaYnuboxFzeF5JUdMAO completed',
        'BEAMER_API_KEY=b_4tE4YzuzZEwy19ZSxX6YVzltES4vkp',
      ],
    },
  },
  {
    id: 'yandex_static_access_key',
    category: 'system.authentication',
    description: 'Yandex Cloud static access key secret (YC + 38 base64url) near yandex.',
    keywords: ['yandex'],
    pattern: windowValue('YC[A-Za-z0-9_-]{38}'),
    anchor: 'window',
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.86,
    examples: {
      positive: [
        {
          text: 'YANDEX_SECRET_ACCESS_KEY=YCyQoJ2aOMEvantrAhJ6_zLybuu3dYvJKHeQj_PX',
          match: 'YCyQoJ2aOMEvantrAhJ6_zLybuu3dYvJKHeQj_PX',
        },
        'yandex storage: aws_secret_access_key = YCyA8W3ZC3ysfWPDiLtEH6JYCbJYz82ddvh9SMii',
      ],
      negative: [
        'request YCyQoJ2aOMEvantrAhJ6_zLybuu3dYvJKHeQj_PX completed',
        'YANDEX_SECRET_ACCESS_KEY=YC0xoRdo8yHhchB9yNSKF-',
      ],
    },
  },
  {
    id: 'honeycomb_api_key',
    category: 'system.authentication',
    description: 'Honeycomb API / ingest key (22 base62, or 32 hex classic key) near honeycomb.',
    keywords: ['honeycomb'],
    pattern: windowValue('[A-Za-z0-9]{22}|[a-f0-9]{32}'),
    anchor: 'window',
    near: 'credential',
    validate: (s) => (s.length === 22 ? mixedCaseAlnum(s) : hasDigit(s)),
    minEntropy: 3.3,
    confidence: 0.86,
    examples: {
      positive: [
        { text: 'HONEYCOMB_API_KEY=FPrpzpa3odn1cjGaM2di2J', match: 'FPrpzpa3odn1cjGaM2di2J' },
        'x-honeycomb-team: 2ed2509ff4374ba283cd8ff239dfb931',
      ],
      negative: ['request FPrpzpa3odn1cjGaM2di2J completed', 'HONEYCOMB_API_KEY=Eeir4noJtaEYN5jR'],
    },
  },
];
