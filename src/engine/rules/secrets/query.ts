/**
 * Credential-bearing token parameters in URLs, form bodies and cookie strings (token=,
 * access_token=, refresh_token=, id_token=, jwt=, auth_token=, reset / invite tokens, auth=,
 * session=, OAuth code=). The parameter name must be whole (?token= and &token= match,
 * csrf_token= and token_count= do not) and is matched case-sensitively, so ENV_VAR=value lines
 * are left to the generic rules; the value span is reported, up to &, #, whitespace or a quote,
 * and must be long and random-looking.
 */
import type { Rule } from '../../types.js';
import { randomCredential, sessionValue } from './context-values.js';
import { findOAuthCode, looksRandom } from './helpers.js';

/** URL / form token parameter rules. */
export const queryRules: readonly Rule[] = [
  {
    id: 'url_token',
    category: 'user.authorization.credentials',
    description: 'Value of a token= parameter (16–512 chars, random-looking).',
    keywords: ['token='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:token)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,512}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'https://app.acme.io/invite/accept?token=I-Cf-sqUejAm2DKZkNj6CquiDUmikPT5&utm_source=email',
          match: 'I-Cf-sqUejAm2DKZkNj6CquiDUmikPT5',
        },
        '/password/reset?email=x&token=vP8pcANVXPpfs4fQzgIG5xL25irnwrK7',
      ],
      negative: [
        'https://app.acme.io/chat?token_count=3&page=2',
        'https://app.acme.io/x?token=abc123',
        '?token=xxxxxxxxxxxxxxxxxxxxxxxx',
        'https://app.acme.io/x?csrf_token=Zk3vQ9pL2xW7mN4bT8yR',
        '?utm_source=newsletter&utm_medium=email&page=2',
      ],
    },
  },
  {
    id: 'url_access_token',
    category: 'user.authorization.credentials',
    description: 'Value of an access_token= / accessToken= parameter.',
    keywords: ['access_token=', 'accesstoken='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:access_token|accessToken)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,2048}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'https://api.acme.io/v1/me?access_token=OdVboC7pjRVKeK0laiG0-CYnN1woX8qY',
          match: 'OdVboC7pjRVKeK0laiG0-CYnN1woX8qY',
        },
        'https://app.acme.io/callback#accessToken=abVjNUlyyu4cqkBow1XQJADuFX_HiLBb&expires_in=3600',
      ],
      negative: ['?access_token=null', 'docs: pass access_token= in the query string'],
    },
  },
  {
    id: 'url_refresh_token',
    category: 'user.authorization.credentials',
    description: 'Value of a refresh_token= / refreshToken= parameter.',
    keywords: ['refresh_token=', 'refreshtoken='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:refresh_token|refreshToken)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,2048}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'grant_type=refresh_token&refresh_token=sHGakKP171Xfq38klI0Vxnl0RtqUBDyX&client_id=web',
          match: 'sHGakKP171Xfq38klI0Vxnl0RtqUBDyX',
        },
        'POST /oauth/token body: refreshToken=eGrqHRW04qQFHbAhWyCjNnWVrqKMhZMl',
      ],
      negative: ['grant_type=refresh_token&client_id=web', 'refresh_token=expired'],
    },
  },
  {
    id: 'url_id_token',
    category: 'user.authorization.credentials',
    description:
      'Value of an id_token= parameter (OpenID Connect); outranks the plain JWT finding.',
    keywords: ['id_token=', 'idtoken='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:id_token|idToken)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,4096}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: looksRandom,
    minEntropy: 3,
    confidence: 0.96,
    examples: {
      positive: [
        {
          text: 'https://app.acme.io/auth/callback#id_token=eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.OW510AERf3TuM54HGJ3E2sNoMKBKfJA0oeoKc84PtpSh6idoKuRjxlzkLGuPO5Qp8ULJ0Yus4z3Iz9_p.cwCFw_Y1mffY7YEeORfwuqBehH8lWx_RhePfoPt1xXt&state=af0ifjsldkj',
          match:
            'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.OW510AERf3TuM54HGJ3E2sNoMKBKfJA0oeoKc84PtpSh6idoKuRjxlzkLGuPO5Qp8ULJ0Yus4z3Iz9_p.cwCFw_Y1mffY7YEeORfwuqBehH8lWx_RhePfoPt1xXt',
        },
        'id_token=eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.wTsBQiZoUZjM8E9WzxKkYhsrhY7WRJv5xWFZOAZ-b3Oq5DZxa345SwNdJ-2Jhn0ete_nCSzHVfZAKKUp.ZPCsUebCn7meBFUdJ7GIuLbpwyh_07RqzoHoZ0JAXzM',
      ],
      negative: ['response_type=id_token&scope=openid', '?id_token=undefined'],
    },
  },
  {
    id: 'url_jwt',
    category: 'user.authorization.credentials',
    description: 'Value of a jwt= parameter; outranks the plain JWT finding.',
    keywords: ['jwt='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:jwt)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,4096}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: looksRandom,
    minEntropy: 3,
    confidence: 0.96,
    examples: {
      positive: [
        {
          text: 'https://embed.acme.io/dashboard?jwt=eyJhbGciOiJIUzI1NiJ9.QWVwvLlCv1ntwroEhXWwcwbkecG4nYrNy4MnjAvU_I953PgHIWi-AeT_nhk8.Da6EJvZ9P7s0TtvRhxDsjGcj7k5BvPfbYDIsUN2Cgjz#theme=dark',
          match:
            'eyJhbGciOiJIUzI1NiJ9.QWVwvLlCv1ntwroEhXWwcwbkecG4nYrNy4MnjAvU_I953PgHIWi-AeT_nhk8.Da6EJvZ9P7s0TtvRhxDsjGcj7k5BvPfbYDIsUN2Cgjz',
        },
        'wss://rt.acme.io/socket?jwt=eyJhbGciOiJIUzI1NiJ9.u1Yb33YErpItPvalja4O6IvCkbjLxMzouov2d_b6wHc0duqgkuFA8iN8NVU4.yxBT9EOPGlsdVeh41pMBr78FYnfPnpQbcgqoVuEqA9V',
      ],
      negative: ['?jwt=true', 'https://acme.io/?auth_jwt_enabled=1'],
    },
  },
  {
    id: 'url_auth_token',
    category: 'user.authorization.credentials',
    description: 'Value of an auth_token= / authToken= parameter.',
    keywords: ['auth_token=', 'authtoken=', 'auth-token='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:auth[_-]?[Tt]oken)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,1024}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'https://files.acme.io/download/report.pdf?auth_token=9tOVMVpFtolv38KAd01H3IbVTVSEgSWH',
          match: '9tOVMVpFtolv38KAd01H3IbVTVSEgSWH',
        },
        'https://api.acme.io/feed.rss?authToken=zvuZ5zogOJh5bdXcRDGq0jpvdwtZnqsM',
      ],
      negative: ['?auth_token=', '?auth_token=abc'],
    },
  },
  {
    id: 'url_reset_token',
    category: 'user.authorization.credentials',
    description:
      'Value of a password-reset, invite, confirmation, magic-link or verification token parameter.',
    keywords: [
      'reset_token=',
      'reset_password_token=',
      'password_reset_token=',
      'invite_token=',
      'invitation_token=',
      'confirmation_token=',
      'magic_token=',
      'verification_token=',
    ],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:reset_token|reset_password_token|password_reset_token|invite_token|invitation_token|confirmation_token|magic_token|verification_token)=([^&#\s"'<>;,\\(){}[\]|^=?`]{12,512}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'https://app.acme.io/users/password/edit?reset_password_token=2uGxp3a1OGy2V8-tz--M6K12',
          match: '2uGxp3a1OGy2V8-tz--M6K12',
        },
        'https://app.acme.io/join?invitation_token=5I8fjtmB5vl688XqzfFBx6lY&org=42',
      ],
      negative: [
        '?reset_token=&step=2',
        'https://app.acme.io/users/confirmation?confirmation_token=expired-link',
      ],
    },
  },
  {
    id: 'url_auth',
    category: 'user.authorization.credentials',
    description: 'Value of an auth= parameter, when random-looking.',
    keywords: ['auth='],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:auth)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,1024}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/y,
    group: 1,
    validate: randomCredential,
    minEntropy: 3.3,
    confidence: 0.7,
    examples: {
      positive: [
        {
          text: 'https://cdn.acme.io/private/video.m3u8?auth=y5VlIz_39ORd-Y2DPVO1DLp0ybNDtByu',
          match: 'y5VlIz_39ORd-Y2DPVO1DLp0ybNDtByu',
        },
        'wss://push.acme.io/?auth=wj1SnoQgvoGXSueLhXaklEBtqoz1R_Ig',
      ],
      negative: ['?auth=google&next=/home', 'https://acme.io/login?auth=sso_redirect_enabled_flow'],
    },
  },
  {
    id: 'url_session',
    category: 'user.authorization.credentials',
    description:
      'Session id in a URL, form body or cookie (session=, sessionid=, session_token=, JSESSIONID=, PHPSESSID=, connect.sid=); UUIDs and numbers are not reported.',
    keywords: [
      'session=',
      'sessionid=',
      'session_token=',
      'jsessionid=',
      'phpsessid=',
      'connect.sid=',
    ],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:session|sessionid|session_token|jsessionid|phpsessid|connect\.sid)=([^&#\s"'<>;,\\(){}[\]|^=?`]{16,1024}={0,2})(?![^&#\s"'<>;,\\(){}[\]|^?`])/iy,
    group: 1,
    validate: sessionValue,
    minEntropy: 3.3,
    confidence: 0.8,
    examples: {
      positive: [
        {
          text: 'Cookie: _ga=GA1.2.1234; sessionid=qMxcCX52FypZbf0l2KA8OSkuhixU8E5h; theme=dark',
          match: 'qMxcCX52FypZbf0l2KA8OSkuhixU8E5h',
        },
        'https://shop.acme.io/cart;jsessionid=02BC330350EA813BA808DF6D874EB260?item=42',
        'Cookie: PHPSESSID=w8vi3qgmsp4d39rgkd6wtrxlwx',
      ],
      negative: [
        '?session=1718000000123',
        'session_id=4f9c1e2a-7b3d-4c8e-9a1f-2d3e4f5a6b7c',
        'session=4f9c1e2a-7b3d-4c8e-9a1f-2d3e4f5a6b7c',
      ],
    },
  },
  {
    id: 'url_oauth_code',
    category: 'user.authorization.credentials',
    description:
      'OAuth authorization code (code= with 16–512 random-looking characters) when OAuth context (state=, oauth, callback, redirect_uri, authorize) is within 300 characters; promo codes are not reported.',
    keywords: ['code='],
    find: findOAuthCode,
    validate: looksRandom,
    confidence: 0.6,
    examples: {
      positive: [
        {
          text: 'https://app.acme.io/oauth/callback?code=7-VnV9DiD9nvkteW8Saof4Iq8GWTyfYS3OmdxDBN&state=xyz123',
          match: '7-VnV9DiD9nvkteW8Saof4Iq8GWTyfYS3OmdxDBN',
        },
        'https://app.acme.io/auth/google/return?state=abc&code=4/0APLpIjGWGwfePuih93IZajVkIYshB4nH_vu_WR8CFhCo0wZmngmgks3s9B-YL&scope=email',
      ],
      negative: [
        'https://shop.acme.io/checkout?code=SUMMERSALE2024XYZ',
        'https://shop.acme.io/cart?promo_code=Zk3vQ9pL2xW7mN4bT8yR&state=CA',
        'https://app.acme.io/oauth/callback?code=abc&state=1',
        'https://app.acme.io/oauth/callback?error_code=access_denied_by_user_settings',
      ],
    },
  },
];
