/**
 * GitLab token families: personal, OAuth application, deploy, runner, pipeline trigger, runner
 * registration, feed, agent, SCIM, CI job, incoming mail and feature flag tokens.
 */
import type { Rule } from '../../types.js';

/**
 * GitLab token pattern: the prefix, then either the legacy body or a routable token (base64url
 * payload of 27–300, `.`, then `<2 base36 version>.<2 base36 length><7 base36 CRC>` as GitLab
 * issues it, or `<2 base36 length><7 base36 CRC>` without the version segment).
 */
function gitlabToken(prefix: string, legacy: string): RegExp {
  const routable = '[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{2}(?:\\.[0-9a-z]{9}|[0-9a-z]{7})';
  return new RegExp(`${prefix}(?:${routable}|${legacy})(?![A-Za-z0-9_-])`, 'y');
}

/** GitLab tokens. */
export const gitlabRules: readonly Rule[] = [
  {
    id: 'gitlab_pat',
    category: 'system.authentication',
    description:
      'GitLab personal / project / group access token (glpat- + 20–64 base64url, or routable: 27–300 base64url + .<version>.<length><CRC>).',
    keywords: ['glpat-'],
    pattern: gitlabToken('glpat-', '[A-Za-z0-9_-]{20,64}'),
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
        {
          text: 'GITLAB_TOKEN=glpat-efh6jPlfIf8j7WglkIE6qeREUqE3wOjhwUZ9-_.01.10d132a9j',
          match: 'glpat-efh6jPlfIf8j7WglkIE6qeREUqE3wOjhwUZ9-_.01.10d132a9j',
        },
        {
          text: 'token: glpat-B-HuVP3l7QjXV4ZypkyAJQ57AMu.qspihw4co',
          match: 'glpat-B-HuVP3l7QjXV4ZypkyAJQ57AMu.qspihw4co',
        },
      ],
      negative: [
        'glpat-xxxxxxxxxxxxxxxxxxxx',
        'glpat-tooShort123',
        'glpat-xxxxxxxx-xxxxxxxxxxxxxxxxxx.xxxxxxxxx',
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
    pattern: gitlabToken('gloas-', '[A-Za-z0-9_-]{64}'),
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
    pattern: gitlabToken('gldt-', '[A-Za-z0-9_-]{20}'),
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: gldt-fxS6jQNQZnbUWse8ApXf" https://api.acme.dev/v2/projects',
          match: 'gldt-fxS6jQNQZnbUWse8ApXf',
        },
        'Build log: loaded gldt-0yQnW0If4OMPnxPlGvur from .env.production',
        {
          text: 'DEPLOY_TOKEN=gldt-J-KwcJNH0ntKkrvyXJsCh5pzoPGEr20r29nW0j.01.m8xjt5n23',
          match: 'gldt-J-KwcJNH0ntKkrvyXJsCh5pzoPGEr20r29nW0j.01.m8xjt5n23',
        },
      ],
      negative: ['truncated: gldt-fSdQYGlr3mEvoWyv4 end', 'id=xyzgldt-fSdQYGlr3mEvoWyv4TAf'],
    },
  },
  {
    id: 'gitlab_runner_token',
    category: 'system.authentication',
    description:
      'GitLab runner authentication token (glrt- / glrtr- + 20–64 base64url, or routable: payload . version . length + CRC).',
    keywords: ['glrt-', 'glrtr-'],
    pattern: gitlabToken('glrtr?-', '[A-Za-z0-9_-]{20,64}'),
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'note: rotated glrt-R2MgnOtMAVotECf6f8rq yesterday, please revoke the old one',
          match: 'glrt-R2MgnOtMAVotECf6f8rq',
        },
        '<input type="hidden" name="cfg" value="glrt-snW3xFL4H6F3nvkQCVOA">',
        {
          text: '[[runners]]\n  token = "glrt-t1_N_SYRj-hgliXtfSB9QYtxQSKZhtKIz6LoBM2T-lQ.01.12d8ih4g7"',
          match: 'glrt-t1_N_SYRj-hgliXtfSB9QYtxQSKZhtKIz6LoBM2T-lQ.01.12d8ih4g7',
        },
        {
          text: 'gitlab-runner register --token glrtr-knlr-JSHOhubY40ne_ICjTK5TqxGAVQqDToSP8.01.38h7zd4i7 --executor docker',
          match: 'glrtr-knlr-JSHOhubY40ne_ICjTK5TqxGAVQqDToSP8.01.38h7zd4i7',
        },
      ],
      negative: [
        'truncated: glrt-VcK2BwkbgeI-nelfY end',
        'id=xyzglrt-VcK2BwkbgeI-nelfYVD7',
        'glrtx-Auuo6AvcGHcj198_Nf_Hvb-aEgs5bMAyNp6Nyk.01.90y7w2obf',
      ],
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
    pattern: gitlabToken('glft-', '[A-Za-z0-9_-]{20}'),
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
    pattern: gitlabToken('glagent-', '[A-Za-z0-9_-]{50}'),
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
    pattern: gitlabToken('glsoat-', '[A-Za-z0-9_-]{20}'),
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
    pattern: gitlabToken('glcbt-', '[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}'),
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
    pattern: gitlabToken('glimt-', '[A-Za-z0-9_-]{25}'),
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
    pattern: gitlabToken('glffct-', '[A-Za-z0-9_-]{20}'),
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
  {
    id: 'gitlab_workspace_token',
    category: 'system.authentication',
    description:
      'GitLab workspace token (glwt- + 20–64 base64url, or routable: payload . version . length + CRC).',
    keywords: ['glwt-'],
    pattern: gitlabToken('glwt-', '[A-Za-z0-9_-]{20,64}'),
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'GITLAB_WORKSPACE_TOKEN=glwt-iN2AcG6sRCJabXCWbh5Y483zK6_AVe-R3mibxO.01.vpj7g0pvh',
          match: 'glwt-iN2AcG6sRCJabXCWbh5Y483zK6_AVe-R3mibxO.01.vpj7g0pvh',
        },
        'export ACME_CREDENTIAL=glwt-8snq3Q_N5OiWijFaplhl',
      ],
      negative: [
        'truncated: glwt-27cmhzJ6JLThET0 end',
        'id=xyzglwt-iN2AcG6sRCJabXCWbh5Y483zK6_AVe-R3mibxO.01.vpj7g0pvh',
      ],
    },
  },
  {
    id: 'gitlab_session_cookie',
    category: 'user.authorization.credentials',
    description:
      'GitLab session cookie value (_gitlab_session= + 32 lower-case alphanumerics, hex as issued).',
    keywords: ['_gitlab_session='],
    pattern: /_gitlab_session=([0-9a-z]{32})(?![A-Za-z0-9_-])/y,
    boundary: false,
    group: 1,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'Cookie: known_sign_in=abc; _gitlab_session=cdf3b845133d240b036dedd211e22d86; event_filter=all',
          match: 'cdf3b845133d240b036dedd211e22d86',
        },
        'curl -b "_gitlab_session=7ae4f0d4a565e557416e58c9b69ee8fd" https://gitlab.acme.io/api/v4/user',
      ],
      negative: ['_gitlab_session=ff88de57eca24f878ff0', '_gitlab_session=deleted; path=/'],
    },
  },
];
