/** Other cloud providers: Alibaba Cloud, Tencent Cloud, IBM Cloud, Scaleway, Yandex Cloud. */
import type { Rule } from '../../types.js';
import { hasDigit, mixedCaseAlnum } from './helpers.js';

/** Alibaba, Tencent, IBM, Scaleway and Yandex cloud credentials. */
export const otherCloudRules: readonly Rule[] = [
  {
    id: 'alibaba_access_key_id',
    category: 'system.authentication',
    description: 'Alibaba Cloud AccessKey ID (LTAI + 12–20 base62).',
    keywords: ['ltai'],
    pattern: /LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])/y,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'note: rotated LTAIjTZ8CYPjG0Sj0sftDMAE yesterday, please revoke the old one',
          match: 'LTAIjTZ8CYPjG0Sj0sftDMAE',
        },
        '<input type="hidden" name="cfg" value="LTAIhev7YMhrdUtW8OPQPWRR">',
      ],
      negative: [
        'ltain75CzHSOAJ1uGYDLLxAr',
        'truncated: LTAIgb0QQBkYK end',
        'id=xyzLTAIgb0QQBkYKlzNeoF1vxHx',
      ],
    },
  },
  {
    id: 'alibaba_secret_key',
    category: 'system.authentication',
    description:
      'Alibaba Cloud AccessKey secret: 30 mixed-case base62 near alibaba / aliyun / AccessKeySecret.',
    keywords: ['alibaba', 'aliyun', 'accesskeysecret', 'access_key_secret'],
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{30}(?![A-Za-z0-9])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET=mfdoIVhLgxe7SUQhd4nVjJzyoio022',
          match: 'mfdoIVhLgxe7SUQhd4nVjJzyoio022',
        },
        '{"AccessKeyId":"LTAI5tQz8LmN2vXrP4kW9sYb","AccessKeySecret":"c7VBtncxy5ktIqp6MnYX0q86EVBIut"}',
      ],
      negative: [
        'request FZV8l4atMTzB9CZwUdsxFZZablsT0w completed in 32ms',
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET=FZV8l4atMTzB9CZwUdsxFZZabl',
      ],
    },
  },
  {
    id: 'tencent_secret_id',
    category: 'system.authentication',
    description: 'Tencent Cloud SecretId (AKID + 32 base62).',
    keywords: ['akid'],
    pattern: /AKID[A-Za-z0-9]{32}(?![A-Za-z0-9])/y,
    validate: mixedCaseAlnum,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: AKIDoLsXCQXwdkS19feXZ5KZA0gZKoT5uhGe\n  script: make deploy',
          match: 'AKIDoLsXCQXwdkS19feXZ5KZA0gZKoT5uhGe',
        },
        '[warn] found AKIDu02UdhA2lJcZtyVUgw69WMQPIyVYGGZD in request body of /api/v1/events',
      ],
      negative: [
        'truncated: AKIDsppLGePK5gwHS8CPYCEyKO2VTkDpp end',
        'id=xyzAKIDsppLGePK5gwHS8CPYCEyKO2VTkDpp3kH',
      ],
    },
  },
  {
    id: 'tencent_secret_key',
    category: 'system.authentication',
    description: 'Tencent Cloud SecretKey: 32 mixed-case base62 near tencent / secretkey.',
    keywords: ['tencent'],
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'TENCENTCLOUD_SECRET_KEY=jZFodF2INa4np4orJJMFw1lVr0Sy6Yo3',
          match: 'jZFodF2INa4np4orJJMFw1lVr0Sy6Yo3',
        },
        'tencent cloud cred: SecretKey 0Bycq51kyj2CKcS3sXfDc4PsBwHAgQiW',
      ],
      negative: [
        'request Vt0BfCIQYrOenTDrWARKuvXN6pQ1YRFr completed in 32ms',
        'TENCENTCLOUD_SECRET_KEY=Vt0BfCIQYrOenTDrWARKuvXN6pQ1',
      ],
    },
  },
  {
    id: 'ibm_cloud_api_key',
    category: 'system.authentication',
    description: 'IBM Cloud API key: 44 base64url near ibm_cloud / ibmcloud / ibm_api_key.',
    keywords: ['ibm_cloud', 'ibmcloud', 'ibm-cloud', 'ibm_api', 'ibm_apikey'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{44}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'IBMCLOUD_API_KEY=1oKylWqdOA1TZgYywHo4kH3CkRxUi9sPc5Wad_ziXPWr',
          match: '1oKylWqdOA1TZgYywHo4kH3CkRxUi9sPc5Wad_ziXPWr',
        },
        'ibmcloud login --apikey qsdWM01pFP9MPJW5U_xut-fMzwHE6f6OU81AViMM_jG8',
      ],
      negative: [
        'request yoXC8ECAHX2cRAeOa9A4p8FvqMGT9KGBRd7-zYIL_gRE completed in 32ms',
        'IBMCLOUD_API_KEY=yoXC8ECAHX2cRAeOa9A4p8FvqMGT9KGBRd7-zYIL',
      ],
    },
  },
  {
    id: 'scaleway_access_key',
    category: 'system.authentication',
    description: 'Scaleway access key (SCW + 17 upper-case alphanumerics).',
    keywords: ['scw'],
    pattern: /SCW[A-Z0-9]{17}(?![A-Za-z0-9])/y,
    validate: hasDigit,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential SCWBJBZSOSMLISOA751Q was rejected',
          match: 'SCWBJBZSOSMLISOA751Q',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"SCWF0G9TGDKTCG89GF2H","plan":"team"}}',
      ],
      negative: [
        'SCWPROVISIONINGJOBSQ done',
        'truncated: SCW5OWKHBC4DFT86C end',
        'id=xyzSCW5OWKHBC4DFT86COJI',
      ],
    },
  },
  {
    id: 'yandex_api_key',
    category: 'system.authentication',
    description: 'Yandex Cloud API key (AQVN + 35–38 base64url).',
    keywords: ['aqvn'],
    pattern: /AQVN[A-Za-z0-9_-]{35,38}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'user pasted "AQVNy3xVVWKxCRUd84plxb51Hw7bnq2_8Ec-j8TX" into the support widget',
          match: 'AQVNy3xVVWKxCRUd84plxb51Hw7bnq2_8Ec-j8TX',
        },
        'export ACME_CREDENTIAL=AQVNPJejSUpzLUGfgQMG05h0aTvvSeMX3KCsE1nc',
      ],
      negative: [
        'truncated: AQVNdEgFDWAna6tBE6XsKX_XmyjDm1X6imIv end',
        'id=xyzAQVNdEgFDWAna6tBE6XsKX_XmyjDm1X6imIvMoKn',
      ],
    },
  },
];
