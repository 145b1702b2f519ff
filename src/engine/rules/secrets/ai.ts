/**
 * LLM API keys: OpenAI, Anthropic, xAI, Groq, Perplexity, OpenRouter, and keyword-anchored Cohere
 * and Mistral keys.
 */
import type { Rule } from '../../types.js';
import { mixedCaseAlnum } from './helpers.js';

/** LLM provider API keys. */
export const aiRules: readonly Rule[] = [
  {
    id: 'openai_project_key',
    category: 'system.authentication',
    description:
      'OpenAI project API key (sk-proj- + 40–250 base64url, usually with the T3BlbkFJ marker).',
    keywords: ['sk-proj-'],
    pattern: /sk-proj-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'OPENAI_API_KEY=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',
          match:
            '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',
        },
        '{"headers":{"Authorization":"Bearer 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"},"model":"gpt-4o"}',
      ],
      negative: [
        'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'SK-PROJ-SGjmm5TVKbLWV4qIEYOsirQgNd9b7gxm0XJ3oc80C2tYfz3O_ZqOM6byBTpE',
        'truncated: sk-proj-oR5vHN09AC0eK9iz7DSQ4xO6N-_8Iu2kXA-oA end',
        'id=xyzsk-proj-oR5vHN09AC0eK9iz7DSQ4xO6N-_8Iu2kXA-oA9dW1Cqh8RGA_cE_DBM9pSS3sByxz6bkAiBBjLT3BlbkFJitwlKrPpHEz6fSteEfhjuM7UlDeqMRxuBkW4f6PaselzmQi0UfcI54T3chwwh7I3u0M8aeHhgW',
      ],
    },
  },
  {
    id: 'openai_service_account_key',
    category: 'system.authentication',
    description: 'OpenAI service-account key (sk-svcacct- + 40–250 base64url).',
    keywords: ['sk-svcacct-'],
    pattern: /sk-svcacct-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'user pasted "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" into the support widget',
          match:
            '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',
        },
        'export ACME_CREDENTIAL=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',
      ],
      negative: [
        'the sk-svcacct- prefix marks service account keys',
        'truncated: sk-svcacct-FXbEs_kLjQSQeufYOrYRCo6joojRusj1kIh_k end',
        'id=xyzsk-svcacct-FXbEs_kLjQSQeufYOrYRCo6joojRusj1kIh_kuewXW-6_MtEfcWsSfi77re3p8m9p7jF-vW9WPT3BlbkFJbFau_x9SEsDNkMGKH2LwkbUVsayUD1mP6Fgy07wwSY5gFJcFZ0YFUggzN1YVYiZ39id9nXW3ut',
      ],
    },
  },
  {
    id: 'openai_admin_key',
    category: 'system.authentication',
    description: 'OpenAI admin key (sk-admin- + 40–250 base64url).',
    keywords: ['sk-admin-'],
    pattern: /sk-admin-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: sk-admin-K1mmZ7Z-JjD9FiTReDpZgGdCw1eotdYaxOLETKQ0qBrL90azFtrqw3qz-MtQBaIc5Z0meB6kZp5k5Pyp" https://api.acme.dev/v2/projects',
          match:
            'sk-admin-K1mmZ7Z-JjD9FiTReDpZgGdCw1eotdYaxOLETKQ0qBrL90azFtrqw3qz-MtQBaIc5Z0meB6kZp5k5Pyp',
        },
        'Build log: loaded sk-admin-dndblvuHOp-B0EBu9SSmirG-wbX8Hgh_ehUSje9qfUSWMRX8m88j-YaFwH9NaA9VGJu4SGdQfiROlML5 from .env.production',
      ],
      negative: [
        'sk-admin-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'truncated: sk-admin-QOx-LEtzDNfC2kxk1HzXw7vCRjVJxHSKwHbYo end',
        'id=xyzsk-admin-QOx-LEtzDNfC2kxk1HzXw7vCRjVJxHSKwHbYos2kg1dcy9Kl0c5Ywo3UDeqdm0_DrO-Kq-wWjUIjj9Xd',
      ],
    },
  },
  {
    id: 'openai_legacy_key',
    category: 'system.authentication',
    description:
      'Legacy OpenAI user key (sk- + 20 base62 + T3BlbkFJ + 20 base62); triggered by the T3BlbkFJ marker.',
    keywords: ['t3blbkfj'],
    pattern: /sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9_-])/y,
    offset: 23,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated 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 yesterday, please revoke the old one',
          match: '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',
        },
        '<input type="hidden" name="cfg" value="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">',
      ],
      negative: [
        'sk-Ab93Xb2UpWltH1DpVbQOT3BlbkFIrMUWGXwzQBr6oVQ23CSG',
        'sk-FWoDj2kM0jCu46elt3qT3BlbkFJZi5H31g4Uy8LqdgTsAbJ',
        'truncated: sk-GhYglb5BdjneV1iXj0wCT3BlbkFJ0p7bK0StZf8Do3sAj end',
        'id=xyzsk-GhYglb5BdjneV1iXj0wCT3BlbkFJ0p7bK0StZf8Do3sAjs3R',
      ],
    },
  },
  {
    id: 'anthropic_api_key',
    category: 'system.authentication',
    description: 'Anthropic API key (sk-ant-api03- + 93 base64url + AA).',
    keywords: ['sk-ant-api03-'],
    pattern: /sk-ant-api03-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'ANTHROPIC_API_KEY="sk-ant-api03-BSC84bVCTq3O7lyobw-MUTxR1nCfXA7QavHKPkCsOzswJP-Q5PKj-VFWiEEyq98s9UDmGbQJ9Uec0FHzPK0Y8w2Y2ONAyAA"',
          match:
            'sk-ant-api03-BSC84bVCTq3O7lyobw-MUTxR1nCfXA7QavHKPkCsOzswJP-Q5PKj-VFWiEEyq98s9UDmGbQJ9Uec0FHzPK0Y8w2Y2ONAyAA',
        },
        "client = Anthropic(api_key='sk-ant-api03-5gN8N2Vff6x0hvZnyuJvxXSlZLTILpB79OTCG4lw8eO7VdbiSBJdsRtVPMu9YHP7xMzQbiOwhaoGQTLArlh_mBhLl5KoHAA')",
      ],
      negative: [
        'sk-ant-api03-lDANpkXeH9cg3vDUzX5txPxXDXXC5Kbc63s7FdPuuwwlMkqjKthQ85IZBgQHfdBpyQt7sU-M1oy3ks_B-cH2Ymbhlhp-DBB',
        'truncated: sk-ant-api03-s8zfw7q_8XBDlz5IOMqKjEwfhl8c0a0l_OUZDpQWPx2TSQVhD9fzj1Tjl-vwfrkxND-weMOlxFMifO6FI9m3IAU5maH0 end',
        'id=xyzsk-ant-api03-s8zfw7q_8XBDlz5IOMqKjEwfhl8c0a0l_OUZDpQWPx2TSQVhD9fzj1Tjl-vwfrkxND-weMOlxFMifO6FI9m3IAU5maH0vAA',
      ],
    },
  },
  {
    id: 'anthropic_admin_key',
    category: 'system.authentication',
    description: 'Anthropic admin key (sk-ant-admin01- + 93 base64url + AA).',
    keywords: ['sk-ant-admin01-'],
    pattern: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential sk-ant-admin01-ilg8fQAVB-qMvzW93rE8XnQmyYWb3jJpeItR-PKe49Xfr54zaf9UTpLhH-IDNOvI7EN24g1pX7sD38XYZZoJ31MO3QlK8AA was rejected',
          match:
            'sk-ant-admin01-ilg8fQAVB-qMvzW93rE8XnQmyYWb3jJpeItR-PKe49Xfr54zaf9UTpLhH-IDNOvI7EN24g1pX7sD38XYZZoJ31MO3QlK8AA',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"sk-ant-admin01-Dt0vdjUSwWiCu_0LiripSPPAxsbSTeER5iZ_m6HPTWswwfDESsVaYtNHqpc4xGKZKl5CICmXZ1HlnU2wrb2sohxbNKx6QAA","plan":"team"}}',
      ],
      negative: [
        'sk-ant-admin01-',
        'truncated: sk-ant-admin01-OgyLhcBHFgdF_nR0Z5DjFJPU3rUvhhbLdLsfD4UHKKrR5TZtFGGK3f4D7Uuga3zyZY7Rf_U__RuPH1Z_6EuitvPidTt7 end',
        'id=xyzsk-ant-admin01-OgyLhcBHFgdF_nR0Z5DjFJPU3rUvhhbLdLsfD4UHKKrR5TZtFGGK3f4D7Uuga3zyZY7Rf_U__RuPH1Z_6EuitvPidTt7AAA',
      ],
    },
  },
  {
    id: 'xai_api_key',
    category: 'system.authentication',
    description: 'xAI (Grok) API key (xai- + 80 base62).',
    keywords: ['xai-'],
    pattern: /xai-[A-Za-z0-9]{80}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "xai-4FwEb8Yy58wy60RxHUpaxFSppnKTuYwtKTGFi3IJoeYtxKjRDGKxHeMoTJTJK5wusNRCMlUfbPQpB5jU" into the support widget',
          match:
            'xai-4FwEb8Yy58wy60RxHUpaxFSppnKTuYwtKTGFi3IJoeYtxKjRDGKxHeMoTJTJK5wusNRCMlUfbPQpB5jU',
        },
        'export ACME_CREDENTIAL=xai-GxPu2vFi9iLt5DNtM5ihUs41bVVlUUYz9AGNxqlbgKqWFg3S0tj7Qncl1mH0nQNVJ0b7HaYyCJSwYCqc',
      ],
      negative: [
        'truncated: xai-Y89An84KpIVHtjelccimx0URpWUYa39VRAmj8JZRL9C7uNkGGbITV8h3PwB0dJt4VGHD4pBUJfUSX end',
        'id=xyzxai-Y89An84KpIVHtjelccimx0URpWUYa39VRAmj8JZRL9C7uNkGGbITV8h3PwB0dJt4VGHD4pBUJfUSXiDO',
      ],
    },
  },
  {
    id: 'groq_api_key',
    category: 'system.authentication',
    description: 'Groq API key (gsk_ + 52 base62).',
    keywords: ['gsk_'],
    pattern: /gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: 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\n  script: make deploy',
          match: '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',
        },
        '[warn] found 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 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: gsk_sD9k7LEdI2LWatAVDEPC98yU7LuezTVpzVgrof7KvOP1QeiR0 end',
        'id=xyzgsk_sD9k7LEdI2LWatAVDEPC98yU7LuezTVpzVgrof7KvOP1QeiR0X3p',
      ],
    },
  },
  {
    id: 'perplexity_api_key',
    category: 'system.authentication',
    description: 'Perplexity API key (pplx- + 48 base62).',
    keywords: ['pplx-'],
    pattern: /pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential 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 was rejected',
          match: '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',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"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","plan":"team"}}',
      ],
      negative: [
        'truncated: pplx-FKyDyHbxa7hTfwmsR7ulPgdGUAorLiatPQiiszv38dIB2 end',
        'id=xyzpplx-FKyDyHbxa7hTfwmsR7ulPgdGUAorLiatPQiiszv38dIB2ZTH',
      ],
    },
  },
  {
    id: 'openrouter_api_key',
    category: 'system.authentication',
    description: 'OpenRouter API key (sk-or-v1- + 64 hex).',
    keywords: ['sk-or-v1-'],
    pattern: /sk-or-v1-[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: 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" https://api.acme.dev/v2/projects',
          match: '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',
        },
        'Build log: loaded 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 from .env.production',
      ],
      negative: [
        'truncated: sk-or-v1-9ee46d7e5e35327c2650cfee172e1fc37de5ea482d10ba299f96ce2aa27f1 end',
        'id=xyzsk-or-v1-9ee46d7e5e35327c2650cfee172e1fc37de5ea482d10ba299f96ce2aa27f1e98',
      ],
    },
  },
  {
    id: 'cohere_api_key',
    category: 'system.authentication',
    description: 'Cohere API key: 40 mixed-case base62 near the word cohere.',
    keywords: ['cohere'],
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
          text: 'COHERE_API_KEY=gN5hKoqqHElmblmn9fLroIKyLfUJyZIHmKJ2Lxeq',
          match: 'gN5hKoqqHElmblmn9fLroIKyLfUJyZIHmKJ2Lxeq',
        },
        'co = cohere.Client("dS6s5NQ0C3AqytYXMjsq4fGD6DqD18EAfrV6ITLh")',
      ],
      negative: [
        'request FguTdQXTTNM6xwCKg91OmQcCSC2ZdbgcByqjEz94 completed in 32ms',
        'COHERE_API_KEY=FguTdQXTTNM6xwCKg91OmQcCSC2ZdbgcByqj',
      ],
    },
  },
  {
    id: 'mistral_api_key',
    category: 'system.authentication',
    description: 'Mistral API key: 32 mixed-case base62 near the word mistral.',
    keywords: ['mistral'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'MISTRAL_API_KEY=pVblyn8TgBoEmJtrOkHk3dHoth8R6zDe',
          match: 'pVblyn8TgBoEmJtrOkHk3dHoth8R6zDe',
        },
        'client = Mistral(api_key="ykcqgo3Nca6Gf3fSNwomO22V62h8JlAI")',
      ],
      negative: [
        'request TqwX2lKzHP119uN7HX1u9Z42Tt5tnDV5 completed in 32ms',
        'MISTRAL_API_KEY=TqwX2lKzHP119uN7HX1u9Z42Tt5t',
      ],
    },
  },
];
