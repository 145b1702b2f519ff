/**
 * Credentials in HTTP requests as they appear in logs and pasted commands: `Authorization:`
 * headers with a scheme other than Bearer / Basic (those are `bearer_token` and
 * `basic_auth_header`), token headers of curl commands (`-H "Private-Token: …"`), and
 * `curl -u user:password`. Each reports the credential's span only; a value that is a provider
 * token or a JWT is left to the rule that reports it with a precise kind.
 */
import type { Rule } from '../../types.js';
import { passwordValue, secretValue } from './context-values.js';

/**
 * A `curl -u` / `--user` password: password-shaped (see `isPasswordLike`), not a provider token,
 * and not a shell or template reference (`$PASS`, `${{ secrets.X }}`, `<password>`, `$(cat f)`).
 */
export function curlPassword(value: string): boolean {
  return passwordValue(value) && !/^\$|\$\{|\$\(|[<>]|\{\{/.test(value);
}

/**
 * A header credential: letters and digits, not a reference, public key or provider token (see
 * `secretValue`), and not words joined by separators (`pending_review_2024`, `approved-by-ops`),
 * which status values and labels are and random tokens almost never are.
 */
export function headerCredential(value: string): boolean {
  return secretValue(value) && !/[a-z]{3}[_.-][a-z]{2,}[_.-]|[a-z]{4}[_.-][a-z]{4}/i.test(value);
}

/** Authorization schemes whose credentials other rules report, or that carry no secret. */
const OTHER_SCHEMES =
  'Bearer|Basic|Digest|Negotiate|NTLM|Kerberos|Hawk|OAuth|AWS4-HMAC-SHA256|HOBA|Mutual|SCRAM-SHA-[0-9]{1,3}|vapid|Signature|PoP|DPoP|Private-Token';

/** Token schemes: `Authorization: Token …`, `Api-Key …`, Okta `SSWS …`, Discord `Bot …`, FCM `key=…`. */
const TOKEN_SCHEMES =
  'Token[ \\t]{1,3}token=|Token|Api-?Token|Api-?Key|Key|SSWS|Bot|Splunk|GenieKey|DeepL-Auth-Key|Klaviyo-API-Key|Apikey';

/**
 * Header names that carry a credential in a curl command: `…Token`, `…Key` (`Private-Token`,
 * `Circle-Token`, `X-Figma-Token`, `Ocp-Apim-Subscription-Key`). Names the generic rules report
 * (`X-Api-Key`, `X-Auth-Token`, `X-Access-Token`, `Private-Key`) are left to them, and names of
 * values that are not secrets (`Idempotency-Key`, `Sec-WebSocket-Key`, page tokens) are skipped.
 */
const TOKEN_HEADER =
  '(?:[A-Za-z0-9]{1,24}-){0,3}[A-Za-z0-9]{0,24}?(?:Key|Token)(?<!Api[_-]?Key|(?:Access|Auth|Refresh)[_-]?Token|Private[_-]?Key|Idempotency-?(?:Key|Token)|WebSocket-Key|Dedup(?:e|lication)-Key|Cache-Key|Partition-Key|Routing-Key|Sort-Key|Page-?Token|Continuation-?Token|Sync-?Token|Correlation-?(?:Key|Token))';

/** HTTP credential rules. */
export const httpRules: readonly Rule[] = [
  {
    id: 'authorization_header',
    category: 'system.authentication',
    description:
      'Credential in an Authorization header with a token scheme (Token, Api-Token, Api-Key, Key, key=, SSWS, Bot, Splunk, GenieKey, …; 8–1024 chars) or no scheme (16+ random-looking chars); Bearer and Basic are reported by their own rules.',
    keywords: ['authorization'],
    pattern: new RegExp(
      `(?:Proxy-)?Authorization\\\\{0,2}["']?[ \\t]{0,5}[:=][ \\t]{0,5}\\\\{0,2}["']?[ \\t]{0,3}(?!(?:${OTHER_SCHEMES})(?![A-Za-z0-9-]))(?:(?:${TOKEN_SCHEMES})(?:[ \\t]{1,3}|=)\\\\{0,2}"?(?=[A-Za-z0-9_~+/=.@:-]{8})|(?=[A-Za-z0-9_~+/=.@:-]{16}))([A-Za-z0-9_~+/=.@:-]{8,1024})(?![A-Za-z0-9_~+/=.@:-])`,
      'iy',
    ),
    group: 1,
    boundary: false,
    validate: headerCredential,
    minEntropy: 3,
    confidence: 0.68,
    examples: {
      positive: [
        {
          text: 'curl -H "Authorization: Token 9c44b09199c62bcf9418ad846dd0e4bbdfc6ee4b" https://api.acme.io/v1/orders',
          match: '9c44b09199c62bcf9418ad846dd0e4bbdfc6ee4b',
        },
        {
          text: 'GET /api/v2/users HTTP/1.1\r\nHost: api.acme.io\r\nAuthorization: SSWS 00QCjAl4MlV-WPXM2jzTsnM4cFRh7GSvx4Ko_1ZGnS\r\n',
          match: '00QCjAl4MlV-WPXM2jzTsnM4cFRh7GSvx4Ko_1ZGnS',
        },
        {
          text: '{"headers":{"authorization":"Api-Key mB7qXz2nR4kT9vLw3pYc6hJd"}}',
          match: 'mB7qXz2nR4kT9vLw3pYc6hJd',
        },
        {
          text: "curl --header 'Authorization: 5eb4223e-5008-46e5-be67-c7b8f2732305' https://api.acme.io",
          match: '5eb4223e-5008-46e5-be67-c7b8f2732305',
        },
      ],
      negative: [
        'Authorization: Bearer 9c44b09199c62bcf9418ad846dd0e4bbdfc6ee4b',
        'Authorization: Basic ZGVwbG95Om9wMkxWMkRnTXFJRU55',
        'Authorization: required',
        'authorization: AUTH-1234567',
        'authorization: pending_review_2024_q3',
        'Authorization: approved-by-ops-1234567',
        'Authorization: Token ${API_TOKEN}',
        'Authorization: Token **********',
        'Authorization: token ghp_1SOMtfZ2tzgdDRS0r08j1hYhC3WMaJRzJHV2',
        'payment authorization failed: card declined (code 05)',
        'Authorization: Digest username="bob", realm="acme", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"',
      ],
    },
  },
  {
    id: 'curl_auth_header',
    category: 'system.authentication',
    description:
      'Value of a token header in a curl command (-H / --header "Private-Token: …", "Circle-Token: …", "X-…-Key: …"), 8–1024 chars; near curl.',
    keywords: ['curl'],
    pattern: new RegExp(
      `(?<=\\s)-(?:H|-header)(?:=|[ \\t]{1,5})\\\\{0,2}["'](?!(?:Proxy-)?Authorization)${TOKEN_HEADER}[ \\t]{0,5}:[ \\t]{0,5}([A-Za-z0-9_~+/=.@-]{8,1024})(?=\\\\{0,2}["'])`,
      'gi',
    ),
    anchor: 'window',
    window: 1024,
    group: 1,
    validate: headerCredential,
    minEntropy: 2.75,
    confidence: 0.65,
    examples: {
      positive: [
        {
          text: 'curl --header "PRIVATE-TOKEN: q8Xv2LmT9rKp4Wz7" "https://gitlab.acme.io/api/v4/projects"',
          match: 'q8Xv2LmT9rKp4Wz7',
        },
        {
          text: 'curl -XPOST http://localhost:8080/api/tasks -H "Content-Type: application/json" -H "Token: 3fea6af1349166ea" -d "content=hello"',
          match: '3fea6af1349166ea',
        },
        {
          text: "curl -s https://api.figma.com/v1/me \\\n  -H 'X-Acme-Token: Sk94HG7f6KB'",
          match: 'Sk94HG7f6KB',
        },
        'curl -X GET https://acme.azure-api.net/orders -H "Ocp-Apim-Subscription-Key: 7d1c2b9e8f4a4c3b9a0e6f5d4c3b2a19"',
      ],
      negative: [
        'curl -H "Token: $API_TOKEN" https://api.acme.io',
        'curl -H "Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324" https://api.stripe.com/v1/charges',
        'curl -H "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" https://ws.acme.io',
        'curl -H "Token: XXXXXXXXXXXX" https://api.acme.io',
        'curl -H "Content-Type: application/json" https://api.acme.io',
        'wget --header "Token: 3fea6af1349166ea" https://api.acme.io',
      ],
    },
  },
  {
    id: 'curl_auth_user',
    category: 'user.authorization.password',
    description:
      'Password of curl -u / --user user:password (quoted or bare, same or later line); placeholders, $VARS and templates are not reported; near curl.',
    keywords: ['curl'],
    pattern:
      /(?<=\s)-(?:u|-user(?![A-Za-z-]))(?:=|[ \t]{0,5})\\{0,2}["']?[!#-&(-9;-[\]-~]{0,128}\\{0,2}["']?:\\{0,2}["']?([!#-&(-[\]-~]{3,256})(?=\\{0,2}["']?(?![!-~]))/g,
    anchor: 'window',
    window: 1024,
    group: 1,
    validate: curlPassword,
    confidence: 0.85,
    examples: {
      positive: [
        {
          text: 'curl --cacert ca.crt -u elastic:P7ssw0rd$1 https://localhost:9200/_cat/indices',
          match: 'P7ssw0rd$1',
        },
        {
          text: "curl -s --user 'api:d2LkV78zLx!t' https://api.mailgun.net/v3/acme.io/messages",
          match: 'd2LkV78zLx!t',
        },
        {
          text: "curl -k -X POST https://infinispan:11222/rest/v2/caches/default/hello \\\n  -H 'Content-type: text/plain' \\\n  -d 'world' \\\n  -u developer:yqDVtkqPECriaLRi",
          match: 'yqDVtkqPECriaLRi',
        },
        {
          text: 'curl https://auth.acme.io/oauth2/token --user c28wlsosanujy2z:qgsnai0xokrw4j1 --data grant_type=authorization_code',
          match: 'qgsnai0xokrw4j1',
        },
        'curl -s -v --user "j.smith:dB2yF6@qL9vZm1P#4J" "https://api.acme.org/user/me"',
        {
          text: '先ほどの件、curl -u developer:ukMEutaUBKhyxURxで登録しています（1743712949271）',
          match: 'ukMEutaUBKhyxURx',
        },
      ],
      negative: [
        "curl -i -u 'test:test' https://api.acme.io",
        'curl -sL --user "$1:$2" "$3"',
        'curl -u <user:password> https://test.com/endpoint',
        'curl --user neo4j:[PASSWORD] http://localhost:7474/db/data/',
        'curl -u "myusername" http://localhost:15130/api/check_user/',
        'curl -u username:token https://api.acme.io',
        'curl -u "${_username}:${_password}" https://api.acme.io',
        'curl -XGET -u "${{ env.ELK_ID }}:${{ build.env.ELK_PASS }}" https://elk.acme.io',
        'curl http://127.0.0.1:5000/file --user user:pass --digest',
        'sudo -u deploy:P7ssw0rd$1 ls',
      ],
    },
  },
];
