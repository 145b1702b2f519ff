/**
 * Prefixed or self-marking tokens of further providers: Amazon Bedrock API keys, Microsoft
 * identifiable keys (Azure Storage `+ASt`, Cosmos DB `ACDb`, Container Registry `+ACR`), named
 * OpenAI keys, Langfuse, Apify, Klaviyo, Adafruit IO, SettleMint, 42 Intra, Authress, Yandex
 * Cloud IAM tokens, Flutterwave encryption keys, Sidekiq Enterprise credentials and NuGet
 * clear-text passwords.
 */
import type { Rule } from '../../types.js';
import { isPlaceholderPassword, lettersAndDigits, mixedCaseAlnum } from './helpers.js';

/** Further provider tokens with a prefix, infix signature or fixed structure. */
export const serviceRules: readonly Rule[] = [
  {
    id: 'aws_bedrock_api_key',
    category: 'system.authentication',
    description:
      'Amazon Bedrock long-term API key (ABSK + 109–269 base64 of "BedrockAPIKey-…:secret").',
    keywords: ['absk'],
    pattern: /ABSK[A-Za-z0-9+/]{109,269}={0,2}(?![A-Za-z0-9+/=])/y,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS1hOiLSgT+187VNSZw+ji+KMD8m8Utz08cKbuH+h9rtEh2hv4SFP3YKHFGenkpVSndl9GSD+2jWQMbkAbJalYIF5DwSsLlqmLu2pYOQ7HLlqq1GDGyE',
          match:
            'ABSKQmVkcm9ja0FQSUtleS1hOiLSgT+187VNSZw+ji+KMD8m8Utz08cKbuH+h9rtEh2hv4SFP3YKHFGenkpVSndl9GSD+2jWQMbkAbJalYIF5DwSsLlqmLu2pYOQ7HLlqq1GDGyE',
        },
        '{"provider":"bedrock","api_key":"ABSKQmVkcm9ja0FQSUtleS1BMuUGcri/ZPUskWpAjLrEoElzP4AdyCSzXHP4XktHbTrrZiRkoZRDxxrV86hS/QBag664pnJrgscBmCpo0CVQNgA6gwCih+r+n6f8UFdE37XEC1dEQRkCnNLtVSaxX42qMp9SS1armrpb="}',
      ],
      negative: [
        'truncated: ABSKQmVkcm9ja0FQSUtleS1jQ8/nbGekAHBDu1zsXnhofQKo2xNnkF/E1PtxhDh end',
        'id=xyzABSKQmVkcm9ja0FQSUtleS1hOiLSgT+187VNSZw+ji+KMD8m8Utz08cKbuH+h9rtEh2hv4SFP3YKHFGenkpVSndl9GSD+2jWQMbkAbJalYIF5DwSsLlqmLu2pYOQ7HLlqq1GDGyE',
      ],
    },
  },
  {
    id: 'aws_bedrock_short_term_api_key',
    category: 'system.authentication',
    description:
      'Amazon Bedrock short-term API key (bedrock-api-key- + base64 of a presigned bedrock.amazonaws.com URL).',
    keywords: ['bedrock-api-key-'],
    pattern:
      /bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{100,4000}={0,2}(?![A-Za-z0-9+/=])/y,
    minEntropy: 4,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'export AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09N1/B6Rj2amsWVvfkPGZeggyQIpuyUW53JMHjRof+aXHeu4Fu+3DX9w2RuKyAqJy323Z4pP21Ezg3itgYmgBSo7flOyzmp+DRZeFpJrwbmpNjOpEkawiYxlLM7C2PWYP5IZDgN+y1zusyNJIIrAUDXpMCMXWQ0GIHonUbj++jDo2UVEPIgR/XMTXaWazf44yKrqyQDoT5tnr1+GTw0mMyHreEcvSCXKlno3/A5a9d1+/zt1bIRbYqicHPfgEdnYwGC/Yf9HhQ0GGJn/8TzlMHVGhir9ggHt21sF4VqjGhvEfEL/7zC972h6TOyyl+0nHzqw8R89uG8hRngUAA4fkMEEcskWq0wLLtsmwXwGw/MuaBTO7qaRoKNs4yTk/+2/e3ECc6xIX3DMp27u3VE66T/wit5efulh8XyvAs',
          match:
            'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09N1/B6Rj2amsWVvfkPGZeggyQIpuyUW53JMHjRof+aXHeu4Fu+3DX9w2RuKyAqJy323Z4pP21Ezg3itgYmgBSo7flOyzmp+DRZeFpJrwbmpNjOpEkawiYxlLM7C2PWYP5IZDgN+y1zusyNJIIrAUDXpMCMXWQ0GIHonUbj++jDo2UVEPIgR/XMTXaWazf44yKrqyQDoT5tnr1+GTw0mMyHreEcvSCXKlno3/A5a9d1+/zt1bIRbYqicHPfgEdnYwGC/Yf9HhQ0GGJn/8TzlMHVGhir9ggHt21sF4VqjGhvEfEL/7zC972h6TOyyl+0nHzqw8R89uG8hRngUAA4fkMEEcskWq0wLLtsmwXwGw/MuaBTO7qaRoKNs4yTk/+2/e3ECc6xIX3DMp27u3VE66T/wit5efulh8XyvAs',
        },
        '{"headers":{"Authorization":"Bearer bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249YNEDTkGzWs6UAARGWTlmrLr4Paf//2Fyenf2qyaH+AUZWs/SpvzQYZUrxKSvWPCGYi1ew1ZaTanDzQ3v0hdC38IovnqM2ESsmNnDLSpiXTYKh56MN5bOQy81z8V/4HiEFUmrfDntBlhBP1kJmP4OwjSp/3CYLwRzM08z8IYh9VAq/LJIxg99JcgiXLyeb2UzL3erHRtEyXPojIETLelSiwtILCVY4jQAG3qFUfzyjb+7uSlxqeuGbi6tpXynJLZuEX0Yocl20u6X7CDRydWuBxB98OrVRHtSs7TMnvrd87l0R0mqdQx3NYbBBfuMlCQP9e1ZmYQ3VHyN3L+UBLQ+zdwq1EiGbF3fr00LZRu+M0P4UkD49gk/IGDbbb6uTaaIxUO8VsyAlCUuQkoHatLr3gi6Inx15F0eBSu1jaqc/JaLiHQPDDuYlXqQb+B0yCJJIipcdLNZcaQs+YnIuYOfMwrCGAZYmybHalnPPPxjCU3whWqW0tcl4VFURQZilu2i=="}}',
      ],
      negative: [
        'the bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t prefix marks short-term keys',
        'truncated: bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t3xzty1jXhB3E3vp0NLBL4/3QxOxKnueVo9eUR1f8Dk9n4YLRPsjX10tAnKBM end',
      ],
    },
  },
  {
    id: 'azure_storage_identifiable_key',
    category: 'system.authentication',
    description:
      'Azure Storage account key in the identifiable format (76 base64 + "+ASt" signature + 6 + ==); triggered by the signature.',
    keywords: ['+ast'],
    pattern: /[A-Za-z0-9+/]{76}\+ASt[A-Za-z0-9+/]{6}==(?![A-Za-z0-9+/=])/y,
    offset: 76,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'STORAGE_KEY="29jxpmHTiqMcT++sINy8kE0Bwt+IpMY8hGntc6gh0JnRkAe59T1oXxKDDcwInpAGhpTkzq+iw67x+ASt7OJeNS=="',
          match:
            '29jxpmHTiqMcT++sINy8kE0Bwt+IpMY8hGntc6gh0JnRkAe59T1oXxKDDcwInpAGhpTkzq+iw67x+ASt7OJeNS==',
        },
        'az storage blob upload --account-key 9Y/zluo+5BKh5E9YyX7UrsbIuek6C20Hf5u8qX6hHR3orOmllMGNUDaOUUdi1P5w2VF2ckmhz1uO+AStEk78BP== --file a.csv',
      ],
      negative: [
        'truncated: 9gyqWOogJTp63WcGGJOb0W+ZTHZBVaeNWbQuEtaTsAqetQRuVQ/h5nedKA8/+ASt4eyXvr== end',
        'id=xyz29jxpmHTiqMcT++sINy8kE0Bwt+IpMY8hGntc6gh0JnRkAe59T1oXxKDDcwInpAGhpTkzq+iw67x+ASt7OJeNS==AB',
      ],
    },
  },
  {
    id: 'azure_cosmosdb_key',
    category: 'system.authentication',
    description:
      'Azure Cosmos DB account key in the identifiable format (76 base64 + "ACDb" signature + 6 + ==); triggered by the signature.',
    keywords: ['acdb'],
    pattern: /[A-Za-z0-9+/]{76}ACDb[A-Za-z0-9+/]{6}==(?![A-Za-z0-9+/=])/y,
    offset: 76,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'COSMOS_KEY=xJB4ao/AnexLfcGjbGQhXgJJ+b6ZMllpVlYwnVZv4HoZ/Y1rcBtKNE3DcyV9Gcob5Jqt8KDPWdX5ACDb9BnAfr==',
          match:
            'xJB4ao/AnexLfcGjbGQhXgJJ+b6ZMllpVlYwnVZv4HoZ/Y1rcBtKNE3DcyV9Gcob5Jqt8KDPWdX5ACDb9BnAfr==',
        },
        'new CosmosClient({ endpoint: "https://acme.documents.azure.com:443/", key: "92j2tzm22b86J6Iw8Zhs+21qsb4U+uO0ngrlUZEEEFG+owAJehUCuqr2fzjfXacMpbBY5G72Xj94ACDboLglC8==" })',
      ],
      negative: [
        'truncated: NfU86sZljHoBzbcaFN5ptFzBsh5QTSzoLJkovwDguIiYtixFobACDbJCkk7s== end',
        'id=xyzxJB4ao/AnexLfcGjbGQhXgJJ+b6ZMllpVlYwnVZv4HoZ/Y1rcBtKNE3DcyV9Gcob5Jqt8KDPWdX5ACDb9BnAfr',
      ],
    },
  },
  {
    id: 'azure_container_registry_password',
    category: 'system.authentication',
    description:
      'Azure Container Registry access key (42 base64 + "+ACR" signature + 6 base62); triggered by the signature.',
    keywords: ['+acr'],
    pattern: /[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6}(?![A-Za-z0-9+/=])/y,
    offset: 42,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'docker login acme.azurecr.io -u acme -p KTFzZwTAEGHQEcKCr4OUn8H0prHc1515b0GhD40Wb9+ACRRUpf6x',
          match: 'KTFzZwTAEGHQEcKCr4OUn8H0prHc1515b0GhD40Wb9+ACRRUpf6x',
        },
        'ACR_PASSWORD=VIQKVMAeRxon8QYqLuDnGSS1ckw8Yodpek/o0CpRqu+ACRODjr63',
      ],
      negative: [
        'truncated: isU1kq1n4e9CD5xHDXJcVj9QM8MZXq+ACRj5xMvU end',
        'id=KTFzZwTAEGHQEcKCr4OUn8H0prHc1515b0GhD40Wb9+ACRRUpf6xxyz',
      ],
    },
  },
  {
    id: 'openai_named_key',
    category: 'system.authentication',
    description:
      'OpenAI key with another prefix (sk-None-, sk-service-, named service-account keys): sk- + base64url carrying the T3BlbkFJ marker.',
    keywords: ['t3blbkfj'],
    pattern:
      /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{10,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    window: 260,
    minEntropy: 3.5,
    confidence: 0.96,
    examples: {
      positive: [
        {
          text: 'OPENAI_API_KEY=sk-None-zLHJrYX12yOkijR1OT8Bnx4vLqnGRCBdPIyAyiYA1Y1ABDuST3BlbkFJ9AjSASfVBzpACMaFv3Nljctos2mOSjG1mwnYJbTaufpeEwtw',
          match:
            'sk-None-zLHJrYX12yOkijR1OT8Bnx4vLqnGRCBdPIyAyiYA1Y1ABDuST3BlbkFJ9AjSASfVBzpACMaFv3Nljctos2mOSjG1mwnYJbTaufpeEwtw',
        },
        'openai.api_key = "sk-service-account-dAVTkmxBCsQzyAlhuIjyRKHPOXkmgp6NPoVNOBbqIkQCnDvC_gfVLfgUjmT3BlbkFJj1ScPijmQymRoVd6q3vmgchJd2MSyizsdYkGV0HqRIz5jH-cdj7249F2CI"',
      ],
      negative: [
        'sk-None-SEYcwcPaItvCwPWWfauga5RGg8tuVECJrO18WZhE2P4BcdBDT3BlbkFIyLpOYwVizhhh7U5DZCtyiME2RsOTZrH3eqkDl5eTdKIz2sIq',
        'id=xyzsk-None-zLHJrYX12yOkijR1OT8Bnx4vLqnGRCBdPIyAyiYA1Y1ABDuST3BlbkFJ9AjSASfVBzpACMaFv3Nljctos2mOSjG1mwnYJbTaufpeEwtw',
      ],
    },
  },
  {
    id: 'langfuse_secret_key',
    category: 'system.authentication',
    description: 'Langfuse secret key (sk-lf- + UUID).',
    keywords: ['sk-lf-'],
    pattern: /sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/y,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'LANGFUSE_SECRET_KEY=sk-lf-13a30d07-0d12-4be3-baf8-4d1e08a214a2',
          match: 'sk-lf-13a30d07-0d12-4be3-baf8-4d1e08a214a2',
        },
        'Langfuse(public_key="pk-lf-fceff313-6b0d-4203-8ca6-c95befa94c38", secret_key="sk-lf-3b512f9d-066f-403d-9f28-4e100eb4c119")',
      ],
      negative: [
        'LANGFUSE_PUBLIC_KEY=pk-lf-4de9d38e-3925-4409-bbe7-01d41aeec16c',
        'truncated: sk-lf-8b29b9e1-1234 end',
      ],
    },
  },
  {
    id: 'apify_api_token',
    category: 'system.authentication',
    description: 'Apify API token (apify_api_ + 36 base62).',
    keywords: ['apify_api_'],
    pattern: /apify_api_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'APIFY_TOKEN=apify_api_LpFjuBTxX2UqjaqRpQHk98UnCcmxRFvdAzXE',
          match: 'apify_api_LpFjuBTxX2UqjaqRpQHk98UnCcmxRFvdAzXE',
        },
        'client = ApifyClient("apify_api_d08YxQbZH5KLMHlbLOzWNo01EbMfnLftHaxq")',
      ],
      negative: [
        'truncated: apify_api_nEAlTs1JbhcqquYot7CIJvLdP1yJ7D end',
        'id=xyzapify_api_LpFjuBTxX2UqjaqRpQHk98UnCcmxRFvdAzXE',
      ],
    },
  },
  {
    id: 'klaviyo_private_api_key',
    category: 'system.authentication',
    description: 'Klaviyo private API key (pk_ + 34 hex, or pk_ + 6 base62 + _ + 34 hex).',
    keywords: ['pk_'],
    pattern: /pk_(?:[A-Za-z0-9]{6}_)?[a-f0-9]{34}(?![A-Za-z0-9_-])/y,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'KLAVIYO_PRIVATE_KEY=pk_214d1eac0accfb2b3147ddaf8c77b783f1',
          match: 'pk_214d1eac0accfb2b3147ddaf8c77b783f1',
        },
        'headers = {"Authorization": "Klaviyo-API-Key pk_9ST7p4_b8ca57c85f1958e8c840e62afad4d4f517"}',
      ],
      negative: [
        'pk_live_GSub8J8d4f4QDci1WfffFmgqJRpz0F1mFn',
        'truncated: pk_26b7ee9e9ac2a05db7285f03303152 end',
        'id=xyzpk_214d1eac0accfb2b3147ddaf8c77b783f1',
      ],
    },
  },
  {
    id: 'adafruit_io_key',
    category: 'system.authentication',
    description: 'Adafruit IO key (aio_ + 28 base62).',
    keywords: ['aio_'],
    pattern: /aio_[A-Za-z0-9]{28}(?![A-Za-z0-9_-])/y,
    validate: mixedCaseAlnum,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'ADAFRUIT_IO_KEY=aio_3BX7PWbbNyK3Hz9jlIX7WEhYjU2s',
          match: 'aio_3BX7PWbbNyK3Hz9jlIX7WEhYjU2s',
        },
        'aio = Client("acme", "aio_JWXE5WnPg0yJIVOac2ewe62JFR8U")',
      ],
      negative: ['aio_read_timeout_seconds_default_v', 'truncated: aio_qfQup1neTG56lIAPE77N end'],
    },
  },
  {
    id: 'settlemint_access_token',
    category: 'system.authentication',
    description:
      'SettleMint application, personal or service access token (sm_aat_ / sm_pat_ / sm_sat_ + 16 base62).',
    keywords: ['sm_aat_', 'sm_pat_', 'sm_sat_'],
    pattern: /sm_(?:aat|pat|sat)_[A-Za-z0-9]{16}(?![A-Za-z0-9_-])/y,
    validate: mixedCaseAlnum,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'SETTLEMINT_ACCESS_TOKEN=sm_pat_M2VNoKk20NbYmlBt',
          match: 'sm_pat_M2VNoKk20NbYmlBt',
        },
        'token: sm_aat_km5xHD46xeLl56VX',
      ],
      negative: ['sm_pat_placeholder', 'truncated: sm_sat_6AA9dpnmX9 end'],
    },
  },
  {
    id: 'intra42_client_secret',
    category: 'system.authentication',
    description: '42 Intra OAuth client secret (s-s4t2ud- / s-s4t2af- + 64 hex).',
    keywords: ['s-s4t2ud-', 's-s4t2af-'],
    pattern: /s-s4t2(?:ud|af)-[a-f0-9]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'FT_CLIENT_SECRET=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',
          match: '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',
        },
        '{"client_secret":"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"}',
      ],
      negative: [
        'truncated: s-s4t2ud-d0241fcc462f23d344323dd981a69c4ef5d95e2e end',
        'id=xyzs-s4t2ud-fe0cbe020f3177ec5bdeb99b2420b514a6bb5d4b247e76aeac711ab40bebfcad',
      ],
    },
  },
  {
    id: 'authress_service_client_key',
    category: 'system.authentication',
    description:
      'Authress service client access key (sc_ / ext_ / scauth_ / authress_ + client id . key id . acc_ account . secret).',
    // Triggered by the account part inside the key: `sc_` and `ext_` alone are common in text.
    keywords: ['.acc_', '.acc-'],
    anchor: 'window',
    // The secret after the account part runs to 153 characters.
    window: 192,
    pattern:
      /(?<![A-Za-z0-9_])(?:scauth|authress|sc|ext)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][A-Za-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120}(?![A-Za-z0-9+/_=-])/g,
    minEntropy: 3.5,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'AUTHRESS_KEY=sc_k3eudxx8susunzhggrijbk.7lelg.acc_dpcxngo0aco8.MC4CAQAwBQYDK2VwBCIEI9yqPdJkJbqgNTcerGfNV0LIcFL2xD71bKFELYGZo3c9',
          match:
            'sc_k3eudxx8susunzhggrijbk.7lelg.acc_dpcxngo0aco8.MC4CAQAwBQYDK2VwBCIEI9yqPdJkJbqgNTcerGfNV0LIcFL2xD71bKFELYGZo3c9',
        },
        'new ServiceClientTokenProvider("authress_s0ucurdosus39dsg299zzi.hjxrk.acc-x5i8faj90spf.MC4CAQAwBQYDK2VwBCIEI2WSSVrIL/w5uUte/bvY3L+ZiWq1TE8nvLjgNJ6xdnnz")',
      ],
      negative: [
        'sc_module.name.acc_count.total',
        'id=xyzsc_k3eudxx8susunzhggrijbk.7lelg.acc_dpcxngo0aco8.MC4CAQAw',
      ],
    },
  },
  {
    id: 'yandex_iam_token',
    category: 'system.authentication',
    description: 'Yandex Cloud IAM token (t1. + base64url payload + . + 86 base64url signature).',
    keywords: ['t1.'],
    pattern: /t1\.[A-Za-z0-9_-]{20,400}={0,2}\.[A-Za-z0-9_-]{86}={0,2}(?![A-Za-z0-9_=-])/y,
    validate: mixedCaseAlnum,
    minEntropy: 4,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'YC_TOKEN=t1.9euelZqzXZZxe_SXCp29n69CI0JOEtJuJWGnpTX-uwbbALHwXZ_ySo-VDMFvUSB0ils2I-C3k6l41GlnBbUGQTo.oKVVF6lsPn3EUh5jSB66L2rrS2BA1ZjM_p2kN1pJUET5Gj67QSwMhGlf9Z8K3mYiazJcBJyfi9f2N5jVJTT9b3',
          match:
            't1.9euelZqzXZZxe_SXCp29n69CI0JOEtJuJWGnpTX-uwbbALHwXZ_ySo-VDMFvUSB0ils2I-C3k6l41GlnBbUGQTo.oKVVF6lsPn3EUh5jSB66L2rrS2BA1ZjM_p2kN1pJUET5Gj67QSwMhGlf9Z8K3mYiazJcBJyfi9f2N5jVJTT9b3',
        },
        'curl -H "Authorization: Bearer t1.9euelZq01nbUSRqTRvEpA4Az9edzDXFQV7F-KCSzLGqadvdxQcyr_lBpFLqJcNLwa69f8DUS-AcrTXR84ZfsYcolapu4Pomzf1hsU71kq5VK5RMNVRVB1UT7oePsQR0.OxtPAVnIrjMF-jyRk27lkZqvu6DiYXq31gkJuz_SAFSe9t-oRR-Wdcs6AIje-EZ2bpDV2FlyCYwcwQ_YeH1jkt" https://iam.api.cloud.yandex.net',
      ],
      negative: [
        'section t1.intro.overview of the manual',
        'truncated: t1.9euelZqkMPpZGvWWTAuzid78Y3jCCK2dB8SxEYyG1fWzVMfjItn5jv_mYbc96_iwkkFwdOnjG5KrGerbA4EXS0T.KIALMYvFjVzKFJqqEadvQN_-tCIpW8zVf9JIixez end',
      ],
    },
  },
  {
    id: 'flutterwave_encryption_key',
    category: 'system.authentication',
    description: 'Flutterwave encryption key (FLWSECK_TEST / FLWSECK + 12 hex a–h).',
    keywords: ['flwseck'],
    pattern: /FLWSECK(?:_TEST)?-?[a-h0-9]{12}(?![A-Za-z0-9_-])/y,
    validate: lettersAndDigits,
    minEntropy: 2.5,
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'FLW_ENCRYPTION_KEY=FLWSECK_TEST57debbc17774', match: 'FLWSECK_TEST57debbc17774' },
        "encryption_key: 'FLWSECK1abf4d4da96a'",
      ],
      negative: [
        'truncated: FLWSECK_TESTc89a156e end',
        'FLWSECK_TEST-1cce06a770b4fab8922488e58a192d71-X is a secret key, not an encryption key',
      ],
    },
  },
  {
    id: 'sidekiq_enterprise_credentials',
    category: 'system.authentication',
    description:
      'Sidekiq Pro / Enterprise gem server credentials (BUNDLE_GEMS__CONTRIBSYS__COM / BUNDLE_ENTERPRISE__CONTRIBSYS__COM = 8 hex : 8 hex).',
    keywords: ['bundle_gems__contribsys__com', 'bundle_enterprise__contribsys__com'],
    pattern:
      /BUNDLE_(?:GEMS|ENTERPRISE)__CONTRIBSYS__COM["']?\s{0,3}[=:]\s{0,3}["']?([a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9_-])/y,
    group: 1,
    confidence: 0.95,
    examples: {
      positive: [
        { text: 'BUNDLE_GEMS__CONTRIBSYS__COM=17d99101:88cd1884', match: '17d99101:88cd1884' },
        'ENV BUNDLE_ENTERPRISE__CONTRIBSYS__COM: "909c28b4:394271a7"',
      ],
      negative: [
        'BUNDLE_GEMS__CONTRIBSYS__COM=$SIDEKIQ_CREDS',
        'BUNDLE_GEMS__CONTRIBSYS__COM=c320af81',
      ],
    },
  },
  {
    id: 'nuget_config_password',
    category: 'user.authorization.password',
    description:
      'Password in a NuGet.config packageSourceCredentials entry (<add key="ClearTextPassword" value="…" />).',
    // Without the `<`, which no other keyword uses (one more symbol would double the
    // automaton's rows); the pattern checks it before the hit.
    keywords: ['add key='],
    pattern:
      /(?<=<)add key=\\{0,2}"(?:[Cc]lear[Tt]ext)?[Pp]assword\\{0,2}"\s{1,5}value=\\{0,2}"([^"\s\\]{8,200})\\{0,2}"/y,
    group: 1,
    validate: (s) => !isPlaceholderPassword(s) && !s.startsWith('%'),
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: '<packageSourceCredentials><acme><add key="Username" value="ci" /><add key="ClearTextPassword" value="FZNIc9qE3Lgnv8RP8FBc" /></acme></packageSourceCredentials>',
          match: 'FZNIc9qE3Lgnv8RP8FBc',
        },
        '<add key="Password" value="+FCJ7CUF8f0u/KVozhYeMLT8MdwFvGmdUmTAcaZ/u9UxSMM3MLYRgN3OYHHX" />',
      ],
      negative: [
        '<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />',
        '<add key="ClearTextPassword" value="password" />',
      ],
    },
  },
  {
    id: 'freemius_secret_key',
    category: 'system.authentication',
    description:
      "Freemius SDK secret key (sk_ + 29 printable characters) assigned to 'secret_key' in a PHP array; triggered by sk_.",
    keywords: ['sk_'],
    pattern:
      /(?<=["']secret_key["'][ \t]{0,4}=>[ \t]{0,4}["'])sk_[\x21\x23-\x26\x28-\x7e]{29}(?=["'])/y,
    boundary: false,
    minEntropy: 3.5,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: "fs_dynamic_init( array( 'id' => '1234', 'slug' => 'acme', 'secret_key' => 'sk_ut5SMofbr67IQQaqOeJ8xCl43hO16', 'public_key' => 'pk_0123' ) );",
          match: 'sk_ut5SMofbr67IQQaqOeJ8xCl43hO16',
        },
        '"secret_key" => "sk_UD0IO0bjOKAYUooknlxUshf4jIbRO",',
      ],
      negative: [
        "'secret_key' => 'sk_your_secret_key_goes_here_x'",
        "'public_key' => 'sk_ut5SMofbr67IQQaqOeJ8xCl43hO16'",
        "'secret_key' => 'sk_UD0IO0bjOKAYUookn'",
      ],
    },
  },
];
