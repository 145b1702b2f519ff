/**
 * Key, secret, password and signature parameters in URLs and form bodies (api_key=, key=,
 * secret=, client_secret=, password=, sig=, X-Amz-Signature=, X-Amz-Credential=,
 * X-Amz-Security-Token=, X-Goog-Signature=, private_token=). Same name and value rules as
 * query.ts.
 */
import type { Rule } from '../../types.js';
import { passwordValue, randomCredential, secretValue } from './context-values.js';

/** URL / form key, password and signature parameter rules. */
export const queryKeyRules: readonly Rule[] = [
  {
    id: 'url_api_key',
    category: 'system.authentication',
    description: 'Value of an api_key= / apikey= / api-key= / apiKey= parameter.',
    keywords: ['api_key=', 'apikey=', 'api-key='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:api[_-]?[Kk]ey)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,512}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: secretValue,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'https://api.weather.io/v1/forecast?city=Osaka&api_key=HYuLMVdohDAT7YOQt29psUBGCiXhLTxy',
          match: 'HYuLMVdohDAT7YOQt29psUBGCiXhLTxy',
        },
        'https://cdn.acme.io/widget.js?apiKey=VzCJZrKoriHNIYNoZtbCriJFUfO_H7Ek',
      ],
      negative: [
        '?api_key=&city=Osaka',
        'https://eu.posthog.com/decide/?api_key=phc_5I11uNJe91LVhyCK25T1uei8yfrSMOdY316Ot4762Kq',
      ],
    },
  },
  {
    id: 'url_key',
    category: 'system.authentication',
    description: 'Value of a bare key= parameter, only when 20+ random-looking characters.',
    keywords: ['key='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:key)=([^&#\s"'<>;,\\(){}[\]|^=?`]{20,512}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3.5,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'https://maps.acme.io/staticmap?center=35.68,139.76&key=LSaQ1iA0G1Dyl8RlnNJ058wbiY3b2PLH',
          match: 'LSaQ1iA0G1Dyl8RlnNJ058wbiY3b2PLH',
        },
        'https://storage.acme.io/obj?key=TvzyeX_eFgFdhA5OhwpAPUzjpNHgrx_p&exp=1717230000',
      ],
      negative: [
        'https://shop.acme.io/cart?key=products_list_page_sorted_by_price',
        '?key=value',
        'https://acme.io/?monkey=Zk3vQ9pL2xW7mN4bT8yRqq',
      ],
    },
  },
  {
    id: 'url_secret',
    category: 'system.authentication',
    description: 'Value of a secret= parameter.',
    keywords: ['secret='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:secret)=([^&#\s"'<>;,\\(){}[\]|^=?`]{12,512}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'https://hooks.acme.io/ingest?secret=8NGoivo2NpY7i5_N4CgLyXde',
          match: '8NGoivo2NpY7i5_N4CgLyXde',
        },
        'otpauth://totp/Acme:bob?secret=BDATC6TR4FWU7M6DBCXTZCAG3LSSERTD&issuer=Acme',
      ],
      negative: ['?secret=shh', 'https://acme.io/blog?topic=secret-santa-2024'],
    },
  },
  {
    id: 'url_client_secret',
    category: 'system.authentication',
    description: 'Value of a client_secret= parameter (OAuth client credentials).',
    keywords: ['client_secret=', 'clientsecret='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:client_secret|clientSecret)=([^&#\s"'<>;,\\(){}[\]|^=?`]{12,512}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'grant_type=client_credentials&client_id=web&client_secret=i7Um-J2WC93h-ABZSDWCn92QBj-eMQ7Mh5tXVPjZ',
          match: 'i7Um-J2WC93h-ABZSDWCn92QBj-eMQ7Mh5tXVPjZ',
        },
        'https://auth.acme.io/token?client_id=42&clientSecret=iTlBz5H9-0wv3f_4kLRVWbUUPNsGusYrtoTRpLMD',
      ],
      negative: ['client_secret=&client_id=web', 'client_secret=xxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'url_password',
    category: 'user.authorization.password',
    description: 'Value of a password= / passwd= / pwd= parameter.',
    keywords: ['password=', 'passwd=', 'pwd='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:password|passwd|pwd)=([^&#\s"'<>;,\\(){}[\]|^=?`]{6,256}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: passwordValue,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'https://legacy.acme.io/login.php?user=bob&password=SYc2UhO.986',
          match: 'SYc2UhO.986',
        },
        'username=bob&pwd=9aVOP1L-837&remember=1',
      ],
      negative: [
        'https://acme.io/account?password=forgotten',
        '?password=password',
        'username=bob&password=&remember=1',
      ],
    },
  },
  {
    id: 'url_signature',
    category: 'system.authentication',
    description: 'Value of a sig= / signature= parameter (Azure SAS, signed URLs).',
    keywords: ['sig=', 'signature='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:sig|signature)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,1024}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'https://acme.blob.core.windows.net/exports/a.csv?sv=2022-11-02&se=2024-06-02&sr=b&sp=r&sig=wFUfHMU3KIBuXkm1j9CH%2B3UEaj0bZB5VN25TImT%3D',
          match: 'wFUfHMU3KIBuXkm1j9CH%2B3UEaj0bZB5VN25TImT%3D',
        },
        'https://img.acme.io/p.jpg?w=300&signature=8aLHfp7ZOSJRGHMQ0wOR%2BnD8pyxHKYwfW88EAPt%3D',
      ],
      negative: ['?sig=abc', 'https://acme.io/?X-Amz-SignedHeaders=host&design=modern'],
    },
  },
  {
    id: 'url_amz_signature',
    category: 'system.authentication',
    description: 'X-Amz-Signature of an AWS SigV4 presigned URL (64 hex).',
    keywords: ['x-amz-signature='],
    pattern: /(?<![A-Za-z0-9_.-])(?:[Xx]-[Aa]mz-[Ss]ignature)=([a-f0-9]{64})(?![0-9A-Za-z])/y,
    group: 1,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'link: https://acme.s3.amazonaws.com/a.pdf?X-Amz-Signature=2a337759cef160993f51940a873fe1c028e6310303c1e3c92185278ec3d7b1fa。までお願いします！',
          match: '2a337759cef160993f51940a873fe1c028e6310303c1e3c92185278ec3d7b1fa',
        },
        {
          text: 'https://acme.s3.amazonaws.com/a.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=2a337759cef160993f51940a873fe1c028e6310303c1e3c92185278ec3d7b1fa',
          match: '2a337759cef160993f51940a873fe1c028e6310303c1e3c92185278ec3d7b1fa',
        },
        'x-amz-signature=4cce5d3dcac563103ef50db7b577398ad7ab602e62607e6274e935a56e766e0d',
      ],
      negative: [
        'X-Amz-Signature=abc123',
        'X-Amz-Signature=6685e8ffcb8d4757793fed32d34dfb59da0f654a7ad71f2428ff3a4c98e2f366ff',
      ],
    },
  },
  {
    id: 'url_amz_credential',
    category: 'system.authentication',
    description:
      'X-Amz-Credential of an AWS presigned URL (access key id / scope); the key id is also reported by its own rule.',
    keywords: ['x-amz-credential='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:[Xx]-[Aa]mz-[Cc]redential)=([A-Z0-9]{16,128}(?:%2F|\/)[A-Za-z0-9%/_-]{8,200})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'https://acme.s3.amazonaws.com/a.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIALO5VSBQFLS2YGVM5%2F20240601%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240601T000000Z',
          match: 'ASIALO5VSBQFLS2YGVM5%2F20240601%2Fus-east-1%2Fs3%2Faws4_request',
        },
        'X-Amz-Credential=ASIAR7CNJKBWPTE7D4NH%2F20240601%2Fus-east-1%2Fs3%2Faws4_request',
      ],
      negative: ['X-Amz-Credential=&X-Amz-Date=1', 'X-Amz-Credential=<access-key>/20240601'],
    },
  },
  {
    id: 'url_amz_security_token',
    category: 'system.authentication',
    description: 'X-Amz-Security-Token of an AWS presigned URL (temporary session token).',
    keywords: ['x-amz-security-token='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:[Xx]-[Aa]mz-[Ss]ecurity-[Tt]oken)=([^&#\s"'<>;,\\(){}[\]|^=?`]{100,4096}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    minEntropy: 4,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'https://acme.s3.amazonaws.com/a.pdf?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEms3QpCmKBG2xxnV0iwDwHq9OMSaaFOLqM4DWoAmHESzn9ujPW50qWMQuAGBR%2FNF95HNJ6tnc4cHEkhjavxyE6pejzWYQ5kRyVFgrOESqBqkkmYmMaW1QjnVc2iWEAUvEJGWIHw4OGdh1l%3D&X-Amz-Signature=0',
          match:
            'IQoJb3JpZ2luX2VjEms3QpCmKBG2xxnV0iwDwHq9OMSaaFOLqM4DWoAmHESzn9ujPW50qWMQuAGBR%2FNF95HNJ6tnc4cHEkhjavxyE6pejzWYQ5kRyVFgrOESqBqkkmYmMaW1QjnVc2iWEAUvEJGWIHw4OGdh1l%3D',
        },
        'x-amz-security-token=IQoJb3JpZ2luX2VjEKSl67RAfV5WGa3RfDBnPHR7FOAlBR0xJZ0p9eTyxqxk6FHvjWIthagOGfdWK%2FAh66S0KyUsqdyQASrj8mQChEehqd7RqWyvmr9LepXpYi6HTJdwCypdnSm2SPGJLLOCDSBBmWesy36ekS%3D',
      ],
      negative: ['X-Amz-Security-Token=abc', 'X-Amz-Security-Token=&X-Amz-Date=1'],
    },
  },
  {
    id: 'url_goog_signature',
    category: 'system.authentication',
    description: 'X-Goog-Signature of a Google Cloud Storage V4 signed URL (256–1024 hex).',
    keywords: ['x-goog-signature='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:[Xx]-[Gg]oog-[Ss]ignature)=([a-f0-9]{256,1024})(?![0-9A-Za-z])/y,
    group: 1,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'https://storage.googleapis.com/acme/a.png?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=900&X-Goog-Signature=0b42e3f9c36e2f3eb5e3a62773c69d46ba5c71dd7a35b39e1d19e7ab77a9db432c4178120e3194d7b6f6eaa3a43cdcb27d46bbabd87c30bcfca8fc9b1cd8a81af7a3d4c6dca86a91b02b9b68effa33a40a4aa9274ad5ed94ad9146026ce7103d4b6fd4a88773784880fa16cfb1bcbe8793491220a0ba17c14efba84e13e9a0975d66e3d52d41b0946edf8dbfb11c44e73c2119be2eda4057d4f914db6d2d9e5ef53b9177f0846ceb229aea434b54436baac17ab503b5a052c23c3830637082b32daf6192936d77b4eed3bd00fda097a81106005e34a8dcea3fbabcfc1677cc50ce65c60c10e9eae7be903af7fdc80fa5684ccdb811c45227411557016508a9c2',
          match:
            '0b42e3f9c36e2f3eb5e3a62773c69d46ba5c71dd7a35b39e1d19e7ab77a9db432c4178120e3194d7b6f6eaa3a43cdcb27d46bbabd87c30bcfca8fc9b1cd8a81af7a3d4c6dca86a91b02b9b68effa33a40a4aa9274ad5ed94ad9146026ce7103d4b6fd4a88773784880fa16cfb1bcbe8793491220a0ba17c14efba84e13e9a0975d66e3d52d41b0946edf8dbfb11c44e73c2119be2eda4057d4f914db6d2d9e5ef53b9177f0846ceb229aea434b54436baac17ab503b5a052c23c3830637082b32daf6192936d77b4eed3bd00fda097a81106005e34a8dcea3fbabcfc1677cc50ce65c60c10e9eae7be903af7fdc80fa5684ccdb811c45227411557016508a9c2',
        },
        'x-goog-signature=f873a5ae2efe45bb201e4b19a56bf6a16dded97a58da0135f91b87229f1c7afa98e2dcc3c61fa5420614d75d3c6e30ef15260c149c46c7df177d0ba32c994813b21976697ac139e481104a788cd07e017a15773ce2c01ff6c9ca561ac871300ddaf3f7aefe04d685014050d25d56939cfd2720a99e0b647156c0fab28ea01b156d2ea37c742c0bf9a521feb01720d03d2ff251dc68244260acd28477c4f029099cf593a5655a50c88dd97a3f11e2db007d835fe0177159ba5b3e3c9fa4feb20ee7146eb0a1eed5925723b4ca36402145c05bfd89dbf42b7400ae574062d89c7cacdd30b2d1d99bd38fe12a64e3a295fd539652498295f164340810163b8895e0',
      ],
      negative: [
        'X-Goog-Signature=abc',
        'X-Goog-SignedHeaders=host',
        'X-Goog-Signature=' + 'ab'.repeat(140) + 'g',
      ],
    },
  },
  {
    id: 'url_private_token',
    category: 'system.authentication',
    description: 'Value of a private_token= parameter (GitLab-style API token).',
    keywords: ['private_token=', 'private-token='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:private[_-]token)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,256}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'https://git.acme.io/api/v4/projects?private_token=JAIgkNhvY_fBX0gktWev',
          match: 'JAIgkNhvY_fBX0gktWev',
        },
        'private-token=Iu76EQsojMGkpc5le9Sf',
      ],
      negative: ['?private_token=', '?private_token=short'],
    },
  },
];
