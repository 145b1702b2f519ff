/**
 * Card payment processors: Stripe, Square, Braintree / PayPal. Stripe publishable keys (pk_live_
 * / pk_test_) are public and not reported.
 */
import type { Rule } from '../../types.js';

/** Stripe, Square and Braintree credentials. */
export const paymentsRules: readonly Rule[] = [
  {
    id: 'stripe_secret_key',
    category: 'system.authentication',
    description:
      'Stripe live secret key (sk_live_ + 24–247 base62); also matches Clerk and Paystack live secret keys, which share the prefix.',
    keywords: ['sk_live_'],
    pattern: /sk_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: "const stripe = require('stripe')('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');",
          match:
            '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',
        },
        'STRIPE_SECRET_KEY=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',
      ],
      negative: [
        'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
        'pk_live_CJ4T5lDEDFn2crOZzx5YxsQT6QTHfmSixgcL3IuJpHkHnGJAdKHbxo9DUSr6B16LYcIIcf2onUu6tjXYtMDZEhlcCsetGkuNYl7',
        'truncated: sk_live_51S5gDP1pD9SSaHM81qzR end',
        'id=xyzsk_live_51S5gDP1pD9SSaHM81qzR1w0PrlMmxmRkRm6TWYCeYjlDlt5qWTPdHWlPHPwj0Eka24XZ5WQzzDPuSuKcOJVv8zzHhIyMOOrQex',
      ],
    },
  },
  {
    id: 'stripe_test_secret_key',
    category: 'system.authentication',
    description:
      'Stripe test-mode secret key (sk_test_ + 24–247 base62): still a credential to the account.',
    keywords: ['sk_test_'],
    pattern: /sk_test_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: sk_test_51fF6lomuti0vuGeZViYZJriBOF29oFPAQoVT5REniHEzZyttfvjTauD7gQpVAwHlD2THbQgRcOQ8ZcKpfSrG2aNVJLwzRVyH3E" https://api.acme.dev/v2/projects',
          match:
            'sk_test_51fF6lomuti0vuGeZViYZJriBOF29oFPAQoVT5REniHEzZyttfvjTauD7gQpVAwHlD2THbQgRcOQ8ZcKpfSrG2aNVJLwzRVyH3E',
        },
        'Build log: loaded sk_test_51x2sPRTFY0ZotJBgybozjQUJwyAWpXNaYTdIFt8fWH0ap8RgODltqCG3Wb90g4ij3G8iOfPJOnSQQfeDuVMEz139QTwAPzsmNW from .env.production',
      ],
      negative: [
        'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx',
        'pk_test_EOjUkdel2GFZ1kZoX3lqtWm2mkz9m0180oDvY0qiwSVtswc8NSSuy4gMsGkkH7HQIuN6WfovdwNq4s88qGTz5HjHu1FprBphXuw',
        'truncated: sk_test_512WZErqe33dXPEhV5pDW end',
        'id=xyzsk_test_512WZErqe33dXPEhV5pDWLnqTM6tkS3ccbjJnvnrlvLNZJnwP9n8oAjl5wrNhsRn3NzOP3EMuQTJrt9co5ulk4Iv0UUPTUVN1Jx',
      ],
    },
  },
  {
    id: 'stripe_restricted_key',
    category: 'system.authentication',
    description: 'Stripe restricted key (rk_live_ / rk_test_ + 24–247 base62).',
    keywords: ['rk_live_', 'rk_test_'],
    pattern: /rk_(?:live|test)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated 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 yesterday, please revoke the old one',
          match:
            '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',
        },
        '<input type="hidden" name="cfg" value="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">',
      ],
      negative: [
        'truncated: rk_live_51zqWQG2tPO9ccAYdeJ3J end',
        'id=xyzrk_live_51zqWQG2tPO9ccAYdeJ3JnUKfAaoSKwUGrdR1QkqTkqMnthfu0kyCdJBJQajdx93yna2sCwaAooGxz1OSmKhSr3CEDnScFcHZyg',
      ],
    },
  },
  {
    id: 'stripe_webhook_secret',
    category: 'system.authentication',
    description: 'Stripe webhook signing secret (whsec_ + 32–64 base64).',
    keywords: ['whsec_'],
    pattern: /whsec_[A-Za-z0-9+/]{32,64}={0,2}(?![A-Za-z0-9+/=_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: whsec_4tHQIcOzbKc2ZtjvzG3nvWv8AgsYCElq\n  script: make deploy',
          match: 'whsec_4tHQIcOzbKc2ZtjvzG3nvWv8AgsYCElq',
        },
        '[warn] found whsec_G6vb9zSDBpeC6GOW60R5TdiP65Dd6cGP in request body of /api/v1/events',
      ],
      negative: [
        'truncated: whsec_2mPQCNqaOj07lF7C7Wzsgj3xdzVNS end',
        'id=xyzwhsec_2mPQCNqaOj07lF7C7Wzsgj3xdzVNSzxL',
      ],
    },
  },
  {
    id: 'square_access_token',
    category: 'system.authentication',
    description: 'Square access token (EAAA + 60 base64url).',
    keywords: ['eaaa'],
    pattern: /EAAA[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential EAAAZMur4WrRUE30Nimn4eKfjjK0nC12AKoPaLX6VYbW0AD_xHsaPWHu179hy7tm was rejected',
          match: 'EAAAZMur4WrRUE30Nimn4eKfjjK0nC12AKoPaLX6VYbW0AD_xHsaPWHu179hy7tm',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"EAAAARbEZMQDdSeH1j6eBIxKMjgER5aPL_Tsd8mP1ttcYA3OoMHgkvO3pCzKAp2r","plan":"team"}}',
      ],
      negative: [
        'truncated: EAAAB07rFzmXq11NG-rZiJNJjskloMsKkSLxd6tUs5D1NMgJhOt2mf5DvuEu2 end',
        'id=xyzEAAAB07rFzmXq11NG-rZiJNJjskloMsKkSLxd6tUs5D1NMgJhOt2mf5DvuEu2EYQ',
      ],
    },
  },
  {
    id: 'square_legacy_access_token',
    category: 'system.authentication',
    description:
      'Square legacy personal access token (sq0atp- + 22 base64url as issued; up to 60 accepted).',
    keywords: ['sq0atp-'],
    pattern: /sq0atp-[A-Za-z0-9_-]{22,60}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "sq0atp-P7iv6NTf6lKi5ovQOBi40z" into the support widget',
          match: 'sq0atp-P7iv6NTf6lKi5ovQOBi40z',
        },
        'export ACME_CREDENTIAL=sq0atp-haRlBOPuBX6AcUG-g4zoYP',
      ],
      negative: [
        'truncated: sq0atp-2dGV8V77OcjL17EcDgv end',
        'id=xyzsq0atp-2dGV8V77OcjL17EcDgv4S5',
      ],
    },
  },
  {
    id: 'square_oauth_secret',
    category: 'system.authentication',
    description: 'Square OAuth application secret (sq0csp- + 43 base64url).',
    keywords: ['sq0csp-'],
    pattern: /sq0csp-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: sq0csp-E-562f-KwUKu44FJ5qpG6jW6leBBLE5drhJg98eLLhX" https://api.acme.dev/v2/projects',
          match: 'sq0csp-E-562f-KwUKu44FJ5qpG6jW6leBBLE5drhJg98eLLhX',
        },
        'Build log: loaded sq0csp-Ic48qlDNu-c5UJ_YvirYCXFtvW9Za0_P7otXzvCJguO from .env.production',
      ],
      negative: [
        'truncated: sq0csp-VPxCS9jFHMmCIdVMwb9pq9k0MBmOfv2QaYi2ZOMk end',
        'id=xyzsq0csp-VPxCS9jFHMmCIdVMwb9pq9k0MBmOfv2QaYi2ZOMkluK',
      ],
    },
  },
  {
    id: 'braintree_access_token',
    category: 'system.authentication',
    description:
      'Braintree / PayPal access token (access_token$production$ or $sandbox$ + 16 + $ + 32 hex).',
    keywords: ['access_token$'],
    pattern: /access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated access_token$production$dz2814s97rtfxq2t$b02260f3d4a1b4d1a77656f237c0c96e yesterday, please revoke the old one',
          match: 'access_token$production$dz2814s97rtfxq2t$b02260f3d4a1b4d1a77656f237c0c96e',
        },
        '<input type="hidden" name="cfg" value="access_token$production$dufkosbv3ja8zyor$9b1a24ddb4f38c2cf5fe7e39c94a6110">',
      ],
      negative: [
        'access_token$production$<merchant>$<token>',
        'truncated: access_token$production$k2qaackh3svjetkw$0a36b7d021b7a6884ff2e8c8cf69e end',
        'id=xyzaccess_token$production$k2qaackh3svjetkw$0a36b7d021b7a6884ff2e8c8cf69e2df',
      ],
    },
  },
];
