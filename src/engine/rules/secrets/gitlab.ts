/**
 * GitLab token families: personal, OAuth application, deploy, runner, pipeline trigger, runner
 * registration, feed, agent, SCIM, CI job, incoming mail and feature flag tokens.
 */
import type { Rule } from '../../types.js';

/** GitLab tokens. */
export const gitlabRules: readonly Rule[] = [
  {
    id: 'gitlab_pat',
    category: 'system.authentication',
    description:
      'GitLab personal / project / group access token (glpat- + 20–64 base64url, optional routable .xx.xxxxxxxxx suffix).',
    keywords: ['glpat-'],
    pattern: /glpat-[A-Za-z0-9_-]{20,64}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,10})?(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        { text: 'PRIVATE-TOKEN: glpat-ubP5xShE_UD0-A_T9ilI', match: 'glpat-ubP5xShE_UD0-A_T9ilI' },
        'git push https://oauth2:glpat-1LleOT3wUK2uOphr6liM@gitlab.com/acme/web.git',
        {
          text: 'glab auth login --token glpat-xDnabRQbt3nE1G7c2LdPLf1Idk0.01.s232mpcl4 --hostname gitlab.acme.io',
          match: 'glpat-xDnabRQbt3nE1G7c2LdPLf1Idk0.01.s232mpcl4',
        },
      ],
      negative: [
        'glpat-xxxxxxxxxxxxxxxxxxxx',
        'glpat-tooShort123',
        'truncated: glpat-bCzxRlWaT3VgFlsdu end',
        'id=xyzglpat-bCzxRlWaT3VgFlsdun1X',
      ],
    },
  },
  {
    id: 'gitlab_oauth_app_secret',
    category: 'system.authentication',
    description: 'GitLab OAuth application secret (gloas- + 64 base64url).',
    keywords: ['gloas-'],
    pattern: /gloas-[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "gloas-Vj-ZRic6waS98rtbwp2YbSlg4Qd7UZUrz6YIlbtLZWmxQbc3vkxMqXJhP--bzQuH" into the support widget',
          match: 'gloas-Vj-ZRic6waS98rtbwp2YbSlg4Qd7UZUrz6YIlbtLZWmxQbc3vkxMqXJhP--bzQuH',
        },
        'export ACME_CREDENTIAL=gloas-g1LWl2jB7aAyA8z7nNAaQUwo7a9tNbHIeA3jd7QbWe6hcDeGzlwXXeA6zRzfjyL0',
      ],
      negative: [
        'truncated: gloas-DioTuR9HMZall6Z2Wznr6WM4Cfgbx4bNtzsTob_t6rz_DpKstud4YQXe_EEdY end',
        'id=xyzgloas-DioTuR9HMZall6Z2Wznr6WM4Cfgbx4bNtzsTob_t6rz_DpKstud4YQXe_EEdYSKX',
      ],
    },
  },
  {
    id: 'gitlab_deploy_token',
    category: 'system.authentication',
    description: 'GitLab deploy token (gldt- + 20 base64url).',
    keywords: ['gldt-'],
    pattern: /gldt-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: gldt-fxS6jQNQZnbUWse8ApXf" https://api.acme.dev/v2/projects',
          match: 'gldt-fxS6jQNQZnbUWse8ApXf',
        },
        'Build log: loaded gldt-0yQnW0If4OMPnxPlGvur from .env.production',
      ],
      negative: ['truncated: gldt-fSdQYGlr3mEvoWyv4 end', 'id=xyzgldt-fSdQYGlr3mEvoWyv4TAf'],
    },
  },
  {
    id: 'gitlab_runner_token',
    category: 'system.authentication',
    description: 'GitLab runner authentication token (glrt- + 20–64 base64url).',
    keywords: ['glrt-'],
    pattern: /glrt-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'note: rotated glrt-R2MgnOtMAVotECf6f8rq yesterday, please revoke the old one',
          match: 'glrt-R2MgnOtMAVotECf6f8rq',
        },
        '<input type="hidden" name="cfg" value="glrt-snW3xFL4H6F3nvkQCVOA">',
      ],
      negative: ['truncated: glrt-VcK2BwkbgeI-nelfY end', 'id=xyzglrt-VcK2BwkbgeI-nelfYVD7'],
    },
  },
  {
    id: 'gitlab_pipeline_trigger_token',
    category: 'system.authentication',
    description: 'GitLab pipeline trigger token (glptt- + 40 hex).',
    keywords: ['glptt-'],
    pattern: /glptt-[a-f0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: glptt-34da7ac69530cc46a17b602532a697b16cc962fb\n  script: make deploy',
          match: 'glptt-34da7ac69530cc46a17b602532a697b16cc962fb',
        },
        '[warn] found glptt-4e2f2b99352f0cd8d9b9cdff542a83e828cc4c52 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: glptt-8585063c837605b34e841081b708ee0c2f1f7 end',
        'id=xyzglptt-8585063c837605b34e841081b708ee0c2f1f77e9',
      ],
    },
  },
  {
    id: 'gitlab_runner_registration_token',
    category: 'system.authentication',
    description: 'GitLab runner registration token (GR1348941 + 20 base64url).',
    keywords: ['gr1348941'],
    pattern: /GR1348941[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential GR13489411PHdajsgixMret4ZwDsy was rejected',
          match: 'GR13489411PHdajsgixMret4ZwDsy',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"GR1348941Cl_cO4sYXkLT82QduByp","plan":"team"}}',
      ],
      negative: [
        'truncated: GR1348941Pw7wKYRR3UtXA7UCj end',
        'id=xyzGR1348941Pw7wKYRR3UtXA7UCjOFE',
      ],
    },
  },
  {
    id: 'gitlab_feed_token',
    category: 'system.authentication',
    description: 'GitLab feed token (glft- + 20 base64url).',
    keywords: ['glft-'],
    pattern: /glft-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "glft-5hH0TCNUXGC3SGWIk0RI" into the support widget',
          match: 'glft-5hH0TCNUXGC3SGWIk0RI',
        },
        'export ACME_CREDENTIAL=glft-bj4Pqg9MoYwcPtOnZvMB',
      ],
      negative: ['truncated: glft-bd1rY2gCP5IgkSZzo end', 'id=xyzglft-bd1rY2gCP5IgkSZzoKB3'],
    },
  },
  {
    id: 'gitlab_agent_token',
    category: 'system.authentication',
    description: 'GitLab agent for Kubernetes token (glagent- + 50 base64url).',
    keywords: ['glagent-'],
    pattern: /glagent-[A-Za-z0-9_-]{50}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: glagent-Tm68KPi3dBRKB89BcYPYykpuRU5EiwdZAqCKKltmH4uUzilbYp" https://api.acme.dev/v2/projects',
          match: 'glagent-Tm68KPi3dBRKB89BcYPYykpuRU5EiwdZAqCKKltmH4uUzilbYp',
        },
        'Build log: loaded glagent-Z-1MC5_QEQf9DNGlapromkOON6KhIHE0PTj8IPvGPy9QIYO2Rt from .env.production',
      ],
      negative: [
        'truncated: glagent-dks6wesu0nq4D-MjzLteCdoeKXdAcpnRzTylWTzoXzH6Ig7 end',
        'id=xyzglagent-dks6wesu0nq4D-MjzLteCdoeKXdAcpnRzTylWTzoXzH6Ig7sQ5',
      ],
    },
  },
  {
    id: 'gitlab_scim_token',
    category: 'system.authentication',
    description: 'GitLab SCIM OAuth token (glsoat- + 20 base64url).',
    keywords: ['glsoat-'],
    pattern: /glsoat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'note: rotated glsoat-iQ1As9dQqsUYqXo6MJSM yesterday, please revoke the old one',
          match: 'glsoat-iQ1As9dQqsUYqXo6MJSM',
        },
        '<input type="hidden" name="cfg" value="glsoat-e8PG4ztXkoDv5KeSwlWP">',
      ],
      negative: ['truncated: glsoat-Fftee0lNr4D4sTF0Z end', 'id=xyzglsoat-Fftee0lNr4D4sTF0Z79H'],
    },
  },
  {
    id: 'gitlab_cicd_job_token',
    category: 'system.authentication',
    description: 'GitLab CI/CD job token (glcbt- + 1–5 base62 + _ + 20 base64url).',
    keywords: ['glcbt-'],
    pattern: /glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: glcbt-KZ_79x8cdwt3mGJHABWMGI0\n  script: make deploy',
          match: 'glcbt-KZ_79x8cdwt3mGJHABWMGI0',
        },
        '[warn] found glcbt-DD_sB2OlnOn2l6UXG9y2QfN in request body of /api/v1/events',
      ],
      negative: [
        'truncated: glcbt-AF_h0dPNzNMsxOOzmWyQ end',
        'id=xyzglcbt-AF_h0dPNzNMsxOOzmWyQf1E',
      ],
    },
  },
  {
    id: 'gitlab_incoming_mail_token',
    category: 'system.authentication',
    description: 'GitLab incoming mail token (glimt- + 25 base64url).',
    keywords: ['glimt-'],
    pattern: /glimt-[A-Za-z0-9_-]{25}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential glimt-b0bTJ4lCLJCCx6GVsSAqYxAb7 was rejected',
          match: 'glimt-b0bTJ4lCLJCCx6GVsSAqYxAb7',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"glimt-Z8wrQJUu_CShbRJ-TGYbXQX-1","plan":"team"}}',
      ],
      negative: [
        'truncated: glimt-Wz15cmr7Qv4mh6kXLqfblc end',
        'id=xyzglimt-Wz15cmr7Qv4mh6kXLqfblcL7e',
      ],
    },
  },
  {
    id: 'gitlab_feature_flag_token',
    category: 'system.authentication',
    description: 'GitLab feature flags client token (glffct- + 20 base64url).',
    keywords: ['glffct-'],
    pattern: /glffct-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "glffct-xGss0Mr44lRn_QvLVO9b" into the support widget',
          match: 'glffct-xGss0Mr44lRn_QvLVO9b',
        },
        'export ACME_CREDENTIAL=glffct-Hz-KBDEVrtxgnIx00WdL',
      ],
      negative: ['truncated: glffct-4KJ2vOxu3XeNmHDt_ end', 'id=xyzglffct-4KJ2vOxu3XeNmHDt_zpe'],
    },
  },
];
