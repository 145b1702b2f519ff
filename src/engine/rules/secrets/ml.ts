/**
 * ML platform keys: Hugging Face, Replicate, LangSmith, Pinecone, ElevenLabs, and
 * keyword-anchored Weights & Biases, Deepgram, AssemblyAI and DeepSeek keys.
 */
import type { Rule } from '../../types.js';
import { lettersAndDigits } from './helpers.js';

/** ML platform and speech API keys. */
export const mlRules: readonly Rule[] = [
  {
    id: 'huggingface_token',
    category: 'system.authentication',
    description: 'Hugging Face user access token (hf_ + 34 letters).',
    keywords: ['hf_'],
    pattern: /hf_[A-Za-z]{34}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'user pasted "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" into the support widget',
          match: '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',
        },
        'export ACME_CREDENTIAL=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',
      ],
      negative: [
        'hf_VnXazXfku7qj6tnAKlQ2epUMkOZw3OGa5z',
        'shelf_life_in_days_for_refrigerated_goods',
        'truncated: hf_LNbFsgEPBXslpNKvRvCJvFECavgUsNP end',
        'id=xyzhf_LNbFsgEPBXslpNKvRvCJvFECavgUsNPPDh',
      ],
    },
  },
  {
    id: 'huggingface_org_token',
    category: 'system.authentication',
    description: 'Hugging Face organization API token (api_org_ + 34 letters).',
    keywords: ['api_org_'],
    pattern: /api_org_[A-Za-z]{34}(?![A-Za-z0-9_-])/y,
    minEntropy: 3.5,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: 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" https://api.acme.dev/v2/projects',
          match: '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',
        },
        'Build log: loaded 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 from .env.production',
      ],
      negative: [
        'api_org_settings_page_viewed_by_admin_user',
        'truncated: api_org_lIdNDOZVFErGzMKpCptSJupHvUtRYkO end',
        'id=xyzapi_org_lIdNDOZVFErGzMKpCptSJupHvUtRYkOLlN',
      ],
    },
  },
  {
    id: 'replicate_api_token',
    category: 'system.authentication',
    description: 'Replicate API token (r8_ + 37 base62).',
    keywords: ['r8_'],
    pattern: /r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'note: rotated r8_3PPlUoff68g8tASkHNbvepmV0RgyIFl9BisTU yesterday, please revoke the old one',
          match: 'r8_3PPlUoff68g8tASkHNbvepmV0RgyIFl9BisTU',
        },
        '<input type="hidden" name="cfg" value="r8_g5A7wR0iWq1F4JuHL11VWGPKKifSzfGMKDgF9">',
      ],
      negative: [
        'truncated: r8_GcmP9ZbOeMqaKDQnz7NRCKZvEMG18dpoqI end',
        'id=xyzr8_GcmP9ZbOeMqaKDQnz7NRCKZvEMG18dpoqIrti',
      ],
    },
  },
  {
    id: 'langsmith_api_key',
    category: 'system.authentication',
    description: 'LangSmith personal or service key (lsv2_pt_ / lsv2_sk_ + 32 hex + _ + 10 hex).',
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: /lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}(?![A-Za-z0-9_-])/y,
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
        'lsv2_xx_0bc8c1537132f5982c5253f6bec21d09_fb9e773a32',
        'truncated: lsv2_pt_1594fe7fdafaea06204c9d7d6adc128a_2ca2920 end',
        'id=xyzlsv2_pt_1594fe7fdafaea06204c9d7d6adc128a_2ca2920645',
      ],
    },
  },
  {
    id: 'pinecone_api_key',
    category: 'system.authentication',
    description: 'Pinecone API key (pcsk_ + 4–8 base62 + _ + 50–80 base62).',
    keywords: ['pcsk_'],
    pattern: /pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: pcsk_vPBKi_3xxHWDZ77BJUiBNdRlvaAC45IgaNrCX8Q4EMyDUxlQptka8UhM0UhRoIJp5Dkmh\n  script: make deploy',
          match: 'pcsk_vPBKi_3xxHWDZ77BJUiBNdRlvaAC45IgaNrCX8Q4EMyDUxlQptka8UhM0UhRoIJp5Dkmh',
        },
        '[warn] found pcsk_rznMR_leysHQScEcND3ApsV7VuASnaWCISiCuux0j5Txxi1g0YJ1rjwo81XYlZ0zagJXb in request body of /api/v1/events',
      ],
      negative: [
        'truncated: pcsk_h1duX_yfk10qphOAQI3kxrhC6QtJYvjvJ99gZXBDt9EuZYOVUFBs end',
        'id=xyzpcsk_h1duX_yfk10qphOAQI3kxrhC6QtJYvjvJ99gZXBDt9EuZYOVUFBsu24zgBg3dEyvZdjCJ',
      ],
    },
  },
  {
    id: 'elevenlabs_api_key',
    category: 'system.authentication',
    description: 'ElevenLabs API key (sk_ + 48 hex).',
    keywords: ['sk_'],
    pattern: /sk_[a-f0-9]{48}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential sk_4b8b6c403a3eac2f63c18b6353da3c127394af8f5a364325 was rejected',
          match: 'sk_4b8b6c403a3eac2f63c18b6353da3c127394af8f5a364325',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"sk_1a6d1d4da1210dd78680bc8341da22a3feb2a45aac726165","plan":"team"}}',
      ],
      negative: [
        'task_0f3a9b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70',
        'sk_535eb12e82eab0f6cf261f26f63eea4d2b3d5c39',
        'truncated: sk_3cf441eb20ef082c15dd30602a2e9187f394fce88ffb2 end',
        'id=xyzsk_3cf441eb20ef082c15dd30602a2e9187f394fce88ffb24bf',
      ],
    },
  },
  {
    id: 'wandb_api_key',
    category: 'system.authentication',
    description: 'Weights & Biases API key: 40 hex near wandb.',
    keywords: ['wandb'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'WANDB_API_KEY=23c58d0ee5860c829100828c0580442841afebb5',
          match: '23c58d0ee5860c829100828c0580442841afebb5',
        },
        'wandb login 11a0c3578c844a0368fcdc7148bd74e0196b5932',
      ],
      negative: [
        'request 2fdcc3fb848d986d89e4c234a04bbf719ed03086 completed in 32ms',
        'WANDB_API_KEY=2fdcc3fb848d986d89e4c234a04bbf719ed0',
      ],
    },
  },
  {
    id: 'deepgram_api_key',
    category: 'system.authentication',
    description: 'Deepgram API key: 40 hex near deepgram.',
    keywords: ['deepgram'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'DEEPGRAM_API_KEY=7ee5a4d35e3a44a148c57d5cc1563e5f25947fb2',
          match: '7ee5a4d35e3a44a148c57d5cc1563e5f25947fb2',
        },
        'curl https://api.deepgram.com/v1/listen -H "Authorization: Token 941ecdb4929ade3a7bf81dc30a1cdb076b283600"',
      ],
      negative: [
        'request e41ba7b4fc7fbaaf8b027bdea9648b3adbc9e5d9 completed in 32ms',
        'DEEPGRAM_API_KEY=e41ba7b4fc7fbaaf8b027bdea9648b3adbc9',
      ],
    },
  },
  {
    id: 'assemblyai_api_key',
    category: 'system.authentication',
    description: 'AssemblyAI API key: 32 hex near assemblyai.',
    keywords: ['assemblyai', 'assembly_ai'],
    pattern: /(?<![A-Za-z0-9_-])[a-f0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'ASSEMBLYAI_API_KEY=3be7c28bb0e6482bbfa553ee5c8e5681',
          match: '3be7c28bb0e6482bbfa553ee5c8e5681',
        },
        'aai.settings.api_key = "72151d9e9f287dd13879b8b9feb2faa9"  # assemblyai',
      ],
      negative: [
        'request b6e0f3bdfa1b6d115e29f90fd10ae4f5 completed in 32ms',
        'ASSEMBLYAI_API_KEY=b6e0f3bdfa1b6d115e29f90fd10a',
      ],
    },
  },
  {
    id: 'deepseek_api_key',
    category: 'system.authentication',
    description: 'DeepSeek API key: sk- + 32 hex near deepseek.',
    keywords: ['deepseek'],
    pattern: /(?<![A-Za-z0-9_-])sk-[a-f0-9]{32}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 128,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'DEEPSEEK_API_KEY=sk-ab98b570880514909fb5ebf4d11567dd',
          match: 'sk-ab98b570880514909fb5ebf4d11567dd',
        },
        'base_url="https://api.deepseek.com", key "sk-cb6917b73cec3c40c65f358fdbb90597"',
      ],
      negative: [
        'request sk-ae3affd0b1ac9dd3daf10e5a907374b8 completed in 32ms',
        'DEEPSEEK_API_KEY=sk-ae3affd0b1ac9dd3daf10e5a9073',
      ],
    },
  },
];
