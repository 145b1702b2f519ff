/**
 * CI/CD, code-quality and API tooling: Sourcegraph, Buildkite, CircleCI, Travis CI, Snyk,
 * SonarQube, Codecov, Postman, ReadMe, Prefect.
 */
import type { Rule } from '../../types.js';
import { lettersAndDigits, mixedCaseAlnum } from './helpers.js';

/** CI/CD and developer tooling tokens. */
export const ciRules: readonly Rule[] = [
  {
    id: 'sourcegraph_access_token',
    category: 'system.authentication',
    description: 'Sourcegraph access token (sgp_ + optional 16 hex or local + _ + 40 hex).',
    keywords: ['sgp_'],
    pattern: /sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential sgp_7ba9e66b1518f92b_af7e3ac3abcd953fb91c60dc6bc9287c741398ee was rejected',
          match: 'sgp_7ba9e66b1518f92b_af7e3ac3abcd953fb91c60dc6bc9287c741398ee',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"sgp_16e6128849e1b365_37212d1abd5cc879359388935358506feda84334","plan":"team"}}',
      ],
      negative: [
        'truncated: sgp_5640c702b4b69612_6cd01435bd203e2a2d16cf761c822b35eeb0a end',
        'id=xyzsgp_5640c702b4b69612_6cd01435bd203e2a2d16cf761c822b35eeb0a76e',
      ],
    },
  },
  {
    id: 'buildkite_api_token',
    category: 'system.authentication',
    description: 'Buildkite user API access token (bkua_ + 40 lower-case alphanumerics).',
    keywords: ['bkua_'],
    pattern: /bkua_[a-z0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'user pasted "bkua_38f8aa024923a482efcaea71aaeb21bad1e891e6" into the support widget',
          match: 'bkua_38f8aa024923a482efcaea71aaeb21bad1e891e6',
        },
        'export ACME_CREDENTIAL=bkua_f6e49bd4a3fa5762087648720e3fcaa9a5d24323',
        'BUILDKITE_API_TOKEN=bkua_0y9kecktl0uu8yc47ukoyiz1p751hqgru4nrohtd',
      ],
      negative: [
        'truncated: bkua_f6123ee97ac51b38d8206e8494c1cc39486cb end',
        'id=xyzbkua_f6123ee97ac51b38d8206e8494c1cc39486cb872',
      ],
    },
  },
  {
    id: 'circleci_api_token',
    category: 'system.authentication',
    description:
      'CircleCI personal / project API token (optional CCIPAT_…_ + 40 hex) near circleci / circle_token.',
    keywords: ['circleci', 'circle_token', 'circle-token'],
    pattern: /(?<![A-Za-z0-9_])(?:CCIPAT_[A-Za-z0-9]{22}_)?[a-f0-9]{40}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: lettersAndDigits,
    minEntropy: 3,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'CIRCLE_TOKEN=bfce9bb4db3f3c6ca527128c9fe8ea249af71019',
          match: 'bfce9bb4db3f3c6ca527128c9fe8ea249af71019',
        },
        'curl -H "Circle-Token: 433283854f3b6e6810875548f7b9fa1a1c4453b7" https://circleci.com/api/v2/me',
      ],
      negative: [
        'request ee329f1087dc49b43b47985388f11830a66118a9 completed in 32ms',
        'CIRCLE_TOKEN=ee329f1087dc49b43b47985388f11830a661',
      ],
    },
  },
  {
    id: 'travis_ci_token',
    category: 'system.authentication',
    description: 'Travis CI API token: 22 mixed-case base62 near travis.',
    keywords: ['travis'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{22}(?![A-Za-z0-9_-])/g,
    anchor: 'window',
    near: 'credential',
    window: 128,
    validate: mixedCaseAlnum,
    minEntropy: 3.8,
    confidence: 0.7,
    examples: {
      positive: [
        { text: 'TRAVIS_API_TOKEN=Bxhr8sRetQRnXNiEfslTFO', match: 'Bxhr8sRetQRnXNiEfslTFO' },
        'travis login --github-token --api-token XLSvS024izTFoPtxdIepaO',
      ],
      negative: [
        'request p9Ha4EIakIfpZHAOpC5dYq completed in 32ms',
        'TRAVIS_API_TOKEN=p9Ha4EIakIfpZHAOpC',
      ],
    },
  },
  {
    id: 'snyk_api_token',
    category: 'system.authentication',
    description: 'Snyk API token: a UUID near snyk.',
    keywords: ['snyk'],
    pattern:
      /(?<![A-Za-z0-9-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/g,
    anchor: 'window',
    near: 'credential',
    window: 64,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'SNYK_TOKEN=996fe5fa-2d92-3599-abce-0ca73d82ae16',
          match: '996fe5fa-2d92-3599-abce-0ca73d82ae16',
        },
        'snyk auth 8421984e-7a1c-519a-e631-920ac00d7188',
      ],
      negative: [
        'request c7c4c801-92db-d73c-7e1c-4e0aef8a5fd1 completed in 32ms',
        'SNYK_TOKEN=c7c4c801-92db-d73c-7e1c-4e0aef8a',
      ],
    },
  },
  {
    id: 'sonarqube_token',
    category: 'system.authentication',
    description:
      'SonarQube / SonarCloud token (sqp_ project, squ_ user, sqa_ analysis + 40 hex; sqco_ + 59 base62).',
    keywords: ['sqp_', 'squ_', 'sqa_', 'sqco_'],
    pattern: /(?:sq[pua]_[a-f0-9]{40}|sqco_[A-Za-z0-9]{59})(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'mvn sonar:sonar -Dsonar.token=squ_1211d3f4aae99825f67fc2683a41d7c95024b0b4',
          match: 'squ_1211d3f4aae99825f67fc2683a41d7c95024b0b4',
        },
        'SONAR_TOKEN=sqp_27a4344d48f1e144e9f79bebe53ac5e6127c0057',
        'SONAR_TOKEN=sqco_zPdAiu8TUzFlTVyk83d2ak34VhARpy5MUL7SKyQ3HVXBnlU8e5o7WBJHVmI',
      ],
      negative: [
        'truncated: squ_516bcbe25ea51197341696451b86c85ce33da end',
        'id=xyzsqu_516bcbe25ea51197341696451b86c85ce33da8c3',
      ],
    },
  },
  {
    id: 'codecov_token',
    category: 'system.authentication',
    description: 'Codecov upload token: a UUID near codecov.',
    keywords: ['codecov'],
    pattern:
      /(?<![A-Za-z0-9-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/g,
    anchor: 'window',
    near: 'credential',
    window: 64,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'CODECOV_TOKEN=0b8fe40e-ed73-6bcd-9f3d-9005ca31b49f',
          match: '0b8fe40e-ed73-6bcd-9f3d-9005ca31b49f',
        },
        'codecov upload-process -t d2592ebd-a439-16e6-b7fb-cb5a68e4ce45',
      ],
      negative: [
        'request 2fc1eeb6-8c2e-3238-39d8-4d8f866cf382 completed in 32ms',
        'CODECOV_TOKEN=2fc1eeb6-8c2e-3238-39d8-4d8f866c',
      ],
    },
  },
  {
    id: 'postman_api_key',
    category: 'system.authentication',
    description: 'Postman API key (PMAK- + 24 hex + - + 34 hex).',
    keywords: ['pmak-'],
    pattern: /PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.98,
    examples: {
      positive: [
        {
          text: 'note: rotated PMAK-cbfeba2ce574718752d5cc87-0803a6d335bd017311fa92a5ebf0efd655 yesterday, please revoke the old one',
          match: 'PMAK-cbfeba2ce574718752d5cc87-0803a6d335bd017311fa92a5ebf0efd655',
        },
        '<input type="hidden" name="cfg" value="PMAK-b971b14c022a8ffa6caa56c8-322a3e2abd71cff1584babb076687b91b9">',
      ],
      negative: [
        'truncated: PMAK-567a73205cef99204fa7be8f-5f63add0db0fdb78f2a4f9d4582908a end',
        'id=xyzPMAK-567a73205cef99204fa7be8f-5f63add0db0fdb78f2a4f9d4582908a505',
      ],
    },
  },
  {
    id: 'readme_api_key',
    category: 'system.authentication',
    description: 'ReadMe API key (rdme_ + 70 lower-case base36).',
    keywords: ['rdme_'],
    pattern: /rdme_[a-z0-9]{70}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'ci:\n  env:\n    ACME_CRED: rdme_8x44wudczhre5gf2k87b0pzh147gydbrnrytt1jv2ehymottaz1ueer2kc6tgyrfvsdjsj\n  script: make deploy',
          match: 'rdme_8x44wudczhre5gf2k87b0pzh147gydbrnrytt1jv2ehymottaz1ueer2kc6tgyrfvsdjsj',
        },
        '[warn] found rdme_so9xhnh7lcyw8gcx1apz6wrxl9ghcdznowjawee9jrxkhiket49y1d5jkkzqvres61owsv in request body of /api/v1/events',
      ],
      negative: [
        'truncated: rdme_6p0vfhr5lhupv2ughtitfrbr20ttsrvsmb2b5cxqoa5t4as28ok1xa8cotsycncexgy end',
        'id=xyzrdme_6p0vfhr5lhupv2ughtitfrbr20ttsrvsmb2b5cxqoa5t4as28ok1xa8cotsycncexgywfh',
      ],
    },
  },
  {
    id: 'prefect_api_key',
    category: 'system.authentication',
    description: 'Prefect Cloud API key (pnu_ + 36 base62).',
    keywords: ['pnu_'],
    pattern: /pnu_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: '2024-06-01T12:00:03.512Z ERROR sync failed for workspace 4411: credential pnu_PDTnu03Hth7hQDgTJ29SgpM6GvwiUWJ45jE5 was rejected',
          match: 'pnu_PDTnu03Hth7hQDgTJ29SgpM6GvwiUWJ45jE5',
        },
        '{"event":"Integration Added","properties":{"provider":"acme","config_value":"pnu_JPV034yR1RZLmbW5S6z4Q6BV4RhDzAEzUpqA","plan":"team"}}',
      ],
      negative: [
        'truncated: pnu_W7kfgU48BxPDp7vZdMZMNkCqzbhSk9NCs end',
        'id=xyzpnu_W7kfgU48BxPDp7vZdMZMNkCqzbhSk9NCsugk',
      ],
    },
  },
  {
    id: 'circleci_token',
    category: 'system.authentication',
    description:
      'CircleCI personal or project API token in the 2023 format (CCIPAT_ / CCIPRJ_ + 22 base58 + _ + 40 hex).',
    keywords: ['ccipat_', 'cciprj_'],
    pattern: /CCIP(?:AT|RJ)_[A-Za-z0-9]{20,24}_[a-f0-9]{40}(?![A-Za-z0-9_-])/y,
    minEntropy: 3,
    confidence: 0.97,
    examples: {
      positive: [
        {
          text: 'export CIRCLE_TOKEN=CCIPAT_kbCGxvu13uYG7vjahtKqpW_16cf8fd63420d8ad868d6f08d3afd1d61849f890',
          match: 'CCIPAT_kbCGxvu13uYG7vjahtKqpW_16cf8fd63420d8ad868d6f08d3afd1d61849f890',
        },
        {
          text: 'curl -H "Circle-Token: CCIPRJ_6Hg12rgmbF121Um9ncjD91_155fb213b4063d01fd69a82cb4b32ca34c7ab02e" https://circleci.com/api/v2/me',
          match: 'CCIPRJ_6Hg12rgmbF121Um9ncjD91_155fb213b4063d01fd69a82cb4b32ca34c7ab02e',
        },
        '[warn] found CCIPAT_AMkUuhwGqXFXYvuSmoDMRN_1001571e300e67de2189423928b85648690c1c3f in request body of /api/v1/events',
      ],
      negative: [
        'CCIPAT_ tokens replace the 40-hex format',
        'truncated: CCIPAT_kbCGxvu13uYG7vjahtKqpW_16cf8fd63420d8ad868d end',
        'id=xyzCCIPAT_AMkUuhwGqXFXYvuSmoDMRN_1001571e300e67de2189423928b85648690c1c3f',
      ],
    },
  },
];
