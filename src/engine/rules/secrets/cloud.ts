/**
 * Google Cloud and Microsoft Azure credentials: API keys, OAuth client secrets and tokens,
 * storage and Service Bus keys, Entra ID client secrets, Azure DevOps PATs.
 */
import type { Rule } from '../../types.js';
import { hasDigit } from './helpers.js';

/** Google Cloud and Azure credentials. */
export const cloudRules: readonly Rule[] = [
  {
    id: 'google_api_key',
    category: 'system.authentication',
    description:
      'Google API key (AIza + 35 base64url); browser-restricted Firebase keys are reported too.',
    keywords: ['aiza'],
    pattern: /AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'https://maps.googleapis.com/maps/api/geocode/json?address=Main+St&key=AIzaGcq8MYi-EfFrILQXSwtNT9mfX14hUCmJGwU',
          match: 'AIzaGcq8MYi-EfFrILQXSwtNT9mfX14hUCmJGwU',
        },
        'const firebaseConfig = { apiKey: "AIzaWEuQKaFYFIayrCSRRdCmGypjUqxttmav-6u", authDomain: "acme.firebaseapp.com" };',
      ],
      negative: [
        'aizaeX3e50Y1RBLZ4juIgNv2v5JSFhM2chXwJLf',
        'truncated: AIzaK-rFu1S4Zx2dBYAihP_s2S6iqYd--DdS end',
        'id=xyzAIzaK-rFu1S4Zx2dBYAihP_s2S6iqYd--DdSu-Y',
      ],
    },
  },
  {
    id: 'google_oauth_client_secret',
    category: 'system.authentication',
    description: 'Google OAuth client secret (GOCSPX- + 28 base64url).',
    keywords: ['gocspx-'],
    pattern: /GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'user pasted "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" into the support widget',
          match: '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',
        },
        'export ACME_CREDENTIAL=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',
      ],
      negative: [
        'truncated: GOCSPX-DSMeF3d52FrMFRwM4Z6UW76UW end',
        'id=xyzGOCSPX-DSMeF3d52FrMFRwM4Z6UW76UWJ-U',
      ],
    },
  },
  {
    id: 'google_oauth_access_token',
    category: 'user.authorization.credentials',
    description: 'Google OAuth 2.0 access token (ya29. + 30–2048 base64url).',
    keywords: ['ya29.'],
    pattern: /ya29\.[A-Za-z0-9_-]{30,2048}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: ya29.a0PN4rqViJJkLrlUxkXwGa-oktcRbKBUQgRE7jTRrafTpMx0ljP4XFWCPC8ZWd8QUZcFt9h0fPE6F2Wta9TyWc_1QzTXdKa_xcWTQQzBOJdPY2ErURc6rpHaFzdl9u-08rFo5_1YuxBGCk9Aq0nMOyrP" https://api.acme.dev/v2/projects',
          match:
            'ya29.a0PN4rqViJJkLrlUxkXwGa-oktcRbKBUQgRE7jTRrafTpMx0ljP4XFWCPC8ZWd8QUZcFt9h0fPE6F2Wta9TyWc_1QzTXdKa_xcWTQQzBOJdPY2ErURc6rpHaFzdl9u-08rFo5_1YuxBGCk9Aq0nMOyrP',
        },
        'Build log: loaded ya29.a0Hrc668Ven_uK082zt5_VUpKBOWFNFP3vqhd_rw0um71NsR3gnI56ysyaJnPzUXDDRNaohmoPrSg2TlXhUUKl-OM2KEXJRDdzH9_WU1yYmZI6Tx95FHtlxb5GRcaHL1NW7RaOBq9os2gUPsoKXq_SMR from .env.production',
      ],
      negative: [
        'truncated: ya29.a0Bz1IkXJZdymgxl8FEMhrS7f-b end',
        'id=xyzya29.a0Bz1IkXJZdymgxl8FEMhrS7f-bEK8XfTfYSomRmsum8OXsPmwPjIbnrW05Uqhvw7GVvZOtL6npdohgNw01-sw21HJHjXn6kQwUykfNMot3a0-XL6S_dWELrTxnN4q1u5-z5LeCs4wC-lXWkUaNqNctx',
      ],
    },
  },
  {
    id: 'google_oauth_refresh_token',
    category: 'user.authorization.credentials',
    description: 'Google OAuth 2.0 refresh token (1//0 + 40–512 base64url).',
    keywords: ['1//0'],
    pattern: /1\/\/0[A-Za-z0-9_-]{40,512}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'note: rotated 1//0PMX0HCa460OcFtY4CRAZg7OIFzDY50nYr-0eFbiQAfEI95VQS_b6Q1_TEjTMmV6_IN2sEKSrXvN-P3a0Wsadgog5EN8QtqBKhFc yesterday, please revoke the old one',
          match:
            '1//0PMX0HCa460OcFtY4CRAZg7OIFzDY50nYr-0eFbiQAfEI95VQS_b6Q1_TEjTMmV6_IN2sEKSrXvN-P3a0Wsadgog5EN8QtqBKhFc',
        },
        '<input type="hidden" name="cfg" value="1//0cjJdcYbYPJCoPeXMMjMleFp8-0VUSg__WPE52wBbi4X9AprIjViNLFQr-YNt58uzXtLLt9pipW4VxQ1mB1Wfe62pITKkE7YA63Z">',
      ],
      negative: [
        'truncated: 1//0eQpNv8_M_PKkRfKyYo06imGW4j20bToj5F8xF end',
        'id=xyz1//0eQpNv8_M_PKkRfKyYo06imGW4j20bToj5F8xFJpLpxY_rUTXZpaNHJYYA8crHwixvamSvaIvFKdDqUC-YWjTPmiwrmvUyYkLvm0',
      ],
    },
  },
  {
    id: 'azure_storage_account_key',
    category: 'system.authentication',
    description:
      'Azure Storage account key in a connection string (AccountKey= + 86 base64 + ==); reports the key.',
    keywords: ['accountkey='],
    pattern: /[Aa]ccount[Kk]ey=([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/y,
    group: 1,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=zvi4zhBF0uQzlLwpFjCbY53Si4b8iHH4JtJ7eIuj8Ur2xfTabyyKB6SSgWul7Z7tfl3DsqfyWztQuAXFxF9yui==;EndpointSuffix=core.windows.net',
          match:
            'zvi4zhBF0uQzlLwpFjCbY53Si4b8iHH4JtJ7eIuj8Ur2xfTabyyKB6SSgWul7Z7tfl3DsqfyWztQuAXFxF9yui==',
        },
        'AZURE_STORAGE_CONNECTION_STRING="AccountName=logs;AccountKey=AXEKgbfgfXAXKXtvMPj2BU0f/s0LsgsJ9ZbUL1trF5qZ62LuY3anoO9BdlnXGoXa/h9vjGfwh/Td5Ujt1yopJs=="',
      ],
      negative: [
        'AccountKey=gHu42FYWnzzj7O4ZQjRXbeZp3a5K3NgXYUlTIT+Y==;',
        'AccountKey=gHu42FYWnzzj7O4ZQjRXbeZp3a5K3NgXYUlTIT+Y767ht2lc1e9WdtFyMhA21E5DR1Vj2f4dJf7Q5xK2viZhx0==extra',
        'AccountKey=<your-storage-key>;',
      ],
    },
  },
  {
    id: 'azure_service_bus_key',
    category: 'system.authentication',
    description:
      'Azure Service Bus / Event Hubs shared access key in a connection string (SharedAccessKey= + 43 base64 + =).',
    keywords: ['sharedaccesskey='],
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/y,
    group: 1,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zu8k1qqRubKcz+Eqzw+ZB/DJGqkowhI5OeeVT6xaq7J=',
          match: 'Zu8k1qqRubKcz+Eqzw+ZB/DJGqkowhI5OeeVT6xaq7J=',
        },
        'EVENTHUB_CONN="Endpoint=sb://hub.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=JDv2zgubrf7O6FsBtqL0iEU+gD+r00pSPx/G+PtkgT6=;EntityPath=events"',
      ],
      negative: [
        'SharedAccessKeyName=RootManageSharedAccessKey;',
        'SharedAccessKey=ulGw6ZQ0yqTiTse413Lb=',
      ],
    },
  },
  {
    id: 'azure_ad_client_secret',
    category: 'system.authentication',
    description:
      'Microsoft Entra ID (Azure AD) client secret (3 chars + digit + Q~ + 31–34 chars); triggered by Q~.',
    keywords: ['q~'],
    pattern: /[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/y,
    offset: 4,
    minEntropy: 3.5,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'user pasted "rFu4Q~9m1qLenmbxN~k9mnV01uB0TNd-FU3RjT.z" into the support widget',
          match: 'rFu4Q~9m1qLenmbxN~k9mnV01uB0TNd-FU3RjT.z',
        },
        'export ACME_CREDENTIAL=hve3Q~0wYKsLVecpp.ZUe8UAenDE9oRRpzCi0TM8',
      ],
      negative: [
        'abRxQ~eFblBoj~c0Rb_k0cAC~dDKGkkHkm4h9TAk',
        'truncated: 4qA2Q~a4.fbOrQsIcijaD.vzM2cucYGO2F end',
        'id=xyz4qA2Q~a4.fbOrQsIcijaD.vzM2cucYGO2FPXtmtJ',
      ],
    },
  },
  {
    id: 'azure_devops_pat',
    category: 'system.authentication',
    description: 'Azure DevOps personal access token (52 base32 lower-case) near devops / azdo.',
    keywords: ['devops', 'azdo'],
    pattern: /(?<![A-Za-z0-9])[a-z2-7]{52}(?![A-Za-z0-9])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: hasDigit,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'AZURE_DEVOPS_EXT_PAT=lncsgumgconz2bg6fskzkztgw7nhjasjddme2r2tnpktlpyp56zm',
          match: 'lncsgumgconz2bg6fskzkztgw7nhjasjddme2r2tnpktlpyp56zm',
        },
        'git clone https://pat:qdypk4xshe2c2dsgt6ezqf5kvwjibgctzpwpocp2zl6k6khmsg46@dev.azure.com/acme/devops-tools/_git/api',
      ],
      negative: [
        'request vjzfdt6k3eepdaxirbtpryen3qbh2cusnpj3bs5m6kqjt22rw37r completed in 32ms',
        'AZURE_DEVOPS_EXT_PAT=vjzfdt6k3eepdaxirbtpryen3qbh2cusnpj3bs5m6kqjt22r',
      ],
    },
  },
  {
    id: 'azure_devops_pat_v2',
    category: 'system.authentication',
    description:
      'Azure DevOps personal access token, 84-character format with the AZDO signature at position 76.',
    keywords: ['azdo'],
    pattern: /[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])/y,
    offset: 76,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: 1bmsRXcJMGAzXv1XLbcqFrcaTBWTTGIIR8ef4w3AYVawQRPhXnaDcufc1p0WiwTwBhtTqPZZ2HU9AZDOJSk9" https://api.acme.dev/v2/projects',
          match:
            '1bmsRXcJMGAzXv1XLbcqFrcaTBWTTGIIR8ef4w3AYVawQRPhXnaDcufc1p0WiwTwBhtTqPZZ2HU9AZDOJSk9',
        },
        'Build log: loaded rGHaykPjEEtpHPIsJ5m8RyPw0XTFBv9EgsODy8vrykyHI9ipBWJvWgShTCFIGPINqt80zWM72EsSAZDOvv8L from .env.production',
      ],
      negative: [
        'truncated: ubNJbKr7kkdX6046rJ9AIrKBn4Dn1qZdeF5DIfJJGesmCc5uGy94uB7VyHYWEjDYoTqzGKwKXhKSA end',
        'id=xyzubNJbKr7kkdX6046rJ9AIrKBn4Dn1qZdeF5DIfJJGesmCc5uGy94uB7VyHYWEjDYoTqzGKwKXhKSAZDOYxAJ',
      ],
    },
  },
];
