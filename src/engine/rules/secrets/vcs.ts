/**
 * Source hosting tokens: GitHub (classic, OAuth, app, refresh, fine-grained), Bitbucket app
 * passwords and Atlassian API tokens. GitLab lives in gitlab.ts.
 */
import type { Rule } from '../../types.js';

/** GitHub, Bitbucket and Atlassian tokens. */
export const vcsRules: readonly Rule[] = [
  {
    id: 'github_pat',
    category: 'system.authentication',
    description: 'GitHub classic personal access token (ghp_ + 36 base62).',
    keywords: ['ghp_'],
    pattern: /ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'token ghp_1SOMtfZ2tzgdDRS0r08j1hYhC3WMaJRzJHV2 done',
          match: 'ghp_1SOMtfZ2tzgdDRS0r08j1hYhC3WMaJRzJHV2',
        },
        'git clone https://x-access-token:ghp_Qsiphi5hqBq0NpxavCFqSJuYkjoLo28hb7Xb@github.com/acme/api.git',
        'export GH_TOKEN=ghp_KJdMzwrHWG7v8OIUUWNpAHGrpHieApiUD5hG',
      ],
      negative: [
        'ghp_short',
        'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'truncated: ghp_gozHujDuKOmiMwHV4gcC02atEl3uG8d27 end',
        'id=xyzghp_gozHujDuKOmiMwHV4gcC02atEl3uG8d270MH',
      ],
    },
  },
  {
    id: 'github_oauth_token',
    category: 'system.authentication',
    description: 'GitHub OAuth access token (gho_ + 36 base62).',
    keywords: ['gho_'],
    pattern: /gho_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'note: rotated gho_SUOVOkKc7T4qyVvPkLWrxkDx9GAGPYiDQqcG yesterday, please revoke the old one',
          match: 'gho_SUOVOkKc7T4qyVvPkLWrxkDx9GAGPYiDQqcG',
        },
        '<input type="hidden" name="cfg" value="gho_CAIFINqTkwfcsxtxIos2oyTMzO54NXAbY7Di">',
      ],
      negative: [
        'gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'truncated: gho_VARALhQzoZL5oFD46nprWb32gc9pj8fN4 end',
        'id=xyzgho_VARALhQzoZL5oFD46nprWb32gc9pj8fN4Xyd',
      ],
    },
  },
  {
    id: 'github_user_to_server_token',
    category: 'system.authentication',
    description: 'GitHub App user-to-server token (ghu_ + 36 base62).',
    keywords: ['ghu_'],
    pattern: /ghu_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: ghu_mIVxw4VuLFhWoFBMcn4FCa5fP1h8esVqgjRg\n  script: make deploy',
          match: 'ghu_mIVxw4VuLFhWoFBMcn4FCa5fP1h8esVqgjRg',
        },
        '[warn] found ghu_NGBjlVY1k4fOoxn630vcegT1uzjpGi7sHsOv in request body of /api/v1/events',
      ],
      negative: [
        'ghu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'truncated: ghu_NfIjEhtyNyFLx2tchIEfZKEa2h38Ee1IB end',
        'id=xyzghu_NfIjEhtyNyFLx2tchIEfZKEa2h38Ee1IBOlJ',
      ],
    },
  },
  {
    id: 'github_server_to_server_token',
    category: 'system.authentication',
    description: 'GitHub App installation (server-to-server) token (ghs_ + 36 base62).',
    keywords: ['ghs_'],
    pattern: /ghs_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential ghs_fpbjon3PccEZQbazhwStd7M1s5TWg51lHE7A was rejected',
          match: 'ghs_fpbjon3PccEZQbazhwStd7M1s5TWg51lHE7A',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"ghs_a5LBxQppa5oBh5WNGplEyEur9TyYXSSfssAe","plan":"team"}}',
      ],
      negative: [
        'ghs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'truncated: ghs_IR23CgYzw1IqZbRpXk0wPLqXRirWUwONC end',
        'id=xyzghs_IR23CgYzw1IqZbRpXk0wPLqXRirWUwONCCRP',
      ],
    },
  },
  {
    id: 'github_refresh_token',
    category: 'system.authentication',
    description: 'GitHub App refresh token (ghr_ + 36–76 base62).',
    keywords: ['ghr_'],
    pattern: /ghr_[A-Za-z0-9]{36,76}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'user pasted "ghr_rLBoVd45ctT4PcPHJQADTSDaLONnmyTJnWYhJYkKgpanmeIK2YOxvivAcXdRBye90WT1CSk53KNV" into the support widget',
          match: 'ghr_rLBoVd45ctT4PcPHJQADTSDaLONnmyTJnWYhJYkKgpanmeIK2YOxvivAcXdRBye90WT1CSk53KNV',
        },
        'export ACME_CREDENTIAL=ghr_hidctdKYzME5c2fHBQ6Ocuevj27MeJqOJLbUe692FsGEageLX1Y5C4OP0CWPrRluwBEHVqVa8lU9',
      ],
      negative: [
        'truncated: ghr_0AXepeh4Fdq5vikOU1fMnlkTle3FL6j3F end',
        'id=xyzghr_0AXepeh4Fdq5vikOU1fMnlkTle3FL6j3FtaL2Zmvvai8K3FRZ3Th8n73AmNJOLdusbnm3kTAhUey',
      ],
    },
  },
  {
    id: 'github_fine_grained_pat',
    category: 'system.authentication',
    description:
      'GitHub fine-grained personal access token (github_pat_ + 22 base62 + _ + 59 base62).',
    keywords: ['github_pat_'],
    pattern: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: 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" https://api.acme.dev/v2/projects',
          match:
            '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',
        },
        'Build log: loaded 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 from .env.production',
      ],
      negative: [
        'see github_pat_ tokens in the docs',
        'truncated: github_pat_yG2AleGmP1QO0QqVuHbHw9_FExNdsoYec6qdBiBD4LNXd3LlBb23PYYosqzlvr3I3INRsg9cuTMh0Fa end',
        'id=xyz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',
      ],
    },
  },
  {
    id: 'bitbucket_app_password',
    category: 'system.authentication',
    description: 'Bitbucket app password (ATBB + 32 base62).',
    keywords: ['atbb'],
    pattern: /ATBB[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'note: rotated ATBB18ocQ9kuRleHVfHyvEwil4aqbvyPENHJ yesterday, please revoke the old one',
          match: 'ATBB18ocQ9kuRleHVfHyvEwil4aqbvyPENHJ',
        },
        '<input type="hidden" name="cfg" value="ATBBHyFj7DunSmMUlKcg4sGJvoFLWk51zXn2">',
      ],
      negative: [
        'truncated: ATBBsjlo1QL8gs3OM461nVcexcXXY77Nt end',
        'id=xyzATBBsjlo1QL8gs3OM461nVcexcXXY77Nt68c',
      ],
    },
  },
  {
    id: 'atlassian_api_token',
    category: 'system.authentication',
    description:
      'Atlassian (Jira, Confluence, Bitbucket) API token (ATATT3 + 150–250 base64url / =).',
    keywords: ['atatt3'],
    pattern: /ATATT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: ATATT3xFfGF0Ek1I0POsIM0ulsI2sqPAPjOVgD7pzZSR0SwVxJud2QGAtS-QYOzcdqrsEjgIbw2HLw5sYbGYFrmhKw_D_lGUXaptYUIbzzcUUjXg2m2edcQ6m15EOpohztVr4pyTAicgJfov94eahC4DKfXmthCI45TaKsQfovGQ1nD3C_D6yZ=6553BE40\n  script: make deploy',
          match:
            'ATATT3xFfGF0Ek1I0POsIM0ulsI2sqPAPjOVgD7pzZSR0SwVxJud2QGAtS-QYOzcdqrsEjgIbw2HLw5sYbGYFrmhKw_D_lGUXaptYUIbzzcUUjXg2m2edcQ6m15EOpohztVr4pyTAicgJfov94eahC4DKfXmthCI45TaKsQfovGQ1nD3C_D6yZ=6553BE40',
        },
        '[warn] found ATATT3xFfGF08UkMJLv5UTUuQ9zlbWbD_UtLFpw_-JFe3g13DROGRFxaqh8Ma066Q_491c7PMmVyqg58ZKN7on6baANrefjoP1g4x_2TInjNCgYEDFX9b5Ii1UeK-0sTu1E1WL5ewRvImRCtcGkrtMEJz9H3NwaaZh77N9Yh1XQaI9SLipvVsn=24A901AF in request body of /api/v1/events',
      ],
      negative: [
        'truncated: ATATT3xFfGF0vLXksCBwNDxARLGL-xEduJTu_XOoqI98rweKu0Wjh_Ky_gHfTgG0QI43IgCMwSSAbq3zEqIJsOHL2fMcONcQxDXS7kVzsDd2HpUhZ1_JkSVUwOgZVqDcBhsLx-sleMlsXyRJx_tkIWuKH end',
        'id=xyzATATT3xFfGF0vLXksCBwNDxARLGL-xEduJTu_XOoqI98rweKu0Wjh_Ky_gHfTgG0QI43IgCMwSSAbq3zEqIJsOHL2fMcONcQxDXS7kVzsDd2HpUhZ1_JkSVUwOgZVqDcBhsLx-sleMlsXyRJx_tkIWuKH5IzhQCkFYyJicGBC8eOX5pgVcfH7d=0662A911',
      ],
    },
  },
];
