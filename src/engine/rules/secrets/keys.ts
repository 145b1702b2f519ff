/** Structured credentials: JSON Web Tokens and private keys (PEM, OpenSSH, PGP, PuTTY, age). */
import type { Rule } from '../../types.js';
import { isJwt, isKeyBlock } from './helpers.js';

/** JWTs and private keys. */
export const keyRules: readonly Rule[] = [
  {
    id: 'jwt',
    category: 'user.authorization.credentials',
    description:
      'JSON Web Token: three base64url segments whose header decodes to JSON with "alg" (Supabase "anon" keys, public by design, are skipped).',
    keywords: ['eyj'],
    pattern:
      /eyJ[A-Za-z0-9_-]{10,600}\.[A-Za-z0-9_-]{10,6000}\.[A-Za-z0-9_-]{20,1500}(?![A-Za-z0-9_-])/y,
    validate: isJwt,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'auth cookie set: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzhmM2EyMSIsIm5hbWUiOiJzZXNzaW9uIiwiaWF0IjoxNzE3MjMwMDAwLCJleHAiOjE3MTcyMzM2MDB9.jrEraGLDWrLdW1tau1m0Eu26e0rEgWlKwGwWA9CWT74; Path=/; HttpOnly',
          match:
            'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzhmM2EyMSIsIm5hbWUiOiJzZXNzaW9uIiwiaWF0IjoxNzE3MjMwMDAwLCJleHAiOjE3MTcyMzM2MDB9.jrEraGLDWrLdW1tau1m0Eu26e0rEgWlKwGwWA9CWT74',
        },
        'Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxLTIwMjQiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2F1dGguYWNtZS5pby8iLCJhdWQiOiJhcGkiLCJzdWIiOiJhdXRoMHw2NWYxYzIiLCJpYXQiOjE3MTcyMzAwMDB9.vMcFxEAbv7Vo-layzDmsdrplMNKxN9IKKWfk1e1ssto',
        {
          text: '{"event":"API Call","properties":{"note":"token was eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsInNjb3BlIjoicmVhZCB3cml0ZSIsImlhdCI6MTcxNzIzMDAwMH0.Xc6u8VNxkugZI_OLhWFR925kUlEfi-qdzsNbTzpowvq."}}',
          match:
            'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsInNjb3BlIjoicmVhZCB3cml0ZSIsImlhdCI6MTcxNzIzMDAwMH0.Xc6u8VNxkugZI_OLhWFR925kUlEfi-qdzsNbTzpowvq',
        },
      ],
      negative: [
        'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.zSDEns8cStD4aEhZBx_xZBpF1Hk7qfX6_qah_qoBo2x',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImFiY2QiLCJyb2xlIjoiYW5vbiIsImlhdCI6MTcxNzIzMDAwMH0.JOJbTZ1ww6ahswBd_ShWxR6WaCM4PJusDOAUni9vzw0',
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0',
        'data:image/png;base64,eyJHCGsSMG6ZL2IrQ847ftfpzevMoQDy3tFVtSwUoOnhnTo+/d5WAYc5qK/G/VEjDWAixCRPzuARdaq9CRR',
      ],
    },
  },
  {
    id: 'pem_private_key',
    category: 'system.authentication',
    description:
      'PEM private key block (PKCS#8, RSA, EC, DSA, ENCRYPTED, …) up to 8 KB, or a truncated block of 2+ full base64 lines.',
    keywords: ['-----begin '],
    pattern:
      /-----BEGIN (?!OPENSSH |PGP )(?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY-----(?:[\s\S]{16,8192}?-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY-----|(?:\r?\n|\\r?\\n){1,2}(?:[A-Za-z0-9+/=]{16,80}(?:\r?\n|\\r?\\n)){2,128}[A-Za-z0-9+/=]{0,80})/y,
    validate: isKeyBlock,
    placeholders: false,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'key file contents: -----BEGIN RSA PRIVATE KEY-----\nn9M+WHUKnmDByl/vk4zOhQyJ4WV/MCXVn23ewXFl3p9/8+oFSrEuO6ICS1wXUQ4Q\n2XeEcLoBEjQExLEsVWUabMKpjEEuUiQZ1v2L8Sa8kjEyfWLBwtMxUg1Z53xJfBIX\nhgeHYHpLubX6tbtV8vDD6fTkK7q/xKuB4eIdbvcp12mnS4dNsvulm8zQ7bqgmsrn\nTwpfwcsg9oOn1fUaovhUx3NyJPSkrvM/4v2TCETPqHYt+0OSBARPrW1fPmpP9AaN\nOfoAbUvOpMfqVjxGU4LgdyuEuXnPUftKpTfa+kDA9yH6sZIS/nsPWg3xEv9E4Hf3\nGv6iJ8/qxUyXTgDlyeoXa4+dzrA6xaJLaLeQSaYgYrgUIUVnjzOaGxTWY4BeZ+DW\nkK5+WfGn0YVQED26iqDBWyVA==\n-----END RSA PRIVATE KEY-----\n',
          match:
            '-----BEGIN RSA PRIVATE KEY-----\nn9M+WHUKnmDByl/vk4zOhQyJ4WV/MCXVn23ewXFl3p9/8+oFSrEuO6ICS1wXUQ4Q\n2XeEcLoBEjQExLEsVWUabMKpjEEuUiQZ1v2L8Sa8kjEyfWLBwtMxUg1Z53xJfBIX\nhgeHYHpLubX6tbtV8vDD6fTkK7q/xKuB4eIdbvcp12mnS4dNsvulm8zQ7bqgmsrn\nTwpfwcsg9oOn1fUaovhUx3NyJPSkrvM/4v2TCETPqHYt+0OSBARPrW1fPmpP9AaN\nOfoAbUvOpMfqVjxGU4LgdyuEuXnPUftKpTfa+kDA9yH6sZIS/nsPWg3xEv9E4Hf3\nGv6iJ8/qxUyXTgDlyeoXa4+dzrA6xaJLaLeQSaYgYrgUIUVnjzOaGxTWY4BeZ+DW\nkK5+WfGn0YVQED26iqDBWyVA==\n-----END RSA PRIVATE KEY-----',
        },
        {
          text: '{"service_account":{"private_key":"-----BEGIN PRIVATE KEY-----\\n/s17STV22YKmR+OVksxSjdtXgDXznT3K60UZRfJqehQ87Lso/idmXm5TgWMJw3G7\\n4j/QgS+RcXUuQ5CJ87A7GIxGvff56wX4T68dTdb0TNQNO1KETGQfOD9KwWf79uQn\\n/ArYRnE1+PufTHwrZJDQBTRENHJqEXbDO6SH+fJfiE1NuAsNHgGxIpbgN03Sgg37\\nuEiLpZ8QWnAjWSTY0JAGdQRAZcKpMtwN4ySwCAX1WZ/2pMEvi+VBmUk/ofZR6ryZ\\ntbTLnDe1KF1Aw2o3YdwQTxo5VX4afO3WgtU2WZYx7yFCfP4QSDUjTTMtFTQ9NAux\\naBYo7c9djHTwhQkX+djQHESh==\\n-----END PRIVATE KEY-----"}}',
          match:
            '-----BEGIN PRIVATE KEY-----\\n/s17STV22YKmR+OVksxSjdtXgDXznT3K60UZRfJqehQ87Lso/idmXm5TgWMJw3G7\\n4j/QgS+RcXUuQ5CJ87A7GIxGvff56wX4T68dTdb0TNQNO1KETGQfOD9KwWf79uQn\\n/ArYRnE1+PufTHwrZJDQBTRENHJqEXbDO6SH+fJfiE1NuAsNHgGxIpbgN03Sgg37\\nuEiLpZ8QWnAjWSTY0JAGdQRAZcKpMtwN4ySwCAX1WZ/2pMEvi+VBmUk/ofZR6ryZ\\ntbTLnDe1KF1Aw2o3YdwQTxo5VX4afO3WgtU2WZYx7yFCfP4QSDUjTTMtFTQ9NAux\\naBYo7c9djHTwhQkX+djQHESh==\\n-----END PRIVATE KEY-----',
        },
        {
          text: 'note="-----BEGIN EC PRIVATE KEY-----\nele5LDjj0hiZridrPDN4fG+ggmiWgTy1uLaTvJ7lQJN2ktplkHc85oUcPunKid5l\n8GSZfINCO5HmmQ4/aJHnElSi3jZ2MSNls4NTLhXXvwAN+VxqDvZlnHWU6fZ5k6JQ\n7/oW6yAD2Xuto0P+7sSPc3bjQsmfGqidG+P8jaGcKR9PLB7p3TdsbS6qd9bfalmE"',
          match:
            '-----BEGIN EC PRIVATE KEY-----\nele5LDjj0hiZridrPDN4fG+ggmiWgTy1uLaTvJ7lQJN2ktplkHc85oUcPunKid5l\n8GSZfINCO5HmmQ4/aJHnElSi3jZ2MSNls4NTLhXXvwAN+VxqDvZlnHWU6fZ5k6JQ\n7/oW6yAD2Xuto0P+7sSPc3bjQsmfGqidG+P8jaGcKR9PLB7p3TdsbS6qd9bfalmE',
        },
      ],
      negative: [
        '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----',
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY----- goes here, then paste the rest of your key below this line and save the file',
      ],
    },
  },
  {
    id: 'openssh_private_key',
    category: 'system.authentication',
    description:
      'OpenSSH private key block (-----BEGIN OPENSSH PRIVATE KEY-----) up to 8 KB, or a truncated block of 2+ full base64 lines.',
    keywords: ['-----begin openssh private key-----'],
    pattern:
      /-----BEGIN OPENSSH PRIVATE KEY-----(?:[\s\S]{16,8192}?-----END OPENSSH PRIVATE KEY-----|(?:\r?\n|\\r?\\n){1,2}(?:[A-Za-z0-9+/=]{16,80}(?:\r?\n|\\r?\\n)){2,128}[A-Za-z0-9+/=]{0,80})/y,
    validate: isKeyBlock,
    placeholders: false,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: '~/.ssh/id_ed25519: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nGVH+NMa0SMYiKbqgnGjrj+MGG/mCwelfsQH3a7BhfzTYbOYfIw1omhqazJOViXpc\nTH3urO5To4ilYhUynKfjbwFr1nGpBvsw9vhDtuRJHq7mo/S6iWMT6Xv5mP6a3q9/\neG/n86c9U9oE/9PWXl/tiv1X5Ou5cNOdPYyxufy94ZLA6by6INJ89mv9yJmyup23\nTKHzWVgavGMGXbvwV/0zfqNw4rSsZ61WjQ2HpM70FhB8oaJIiOFQeV4WeAqa6/79\n-----END OPENSSH PRIVATE KEY-----\n',
          match:
            '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nGVH+NMa0SMYiKbqgnGjrj+MGG/mCwelfsQH3a7BhfzTYbOYfIw1omhqazJOViXpc\nTH3urO5To4ilYhUynKfjbwFr1nGpBvsw9vhDtuRJHq7mo/S6iWMT6Xv5mP6a3q9/\neG/n86c9U9oE/9PWXl/tiv1X5Ou5cNOdPYyxufy94ZLA6by6INJ89mv9yJmyup23\nTKHzWVgavGMGXbvwV/0zfqNw4rSsZ61WjQ2HpM70FhB8oaJIiOFQeV4WeAqa6/79\n-----END OPENSSH PRIVATE KEY-----',
        },
        '{"note":"-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\nvHQYCEz3+fFTmz49Jt7V3iSKOLPbbMf9FErDgd0+hSQR+nvJ5bwgVbzZ1wJPfR8p\\nFFpV3qnJm78MjDWmP3/Tu6kBgkXass7wJDqRz4xQSYeKkHit8BFQ/j9Ixh0MFOny\\nh2Cf1dTJgn5a3zgOCNQKv0XejUO7x0/eKWuews1Y2/TGyHlU60DhdGREbnwYFYgS\\nUfcsyHz89PfylIyrNgRxnskA6/8qw5WE2fXeuybBzlFwHSu65miQV10C5PZPrSG0\\n-----END OPENSSH PRIVATE KEY-----"}',
      ],
      negative: [
        '-----BEGIN OPENSSH PRIVATE KEY-----\n<redacted>\n-----END OPENSSH PRIVATE KEY-----',
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy@acme',
      ],
    },
  },
  {
    id: 'pgp_private_key_block',
    category: 'system.authentication',
    description:
      'ASCII-armored PGP private key block up to 8 KB, or a truncated block of 2+ full base64 lines.',
    keywords: ['-----begin pgp private key block-----'],
    pattern:
      /-----BEGIN PGP PRIVATE KEY BLOCK-----(?:[\s\S]{16,8192}?-----END PGP PRIVATE KEY BLOCK-----|(?:\r?\n|\\r?\\n){1,2}(?:[A-Za-z0-9+/=]{16,80}(?:\r?\n|\\r?\\n)){2,128}[A-Za-z0-9+/=]{0,80})/y,
    validate: isKeyBlock,
    placeholders: false,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'exported key: -----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQVYBGZjAUT4gRZqMCln9HtnlCXgAX5YloaygslOkmu+fKwWyWJK8OMw+OGuTlS6\neMybaX6/8QsjAXaLp9ukA6n/OL+NPqhNUKLCH+TWcDRYf3Ejg2XSInT9F52yjCOf\n/sFNtscB40wtlxE9ByYQ4j3px7lt9vMiGfvzU5ckRcb4yStFA7DrfG7LuAcUHS1O\nC0ElEygaPqArO5OygAilWO/uqgdjBp69PVd3FvNDiZA1V+I0t32BO4LF2ewlrbdH\n4So47t7UY0LgOqfniSLAl6frg3cfIrkZkMOltOKR8jOzcPye8cRJiY7eG94W4lyB\naY4xNUos/s6d9unm2mHFZNX0BLSQHz2FMZrR5ASxsYp98hKUzBootJh9z0eoDl6H\n=9GSB\n-----END PGP PRIVATE KEY BLOCK-----',
          match:
            '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQVYBGZjAUT4gRZqMCln9HtnlCXgAX5YloaygslOkmu+fKwWyWJK8OMw+OGuTlS6\neMybaX6/8QsjAXaLp9ukA6n/OL+NPqhNUKLCH+TWcDRYf3Ejg2XSInT9F52yjCOf\n/sFNtscB40wtlxE9ByYQ4j3px7lt9vMiGfvzU5ckRcb4yStFA7DrfG7LuAcUHS1O\nC0ElEygaPqArO5OygAilWO/uqgdjBp69PVd3FvNDiZA1V+I0t32BO4LF2ewlrbdH\n4So47t7UY0LgOqfniSLAl6frg3cfIrkZkMOltOKR8jOzcPye8cRJiY7eG94W4lyB\naY4xNUos/s6d9unm2mHFZNX0BLSQHz2FMZrR5ASxsYp98hKUzBootJh9z0eoDl6H\n=9GSB\n-----END PGP PRIVATE KEY BLOCK-----',
        },
        '{"note":"-----BEGIN PGP PRIVATE KEY BLOCK-----\\n\\nlQVYBGZBUBPXb6u6gS/SkkmuX5j2l5d11GvolSNXH3Bsu72leTW+kvyXxdHs38JZ\\nJQ1I+VaUiG/gYt5BG9EDs70slXPNipvGbN4fepwDYjyc2hsZEIh2AIN1wfQY1rAM\\nEjQEWHFyqs1QPYikOaz/2Jaos+FpHleyidB3M9Xf8aUdbEaZzPPnwEHg3H3NYzB7\\nhabZ/AlCblh/SmQVmCxAvOT3mc182edh7GJnQuRQsbsk0FAcM+/SJVIjEhCCqsHk\\nNGsvjzJbX0SCEqUHI3K1ANeZ04h8tIBY916SM9fW0nNgUBjfFzVG9vcNRACgej+R\\nEJwrakCJeJ+qaWIMxCb1Di8PsQT4yepc7YTMocgbRQ0PI9ojK+3gCh3xZBVEkkVH\\n=laeQ\\n-----END PGP PRIVATE KEY BLOCK-----"}',
      ],
      negative: [
        '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGZ\n-----END PGP PUBLIC KEY BLOCK-----',
        '-----BEGIN PGP PRIVATE KEY BLOCK-----\n...\n-----END PGP PRIVATE KEY BLOCK-----',
      ],
    },
  },
  {
    id: 'putty_private_key',
    category: 'system.authentication',
    description: 'PuTTY private key file (PuTTY-User-Key-File-2/3 … Private-MAC), up to 8 KB.',
    keywords: ['putty-user-key-file-'],
    pattern: /PuTTY-User-Key-File-[23]: [\s\S]{20,8192}?Private-MAC: [0-9a-f]{40,64}/y,
    validate: isKeyBlock,
    placeholders: false,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'deploy.ppk: PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@acme\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAI4bK7p954rtAiltUXQfQ88BoCShXgGECDXSf+q/TU\nl2MFPgtCt7MB7Iom8K5E\nPrivate-Lines: 1\nAAAAIuYaNqNhM1/P2VPzwlNiWPbt4hbn+7uQLWypFWnXC\nPrivate-MAC: f6ec3739d409b538ac3c29f9641f9746a12e5d3d3477511ae9b03f046f8b4eb4\n',
          match:
            'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@acme\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAI4bK7p954rtAiltUXQfQ88BoCShXgGECDXSf+q/TU\nl2MFPgtCt7MB7Iom8K5E\nPrivate-Lines: 1\nAAAAIuYaNqNhM1/P2VPzwlNiWPbt4hbn+7uQLWypFWnXC\nPrivate-MAC: f6ec3739d409b538ac3c29f9641f9746a12e5d3d3477511ae9b03f046f8b4eb4',
        },
        '{"note":"PuTTY-User-Key-File-3: ssh-ed25519\\nEncryption: none\\nComment: deploy@acme\\nPublic-Lines: 2\\nAAAAC3NzaC1lZDI1NTE5AAAAIrxZEVY2hMMr1wxHFZsWjnKan3tddsZs+WD8wqhwy\\n2z1DXGu21KYQgHIU8/sa\\nPrivate-Lines: 1\\nAAAAI0fe1Y4aooFnivadpzJ+V9tIjg3IhnCPw0O9lIJ3M\\nPrivate-MAC: 87cd525827d71981bf565b3a976cbe36a5cf2cef3fa6d7384ac0e3d496fa0a84"}',
      ],
      negative: [
        'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none',
        'See PuTTY-User-Key-File-2 format docs',
      ],
    },
  },
  {
    id: 'age_secret_key',
    category: 'system.authentication',
    description: 'age encryption secret key (AGE-SECRET-KEY-1 + 58 bech32 upper-case).',
    keywords: ['age-secret-key-1'],
    pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9_-])/y,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'SOPS_AGE_KEY=AGE-SECRET-KEY-1Z7Z499ZDYJGJP67WF09RFLR7858TMA3YA2CEU3EWHWVP0G75ZCXML34AV9',
          match: 'AGE-SECRET-KEY-1Z7Z499ZDYJGJP67WF09RFLR7858TMA3YA2CEU3EWHWVP0G75ZCXML34AV9',
        },
        '# created: 2024-06-01T10:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\nAGE-SECRET-KEY-13NWNG0PFV0GKUAL4QXGUKRN5WHHF8U07MJW5QS2K5PAL294SED09THCJ9S',
      ],
      negative: [
        'AGE-SECRET-KEY-1VMXN956MEPF60Q2MMESN864ULYT4KUPDJHN5ASQL',
        'age-secret-key-1th8w9c6stnm56afxhq9dc38wg87z5nkgy9ly8kuxj58wwsr4wf707s7qdx',
      ],
    },
  },
];
