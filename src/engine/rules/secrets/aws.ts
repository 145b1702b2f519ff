/**
 * Amazon Web Services credentials: access key ids (long-term and STS), secret access keys by
 * keyword, session tokens, MWS tokens.
 */
import type { Rule } from '../../types.js';
import { hasDigit, mixedCaseAlnum } from './helpers.js';

/**
 * Body of an ASIA key id: a digit, or (3.6 % of random ids have none) at most 5 vowels in the
 * 16 characters, which random base32 nearly always has and upper-case words (ASIAPACIFIC…) do not.
 */
function stsKeyBody(s: string): boolean {
  return hasDigit(s) || (s.slice(4).match(/[AEIOU]/g)?.length ?? 0) <= 5;
}

/** AWS credentials. */
export const awsRules: readonly Rule[] = [
  {
    id: 'aws_access_key_id',
    category: 'system.authentication',
    description:
      'AWS long-term access key id (AKIA / ABIA / ACCA / legacy A3T? + 16 base32 upper-case).',
    keywords: ['akia', 'abia', 'acca', 'a3t'],
    pattern: /(?:AKIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'aws configure set aws_access_key_id AKIA4NQXF3XCHJ2GXDBI',
          match: 'AKIA4NQXF3XCHJ2GXDBI',
        },
        {
          text: 'legacy key A3TXHTALTARKUBGFZWMT in an old backup',
          match: 'A3TXHTALTARKUBGFZWMT',
        },
        'https://acme-uploads.s3.amazonaws.com/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA4W5DIJBTD3IX2GIP%2F20240601%2Fus-east-1%2Fs3%2Faws4_request',
      ],
      negative: [
        'AKIAIOSFODNN7EXAMPLE',
        'akian4pzaspwjcw4bdgl',
        'truncated: AKIA5OFWOU63YLIDR end',
        'id=xyzAKIA5OFWOU63YLIDRURJ',
      ],
    },
  },
  {
    id: 'aws_sts_access_key_id',
    category: 'system.authentication',
    description:
      'AWS temporary (STS) access key id (ASIA + 16 base32 upper-case, with a digit or at most 5 vowels so upper-case words do not match).',
    keywords: ['asia'],
    pattern: /ASIA[A-Z2-7]{16}(?![A-Za-z0-9])/y,
    validate: stsKeyBody,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: ASIAGA3VPFLTQHAWT3WR" https://api.acme.dev/v2/projects',
          match: 'ASIAGA3VPFLTQHAWT3WR',
        },
        'Build log: loaded ASIAPKTEQIROJXHH3TJM from .env.production',
        {
          text: '{"AccessKeyId":"ASIAQWKZPLMXRTYBNVCD"}',
          match: 'ASIAQWKZPLMXRTYBNVCD',
        },
      ],
      negative: [
        '"$timezone":"Asia/Tokyo"',
        'ASIAPACIFICREGIONALS office',
        'ASIAEUROPEAMERICASXX roadshow',
        'truncated: ASIAYZISSP5JU5ALZ end',
        'id=xyzASIAYZISSP5JU5ALZ56H',
      ],
    },
  },
  {
    id: 'aws_secret_access_key',
    category: 'system.authentication',
    description: 'AWS secret access key: 40 base64 characters near aws_secret / secret_access_key.',
    keywords: ['aws_secret', 'secret_access_key', 'secretaccesskey', 'aws-secret'],
    pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'aws_secret_access_key = BCCDDKFyxKI2Y+LGtQP4rse8zKHN2yW/FPyVvSyj',
          match: 'BCCDDKFyxKI2Y+LGtQP4rse8zKHN2yW/FPyVvSyj',
        },
        '{"AccessKeyId":"ASIA4PQ2RZ7TXKW3MB6N","SecretAccessKey":"FNH/Bt55pGBa4nHG7vb+AoeVTx1gesp8NIeyRVcE","Expiration":"2024-06-01T13:00:00Z"}',
      ],
      negative: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'request H5kDFYwiLCptTEHfQCHjmEb1hLmG7pq0wCEftsyP completed in 32ms',
        'aws_secret_access_key = H5kDFYwiLCptTEHfQCHjmEb1hLmG7pq0wCEf',
      ],
    },
  },
  {
    id: 'aws_session_token',
    category: 'system.authentication',
    description: 'AWS STS session token (IQoJb3JpZ2luX2Vj / FwoGZXIvYXdz + 100–2500 base64).',
    keywords: ['iqojb3jpz2lux2vj', 'fwogzxivyxdz'],
    pattern: /(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)[A-Za-z0-9/+]{100,2500}={0,2}(?![A-Za-z0-9/+=])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'note: rotated IQoJb3JpZ2luX2VjjsDdndJ4vmMw+mvgoW3P7UjuC1xtn5QixlgJzEDwmqfe2xWWo/N28svzhpICRWUJcfnLx48hVdOfrMgiOODLQl0nIqGSv7hdLUt9ZZJYICIm6uSmHK4XgLC+kB/NQ+4owfV/9CIx1MrJ10BTxthhkjW7zB8FFAh6tprUHWqcOfINbZPoxnB7h+s1QkdBf2oK7ENkTv/gRk9dYz5wBqE6NjEkkWN46ep6C6Ocm7f6m4nhYvgm98mOnO3Bqsj3qiRMI9Pr39kvwLPNDnQC8ANPLODiKJ2Py8FgJMnDTLxJSxfBd8/gzARoKmIZyQ8yw2pCXC/gcH2SBPQDHglTybNlQbNsJaWjVULZHqb8WEaccSHwg5QgTOpWEg3wEcmb yesterday, please revoke the old one',
          match:
            'IQoJb3JpZ2luX2VjjsDdndJ4vmMw+mvgoW3P7UjuC1xtn5QixlgJzEDwmqfe2xWWo/N28svzhpICRWUJcfnLx48hVdOfrMgiOODLQl0nIqGSv7hdLUt9ZZJYICIm6uSmHK4XgLC+kB/NQ+4owfV/9CIx1MrJ10BTxthhkjW7zB8FFAh6tprUHWqcOfINbZPoxnB7h+s1QkdBf2oK7ENkTv/gRk9dYz5wBqE6NjEkkWN46ep6C6Ocm7f6m4nhYvgm98mOnO3Bqsj3qiRMI9Pr39kvwLPNDnQC8ANPLODiKJ2Py8FgJMnDTLxJSxfBd8/gzARoKmIZyQ8yw2pCXC/gcH2SBPQDHglTybNlQbNsJaWjVULZHqb8WEaccSHwg5QgTOpWEg3wEcmb',
        },
        '<input type="hidden" name="cfg" value="IQoJb3JpZ2luX2VjfelTdmwDwwOqmlL/XxIDizT3PCk59f/yJFwpIM/4J85C4QPy8n2RAMCEyrs74VRKQFG7zg03HRsAjF+Uqc0Jre3Z2bZRaAOm9nU1T1IOx4Eh2o4nT/znA9OWNv7lFrAuxCAEHExuaakHLhAjAnc31KmLU4lFYGuapgqct7x8tBPfCHFatH1AHY0SwVIKLjoXreYGl8gexzJzIC+MXdiFRTMzAyT/xOL8YgX6CE9rjIr5hTTinXOYDEsVgpUHoUXyH7ysHgcHsFo4h852u6U+9BiBcT4Tx+ZMRYp+0oObdQaux8dbCvFGdrdzwj5mS6JUGee1W0E48qfGvbrVBkHSYJBPcjW+UhQLVqX7VqKNwJIFiVxUvjMzJ7no0UxA">',
      ],
      negative: [
        'truncated: IQoJb3JpZ2luX2VjwZ8xKp43tHDu+DvwAewbjN0m5830FBJOVGrZbAuy10YHgKG5Kt1FadmXnkZIkU1eYgEa3YwORYKl0MeJ8RppYEwGYxd9etOuy end',
        'id=xyzIQoJb3JpZ2luX2VjwZ8xKp43tHDu+DvwAewbjN0m5830FBJOVGrZbAuy10YHgKG5Kt1FadmXnkZIkU1eYgEa3YwORYKl0MeJ8RppYEwGYxd9etOuyEelpVDsNuHIH8NpA6MA4F0fr7sWE6nspKEBZOpzv+ghA2C4WgW2YvtalegtAW/FXsskOncCuYCgEzwhWa16CWBGjyLl9WvwljY/WLtxD5gN2xUdRP+26k+JjDrLolxRenZThH9Ai7qI+80qone+Dxy62HgIeoA5kBCrIYaFFzJSEZMnRhhlpCFAUpGPMJDhZq723DzkccwiVIIC7Nkn+dw+kKUE2ffENYmOpt8iQlLqE7d3rmRt/Ec6OcZzsfeuJwm5wmLIooEFPs/mtn87rW3yNNzv',
      ],
    },
  },
  {
    id: 'aws_mws_key',
    category: 'system.authentication',
    description: 'Amazon Marketplace Web Service auth token (amzn.mws. + UUID).',
    keywords: ['amzn.mws.'],
    pattern:
      /amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: amzn.mws.29e1ef4a-3ac8-2ea1-8b18-393c58abb3da\n  script: make deploy',
          match: 'amzn.mws.29e1ef4a-3ac8-2ea1-8b18-393c58abb3da',
        },
        '[warn] found amzn.mws.e702b9bd-e6b9-8978-d6c1-5608fe056614 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: amzn.mws.7eb9252b-960e-46f1-7bf4-f86bcb861 end',
        'id=xyzamzn.mws.7eb9252b-960e-46f1-7bf4-f86bcb8614db',
      ],
    },
  },
];
