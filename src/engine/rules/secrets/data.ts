/**
 * Databases: PlanetScale, Supabase, Databricks, ClickHouse Cloud, InfluxDB. Supabase publishable
 * keys are public and not reported.
 */
import type { Rule } from '../../types.js';
import { mixedCaseAlnum } from './helpers.js';

/** Database platform credentials. */
export const dataRules: readonly Rule[] = [
  {
    id: 'planetscale_token',
    category: 'system.authentication',
    description: 'PlanetScale service token (pscale_tkn_ + 32–64 base64url / .).',
    keywords: ['pscale_tkn_'],
    pattern: /pscale_tkn_[A-Za-z0-9_.=-]{32,64}(?![A-Za-z0-9_.=-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'user pasted "pscale_tkn_YE-gmwCUJGgEgSsjQfWfFLr1tDwM60lzRd2SKXz3JA5" into the support widget',
          match: 'pscale_tkn_YE-gmwCUJGgEgSsjQfWfFLr1tDwM60lzRd2SKXz3JA5',
        },
        'export ACME_CREDENTIAL=pscale_tkn_fhbuFTatSjLFWCEibLvCL1L53RJJ4Fdj3LFzOGfVWaD',
      ],
      negative: [
        'truncated: pscale_tkn_C6p1ZJs18esu4G1g_ceyyphuiPIco end',
        'id=xyzpscale_tkn_C6p1ZJs18esu4G1g_ceyyphuiPIcoX86OVvqFBLKLkG',
      ],
    },
  },
  {
    id: 'planetscale_password',
    category: 'system.authentication',
    description: 'PlanetScale database password (pscale_pw_ + 32–64 base64url / .).',
    keywords: ['pscale_pw_'],
    pattern: /pscale_pw_[A-Za-z0-9_.=-]{32,64}(?![A-Za-z0-9_.=-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'DATABASE_PASSWORD=pscale_pw_yF5nG3LpxdyVWLycTK1axIJCn-elqcsqkcgtjfzZihn',
          match: 'pscale_pw_yF5nG3LpxdyVWLycTK1axIJCn-elqcsqkcgtjfzZihn',
        },
        'mysql -h aws.connect.psdb.cloud -u acme --password=pscale_pw_e0lhI-9bzdxx5x25ZotyuUwagLg_ZMSTPGg0tYMNcLt shop',
      ],
      negative: [
        'truncated: pscale_pw_liKn8Z3hudsXNWaLIM7-vktWKJWoi end',
        'id=xyzpscale_pw_liKn8Z3hudsXNWaLIM7-vktWKJWoidvfVLxJY9F7FM7',
      ],
    },
  },
  {
    id: 'planetscale_oauth_token',
    category: 'system.authentication',
    description: 'PlanetScale OAuth token (pscale_oauth_ + 32–64 base64url / .).',
    keywords: ['pscale_oauth_'],
    pattern: /pscale_oauth_[A-Za-z0-9_.=-]{32,64}(?![A-Za-z0-9_.=-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated pscale_oauth_PB_wMkgNJDrfZTaPOsHp3rQSuHJPaY9lfChhN0CAtMa yesterday, please revoke the old one',
          match: 'pscale_oauth_PB_wMkgNJDrfZTaPOsHp3rQSuHJPaY9lfChhN0CAtMa',
        },
        '<input type="hidden" name="cfg" value="pscale_oauth_jDbKtTHBURBEQBmdVQm6gMVzw00u10gkTue73yEmfJR">',
      ],
      negative: [
        'truncated: pscale_oauth_LzlvW67m4T3O4ocC3JFORwunZY03h end',
        'id=xyzpscale_oauth_LzlvW67m4T3O4ocC3JFORwunZY03h7X8SHyQVM3TUtZ',
      ],
    },
  },
  {
    id: 'supabase_pat',
    category: 'system.authentication',
    description: 'Supabase personal access token (sbp_ + 40 hex).',
    keywords: ['sbp_'],
    pattern: /sbp_[a-f0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: sbp_5bad1d08e565434902df1913a652f9b3701d4635\n  script: make deploy',
          match: 'sbp_5bad1d08e565434902df1913a652f9b3701d4635',
        },
        '[warn] found sbp_a2eba2d8a20c034895fcdd84a29e489e141fe616 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: sbp_383483356203d7f82b01d96f3ee053cadcd8b end',
        'id=xyzsbp_383483356203d7f82b01d96f3ee053cadcd8b6e4',
      ],
    },
  },
  {
    id: 'supabase_secret_key',
    category: 'system.authentication',
    description:
      'Supabase secret API key (sb_secret_ + 28–40 base64url). Publishable sb_publishable_ keys are public and not reported.',
    keywords: ['sb_secret_'],
    pattern: /sb_secret_[A-Za-z0-9_-]{28,40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential sb_secret_wsHLvKpBmUg06iNHX591Yx3i1n_J49f was rejected',
          match: 'sb_secret_wsHLvKpBmUg06iNHX591Yx3i1n_J49f',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"sb_secret_A-mPVo7SXnUD_muhUVXaNaXn7Bd3Ytg","plan":"team"}}',
      ],
      negative: [
        'SUPABASE_PUBLISHABLE_KEY=sb_publishable_LI9GOnpZz5y0xj3oq-55KTUeeBK_1Hb',
        'truncated: sb_secret_zCbLSFjNRxhRyCOvwDDUpp_RJ end',
        'id=xyzsb_secret_zCbLSFjNRxhRyCOvwDDUpp_RJcZ8GTO',
      ],
    },
  },
  {
    id: 'databricks_token',
    category: 'system.authentication',
    description: 'Databricks personal access token (dapi + 32 hex, optional -N suffix).',
    keywords: ['dapi'],
    pattern: /dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'user pasted "dapi5c5915f0fa5a71e71791e88701d83d13" into the support widget',
          match: 'dapi5c5915f0fa5a71e71791e88701d83d13',
        },
        'export ACME_CREDENTIAL=dapi43cd0fc03d62347be239854f422fb3dc',
      ],
      negative: [
        'dapibus lorem ipsum dolor',
        'truncated: dapi916109fd162e3959a86e2770df92b end',
        'id=xyzdapi916109fd162e3959a86e2770df92b68f',
      ],
    },
  },
  {
    id: 'clickhouse_cloud_api_secret',
    category: 'system.authentication',
    description: 'ClickHouse Cloud API key secret (4b1d + 38 base62).',
    keywords: ['4b1d'],
    pattern: /4b1d[A-Za-z0-9]{38}(?![A-Za-z0-9_-])/y,
    validate: mixedCaseAlnum,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: 4b1dIvVbfDU9ngaJhstwdkMuj2vYiIwXO0jlZMHz0d" https://api.acme.dev/v2/projects',
          match: '4b1dIvVbfDU9ngaJhstwdkMuj2vYiIwXO0jlZMHz0d',
        },
        'Build log: loaded 4b1dk2rB8LeIwhQZdqdQtUjl7clEMmlivaYQOU1hPy from .env.production',
      ],
      negative: [
        'commit 4b1d9e0c2f7a8b6d5e4c3b2a1f0e9d8c7b6a5f4e3d2c',
        'truncated: 4b1dsKvfMPAt6XU81mDq9fWKIlUdnxQ88SdhqUz end',
        'id=xyz4b1dsKvfMPAt6XU81mDq9fWKIlUdnxQ88SdhqUze3H',
      ],
    },
  },
  {
    id: 'influxdb_token',
    category: 'system.authentication',
    description: 'InfluxDB API token: 86 base64url + == near influx.',
    keywords: ['influx'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{86}==(?![A-Za-z0-9_=-])/g,
    anchor: 'window',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'INFLUX_TOKEN=TNHglBxGqiVTFAUOapw7Ppualh0hK7V4DZl41HYxwM3k5ebYn_C3lUVwg0qCycrEXikwDBgr7tbeq4JC_xOaZC==',
          match:
            'TNHglBxGqiVTFAUOapw7Ppualh0hK7V4DZl41HYxwM3k5ebYn_C3lUVwg0qCycrEXikwDBgr7tbeq4JC_xOaZC==',
        },
        'influx auth list --token dnvU4UT9RB6mPsg1JkoRts1uQMi8RxhT1QenrR1tXblcYRH6EhQaZyDTGXdXqQeUk6q-ssPDhf492QekCmHui2==',
      ],
      negative: [
        'request JX3MWBN_kn8na3xs_zQxV-G86QNtamThYW2w_vBAtwqVgjAuy9Vx82x49GIlw3mH-1kjuPb38hcA3zwOe96C3A== completed in 32ms',
        'INFLUX_TOKEN=JX3MWBN_kn8na3xs_zQxV-G86QNtamThYW2w_vBAtwqVgjAuy9Vx82x49GIlw3mH-1kjuPb38hcA3zwOe96C',
      ],
    },
  },
];
