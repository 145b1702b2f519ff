/** Package registry tokens: npm, PyPI, RubyGems, Docker Hub, NuGet, Clojars, JFrog Artifactory. */
import type { Rule } from '../../types.js';
import { hasDigit } from './helpers.js';

/** Package registry tokens. */
export const registryRules: readonly Rule[] = [
  {
    id: 'npm_access_token',
    category: 'system.authentication',
    description: 'npm access token (npm_ + 36 base62).',
    keywords: ['npm_'],
    pattern: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: '//registry.npmjs.org/:_authToken=npm_Rv17sBx250rkSEVDJWddZPQ5oDPLj6eLls89',
          match: 'npm_Rv17sBx250rkSEVDJWddZPQ5oDPLj6eLls89',
        },
        'NPM_TOKEN=npm_2UxcNRT64CHVFvP1AZMtdvQcdWTVx7mGxA7x npm publish',
      ],
      negative: [
        'truncated: npm_GSg5rqRxTqKovQlABzWUIbgPrw3aMEjby end',
        'id=xyznpm_GSg5rqRxTqKovQlABzWUIbgPrw3aMEjbyT9H',
      ],
    },
  },
  {
    id: 'pypi_upload_token',
    category: 'system.authentication',
    description: 'PyPI API token (pypi-AgEIcHlwaS5vcmc + 50–1000 base64url macaroon).',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.99,
    examples: {
      positive: [
        {
          text: 'twine upload -u __token__ -p pypi-AgEIcHlwaS5vcmcRjVuKjruOMVZNMfP8htDlIfRKuLYbqrs3SKzZIVhKyN03CiBthdxRsBxG7DmY5WDTGfWgRkn3XepKDMTDifD4TCjE0zWP7vAqqCvfrpoIgOJkE0Z9bHXGGVJ1RjmXsFF1E0lgykRllTjJRK53djV2J0e_zSBrURH dist/*',
          match:
            'pypi-AgEIcHlwaS5vcmcRjVuKjruOMVZNMfP8htDlIfRKuLYbqrs3SKzZIVhKyN03CiBthdxRsBxG7DmY5WDTGfWgRkn3XepKDMTDifD4TCjE0zWP7vAqqCvfrpoIgOJkE0Z9bHXGGVJ1RjmXsFF1E0lgykRllTjJRK53djV2J0e_zSBrURH',
        },
        '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcVFvvnEIbqjqnnU9UJKNiQZKaSVDia1jsXoVSt4iBlEx9Wj0eknQo1oXy7YvPEu5_H0kxDZrtQk7VtXkbO0D6ebaRF-lxG1URl_OrdIJ8p9XKoFF00hBtquEoazJok2oAfOVLWLb2fwyGJJgmFmQz7EqOXgEQJxDE',
      ],
      negative: [
        'truncated: pypi-AgEIcHlwaS5vcmcQKpVuias0sijKcUX1fiUe48Wj8_rtSuJhhDNnBsi4mO-Lo1 end',
        'id=xyzpypi-AgEIcHlwaS5vcmcQKpVuias0sijKcUX1fiUe48Wj8_rtSuJhhDNnBsi4mO-Lo1FGAxHKvoPPlV_ShLox9Mlc3ZAMwjISNEIgrAVJxVkllbqnet4jFi10zqdJZIhyf6yemOUjCm9rsFj45mA6Wf7Z1hGD5nT_OPc0dNE16UsTXI--nG4',
      ],
    },
  },
  {
    id: 'rubygems_api_key',
    category: 'system.authentication',
    description: 'RubyGems API key (rubygems_ + 48 hex).',
    keywords: ['rubygems_'],
    pattern: /rubygems_[a-f0-9]{48}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: rubygems_ae52440512f2d95f5be2f5ff8711fb8caff4f48d3375c3f5\n  script: make deploy',
          match: 'rubygems_ae52440512f2d95f5be2f5ff8711fb8caff4f48d3375c3f5',
        },
        '[warn] found rubygems_75f2500cdadfc0e8427e37b1d69c7d9fbf88b9b2d2e1cf53 in request body of /api/v1/events',
      ],
      negative: [
        'truncated: rubygems_6702cce8af81b356e43da7d133f5729c1cf5b42fa8c9d end',
        'id=xyzrubygems_6702cce8af81b356e43da7d133f5729c1cf5b42fa8c9dcc1',
      ],
    },
  },
  {
    id: 'dockerhub_pat',
    category: 'system.authentication',
    description:
      'Docker Hub personal or organization access token (dckr_pat_ / dckr_oat_ + 27–36 base64url).',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: /dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'echo dckr_pat_Li0fnrpDyy7JYlDrOeZ5ZG87MJI | docker login -u acmebot --password-stdin',
          match: 'dckr_pat_Li0fnrpDyy7JYlDrOeZ5ZG87MJI',
        },
        'DOCKERHUB_TOKEN: dckr_pat_qzcCMJ0tb2Y6DUX1UQBSCp_Bswo',
      ],
      negative: [
        'truncated: dckr_pat_vkzXTrWhoCSzXozGt3kVo6IC end',
        'id=xyzdckr_pat_vkzXTrWhoCSzXozGt3kVo6ICQ-s',
      ],
    },
  },
  {
    id: 'nuget_api_key',
    category: 'system.authentication',
    description: 'NuGet.org API key (oy2 + 43 lower-case base36).',
    keywords: ['oy2'],
    pattern: /oy2[a-z0-9]{43}(?![A-Za-z0-9_-])/y,
    validate: hasDigit,
    minEntropy: 3,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'user pasted "oy2xdb55cl2t4ttymhath98c0lrtknv3bwb6bfwvc7au69" into the support widget',
          match: 'oy2xdb55cl2t4ttymhath98c0lrtknv3bwb6bfwvc7au69',
        },
        'export ACME_CREDENTIAL=oy251id2wvbpc820b322t1wey0iohao5cc0kie6q8sbu3e',
      ],
      negative: [
        'truncated: oy2dsmsm3ilzh1m26ytxm2bynbpb2xpzi3rkyntoztg end',
        'id=xyzoy2dsmsm3ilzh1m26ytxm2bynbpb2xpzi3rkyntoztgqys',
      ],
    },
  },
  {
    id: 'clojars_api_token',
    category: 'system.authentication',
    description: 'Clojars deploy token (CLOJARS_ + 60 lower-case base36).',
    keywords: ['clojars_'],
    pattern: /CLOJARS_[a-z0-9]{60}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'curl -s -H "X-Acme-Auth: CLOJARS_x8mowz2q2q3zd2kpmslj56t55bueayv13z1ufux7p21cjq1u7slle12v5y1e" https://api.acme.dev/v2/projects',
          match: 'CLOJARS_x8mowz2q2q3zd2kpmslj56t55bueayv13z1ufux7p21cjq1u7slle12v5y1e',
        },
        'Build log: loaded CLOJARS_rxe4ajw4zcjv6txkltpi7v8njunv93aqn49eakimbugpiqp4c6q6s2an9ojg from .env.production',
      ],
      negative: [
        'truncated: CLOJARS_khgeo6s2hnsodjcvxvuiobd1jcbuy9dcwvy41emlp5mki2e1un0lw8ruf end',
        'id=xyzCLOJARS_khgeo6s2hnsodjcvxvuiobd1jcbuy9dcwvy41emlp5mki2e1un0lw8ruf7yx',
      ],
    },
  },
  {
    id: 'jfrog_api_key',
    category: 'system.authentication',
    description: 'JFrog Artifactory API key (AKCp + 69 base62).',
    keywords: ['akcp'],
    pattern: /AKCp[A-Za-z0-9]{69}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'note: rotated AKCp8KTWTn4EyhqH6W7GBCOAumoxzBfA0gROUzo2JbfF1tXNp570Iv60N0JoppoDQofWfKrhR yesterday, please revoke the old one',
          match: 'AKCp8KTWTn4EyhqH6W7GBCOAumoxzBfA0gROUzo2JbfF1tXNp570Iv60N0JoppoDQofWfKrhR',
        },
        '<input type="hidden" name="cfg" value="AKCp8UjJe2Aqso2e2LkqJqKFyMMw0Maz86oaREQwBYUbGD5vUEHM0Q8zO5T2n0Cu74iTvX72V">',
      ],
      negative: [
        'truncated: AKCp8BFJnxpSTO8nNmmjnICZoiko207yKLftiDQbtbMGSC8oPBwbQiMwdUYMuLjxKOlK06 end',
        'id=xyzAKCp8BFJnxpSTO8nNmmjnICZoiko207yKLftiDQbtbMGSC8oPBwbQiMwdUYMuLjxKOlK06aG5',
      ],
    },
  },
  {
    id: 'jfrog_identity_token',
    category: 'system.authentication',
    description:
      'JFrog reference / identity token (cmVmdGtuOjAxOj, base64 of "reftkn:01:", + 40–60 base62).',
    keywords: ['cmvmdgtuojaxoj'],
    pattern: /cmVmdGtuOjAxOj[A-Za-z0-9]{40,60}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.93,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: cmVmdGtuOjAxOjfEyhQoWRBp1Y2EgRCS2Gj64CMHNz5OAOzagJoFIptY5JoS7S9j\n  script: make deploy',
          match: 'cmVmdGtuOjAxOjfEyhQoWRBp1Y2EgRCS2Gj64CMHNz5OAOzagJoFIptY5JoS7S9j',
        },
        '[warn] found cmVmdGtuOjAxOjEPRloQT5uak8Qut5aXNZIksRhPDZcpF040CbBdBQyHTro4KEeK in request body of /api/v1/events',
      ],
      negative: [
        'truncated: cmVmdGtuOjAxOjuzFq4MQwyrfBKkgOJJbVzErIDfPJ0467Y2drn end',
        'id=xyzcmVmdGtuOjAxOjuzFq4MQwyrfBKkgOJJbVzErIDfPJ0467Y2drnSyz8ZvSTZasGW',
      ],
    },
  },
];
