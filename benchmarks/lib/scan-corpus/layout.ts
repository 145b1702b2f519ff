/** Where the corpus's files go, and how many of each role there are. */
import type { Pick } from './random.js';
import { NOUNS, VERBS, cap } from './vocabulary.js';
import { WRAPPERS } from './wrappers.js';

/** Front-end apps, each with its own analytics wrapper. */
export const APPS = ['apps/web', 'apps/admin', 'apps/mobile-web', 'apps/marketing'];
/** Shared packages. */
export const PACKAGES = ['packages/ui', 'packages/core', 'packages/api-client', 'packages/utils'];
/** Node services, each with its own analytics wrapper. */
export const SERVICES = ['services/api', 'services/worker'];
const UI_DIRS = [
  'components',
  'components',
  'components',
  'pages',
  'hooks',
  'utils',
  'services',
  'store',
  'legacy',
];
const SERVER_DIRS = ['routes', 'jobs', 'models', 'utils', 'middleware'];
const DJANGO_APPS = [
  'core',
  'accounts',
  'billing',
  'orders',
  'projects',
  'notifications',
  'reports',
  'support',
];

/** Where a file of `role` goes, and its extension. */
export function place(p: Pick, role: string, taken: Set<string>): string {
  let path: string;
  if (role.startsWith('python')) {
    const dir =
      role === 'python-plain'
        ? p.one(['models', 'services', 'tasks'])
        : p.one(['views', 'api', 'tasks']);
    path = `backend/${p.one(DJANGO_APPS)}/${dir}/${p.one(NOUNS)}_${p.one(VERBS)}`;
    return unique(`${path}`, '.py', taken);
  }
  const server =
    role === 'sdk-node' ||
    (role === 'plain' && p.chance(0.2)) ||
    (role === 'wrapper-caller' && p.chance(0.2));
  const root = server
    ? p.one(SERVICES)
    : role === 'wrapper-caller' || p.chance(0.6)
      ? p.one(APPS)
      : p.one(PACKAGES);
  const dir = p.one(server ? SERVER_DIRS : UI_DIRS);
  const n = cap(p.one(NOUNS));
  if (dir === 'components' || dir === 'pages') {
    const sub = dir === 'components' ? `components/${n}` : 'pages';
    return unique(
      `${root}/src/${sub}/${n}${p.one(['List', 'Panel', 'Form', 'Page', 'Dialog'])}`,
      p.chance(0.85) ? '.tsx' : '.jsx',
      taken,
    );
  }
  const ext = dir === 'legacy' ? p.one(['.js', '.jsx']) : p.chance(0.85) ? '.ts' : '.js';
  return unique(`${root}/src/${dir}/${p.one(VERBS)}${n}`, ext, taken);
}

function unique(stem: string, ext: string, taken: Set<string>): string {
  let path = stem + ext;
  for (let i = 2; taken.has(path); i++) path = `${stem}${i}${ext}`;
  taken.add(path);
  return path;
}

/** Roles of `files` files: 70% plain JS/TS, 20% JS/TS with SDK or wrapper calls, 10% Python. */
export function roles(files: number): string[] {
  const python = Math.max(1, Math.round(files * 0.1)) - 1;
  const pySdk = Math.round(python * 0.75);
  const pyCallers = Math.round(pySdk * 0.4);
  const sdk = Math.max(0, Math.round(files * 0.2) - (WRAPPERS.length - 1));
  const callers = Math.round(sdk * 0.4);
  const browser = Math.round(sdk * 0.45);
  const counts: [string, number][] = [
    ['python-wrapper-caller', pyCallers],
    ['python-sdk', pySdk - pyCallers],
    ['python-plain', python - pySdk],
    ['wrapper-caller', callers],
    ['sdk-browser', browser],
    ['sdk-node', sdk - callers - browser],
  ];
  const out = counts.flatMap(([r, n]) => Array<string>(n).fill(r));
  return [
    ...out,
    ...Array<string>(Math.max(0, files - WRAPPERS.length - out.length)).fill('plain'),
  ];
}
