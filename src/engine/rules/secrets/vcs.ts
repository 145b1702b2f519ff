/**
 * Source hosting tokens: GitHub (classic, OAuth, app, refresh, fine-grained), Bitbucket (app
 * passwords, OAuth consumer secrets, Data Center HTTP access tokens), Atlassian API and access
 * tokens, and Jira / Confluence Data Center personal access tokens. GitLab lives in gitlab.ts.
 */
import type { Rule } from '../../types.js';
import { isAtlassianDcPat, mixedCaseAlnum } from './helpers.js';

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
      'Atlassian (Jira, Confluence, Bitbucket) API token (ATATT3 + 150–250 base64url / =), or Atlassian Cloud access token / admin API key (ATCTT3 + 150–250).',
    keywords: ['atatt3', 'atctt3'],
    pattern: /AT[AC]TT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: ATATT3xFfGF0Ek1I0POsIM0ulsI2sqPAPjOVgD7pzZSR0SwVxJud2QGAtS-QYOzcdqrsEjgIbw2HLw5sYbGYFrmhKw_D_lGUXaptYUIbzzcUUjXg2m2edcQ6m15EOpohztVr4pyTAicgJfov94eahC4DKfXmthCI45TaKsQfovGQ1nD3C_D6yZ=6553BE40\n  script: make deploy',
          match:
            'ATATT3xFfGF0Ek1I0POsIM0ulsI2sqPAPjOVgD7pzZSR0SwVxJud2QGAtS-QYOzcdqrsEjgIbw2HLw5sYbGYFrmhKw_D_lGUXaptYUIbzzcUUjXg2m2edcQ6m15EOpohztVr4pyTAicgJfov94eahC4DKfXmthCI45TaKsQfovGQ1nD3C_D6yZ=6553BE40',
        },
        {
          text: 'ATLASSIAN_ADMIN_KEY=ATCTT3xFfGXHSK7OXbxQmpS03tCRdKFEENcyhv-onY_2l59iDT6xDjgQriNnquNEQ-0dTXICjiLWTM8OWK7D2M1YRVEIDF1k4UG7j4tjYXgvPfXVP3EojKQ4zF5rInFGcXQv9O49qn0e8MMgyb4qYWRvuGk6EwNwmPYcpx1RpxmFl56IzLwK=C589A7A4',
          match:
            'ATCTT3xFfGXHSK7OXbxQmpS03tCRdKFEENcyhv-onY_2l59iDT6xDjgQriNnquNEQ-0dTXICjiLWTM8OWK7D2M1YRVEIDF1k4UG7j4tjYXgvPfXVP3EojKQ4zF5rInFGcXQv9O49qn0e8MMgyb4qYWRvuGk6EwNwmPYcpx1RpxmFl56IzLwK=C589A7A4',
        },
        '[warn] found ATATT3xFfGF08UkMJLv5UTUuQ9zlbWbD_UtLFpw_-JFe3g13DROGRFxaqh8Ma066Q_491c7PMmVyqg58ZKN7on6baANrefjoP1g4x_2TInjNCgYEDFX9b5Ii1UeK-0sTu1E1WL5ewRvImRCtcGkrtMEJz9H3NwaaZh77N9Yh1XQaI9SLipvVsn=24A901AF in request body of /api/v1/events',
      ],
      negative: [
        'truncated: ATATT3xFfGF0vLXksCBwNDxARLGL-xEduJTu_XOoqI98rweKu0Wjh_Ky_gHfTgG0QI43IgCMwSSAbq3zEqIJsOHL2fMcONcQxDXS7kVzsDd2HpUhZ1_JkSVUwOgZVqDcBhsLx-sleMlsXyRJx_tkIWuKH end',
        'id=xyzATATT3xFfGF0vLXksCBwNDxARLGL-xEduJTu_XOoqI98rweKu0Wjh_Ky_gHfTgG0QI43IgCMwSSAbq3zEqIJsOHL2fMcONcQxDXS7kVzsDd2HpUhZ1_JkSVUwOgZVqDcBhsLx-sleMlsXyRJx_tkIWuKH5IzhQCkFYyJicGBC8eOX5pgVcfH7d=0662A911',
        'ATCTT3 tokens are issued in the admin console',
      ],
    },
  },
  {
    id: 'bitbucket_client_secret',
    category: 'system.authentication',
    description:
      'Bitbucket OAuth consumer secret (32 mixed-case base62, or 64 base64url as older scanners describe it) near bitbucket.',
    keywords: ['bitbucket'],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:[A-Za-z0-9]{32}|[A-Za-z0-9_=-]{64})(?![A-Za-z0-9_=-]|\.[A-Za-z0-9])/g,
    anchor: 'window',
    near: 'credential',
    validate: (s) => mixedCaseAlnum(s),
    minEntropy: 3.5,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'BITBUCKET_CLIENT_SECRET=wi5j45mAEPTK1DJJo6KsWAo29d63p6Oj',
          match: 'wi5j45mAEPTK1DJJo6KsWAo29d63p6Oj',
        },
        {
          text: 'bitbucket:\n  oauth:\n    key: h3WHQGSvnWCRtSN1fp\n    secret: HGJh9i3djG3S4aTDoMCRWGVExAVWDscA',
          match: 'HGJh9i3djG3S4aTDoMCRWGVExAVWDscA',
        },
        'bitbucket_client_secret: "VxbO5BHiUxn-R5lO1V71QeHSTySOR2bscgfTl0HeC5i18oIA0JrJsoHshVRJZmAx"',
      ],
      negative: [
        'bitbucket mirror of commit 9fceb02d0ae598e95dc970b74767f193 is ready, key rotation pending',
        'utm_source=bitbucket&utm_campaign=wi5j45mAEPTK1DJJo6KsWAo29d63p6Oj',
        'BITBUCKET_CLIENT_SECRET=wi5j45mAEPTK1DJJo6Ks',
      ],
    },
  },
  {
    id: 'bitbucket_datacenter_token',
    category: 'system.authentication',
    description:
      'Bitbucket Data Center / Server HTTP access token (BBDC- + 44 base64 of numeric id : random bytes).',
    keywords: ['bbdc-'],
    pattern: /BBDC-([A-Za-z0-9+/]{40,50}={0,2})(?![A-Za-z0-9+/=_-])/y,
    validate: (s) => isAtlassianDcPat(s.slice(5)),
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'git -c http.extraHeader="Authorization: Bearer BBDC-MzQ2MDIzOTg3NDM2OjcFhnuLHJnRKPG5Kq4UpQa5jma6" clone https://git.acme.io/scm/web/app.git',
          match: 'BBDC-MzQ2MDIzOTg3NDM2OjcFhnuLHJnRKPG5Kq4UpQa5jma6',
        },
        {
          text: 'BITBUCKET_TOKEN=BBDC-OTg0ODg0MTM0MjA3Og/eiS/t4LtcgtTAhjfct26q0QgU',
          match: 'BBDC-OTg0ODg0MTM0MjA3Og/eiS/t4LtcgtTAhjfct26q0QgU',
        },
        '{"scm_token":"BBDC-NDQ0Njk0MDM2NDMwOi9Mz5gjsPaNWHpueQkCzfwAtXDx"}',
      ],
      negative: [
        'BBDC-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'truncated: BBDC-MzQ2MDIzOTg3NDM2OjcFhnuLH end',
        'id=xyzBBDC-OTg0ODg0MTM0MjA3Og/eiS/t4LtcgtTAhjfct26q0QgU',
        'BBDC-NxbO5BHiUxnxR5lO1V71QeHSTySOR2bscgfTl0HeC5i1',
      ],
    },
  },
  {
    id: 'atlassian_datacenter_pat',
    category: 'system.authentication',
    description:
      'Jira / Confluence Data Center personal access token: 44 base64 characters that decode to a numeric id, a colon and random bytes (first character M, N or O), wherever it occurs.',
    // No prefix and no keyword of its own: the shape is checked by decoding, so the rule runs over
    // the base64-alphabet runs of 44+ characters the first pass collects.
    runs: { min: 44 },
    pattern: /(?<![A-Za-z0-9+/_-])[MNO][A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=_-])/g,
    anchor: 'window',
    validate: isAtlassianDcPat,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'JIRA_PAT=MTk2ODg3Mzk0MzUwOk6mHxGehbsgs/FOA4dW8pfr1g8k',
          match: 'MTk2ODg3Mzk0MzUwOk6mHxGehbsgs/FOA4dW8pfr1g8k',
        },
        {
          text: 'curl -H "Authorization: Bearer MjQyMTg2ODYyMDEwOievGl5/jwqKx3I9CMhAuIYbYSAc" https://jira.acme.io/rest/api/2/myself',
          match: 'MjQyMTg2ODYyMDEwOievGl5/jwqKx3I9CMhAuIYbYSAc',
        },
        {
          text: 'confluence token Njc4MjA5NzY3NDMyOp1358TfCI/038GECIZlLl4RZQFD expired',
          match: 'Njc4MjA5NzY3NDMyOp1358TfCI/038GECIZlLl4RZQFD',
        },
        '{"pat":"Mzk5MTc1NDcwNDQxOprHjX+0he1fg7RT5PGMYgsIlvmz"}',
      ],
      negative: [
        'request NxbO5BHiUxnxR5lO1V71QeHSTySOR2bscgfTl0HeC5i1 completed',
        'BBDC-MTk2ODg3Mzk0MzUwOk6mHxGehbsgs/FOA4dW8pfr1g8k',
        'id=xyzMjQyMTg2ODYyMDEwOievGl5/jwqKx3I9CMhAuIYbYSAc',
        'token Ljc4MjA5NzY3NDMyOp1358TfCI/038GECIZlLl4RZQFD end',
        'data:image/png;base64,Mzk5MTc1NDcwNDQxOprHjX+0he1fg7RT5PGMYgsIlvmzAAAA',
      ],
    },
  },
];
