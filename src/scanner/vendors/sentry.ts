/**
 * Sentry: every JavaScript SDK package (`@sentry/browser`, `@sentry/node`, `@sentry/react`,
 * `@sentry/nextjs`, …) and the loader script's global `Sentry`, with scopes (`withScope(scope
 * => …)`, `getCurrentScope()`, legacy `configureScope`); the Python SDK `sentry_sdk` with its
 * scopes (`new_scope()`, `configure_scope()`, `push_scope()`), used as functions or in `with`.
 *
 * Checked against @sentry/core, @sentry/browser and @sentry/replay 11.12 type declarations (11.x
 * replaced `sendDefaultPii` with `dataCollection`; both are checked). The Python API is from
 * sentry-python 2.x documentation and `sentry_sdk/api.py` (not installed here: PyPI is out of
 * reach); `capture_message`/`capture_exception` scope keywords (`user`, `extras`, `tags`,
 * `contexts`) are from `Scope.update_from_kwargs`.
 */
import { fields, keyed, message, namedFields, options, sink } from './specs.js';
import type { ArgSpec, ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

/** A capture context: `captureMessage(msg, {user, extra, tags, contexts})`, `scope.update(…)`. */
const CONTEXT_FIELDS = namedFields('user', 'extra', 'tags', 'contexts');
const context = (index: number): ArgSpec => options(index, CONTEXT_FIELDS);
const BREADCRUMB: ArgSpec = options(0, {
  message: message(undefined, 'breadcrumbs.message'),
  data: fields(undefined, 'breadcrumbs.data'),
});

const INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'send-default-pii',
    arg: 0,
    when: [{ path: 'sendDefaultPii', in: [true] }],
    severity: 'warning',
    message:
      '`sendDefaultPii: true` attaches IP addresses, cookies, request headers and the logged-in user to every event. Remove it and set only the user fields you need with `setUser`.',
  },
  {
    id: 'data-collection-user-info',
    arg: 0,
    when: [
      { path: 'dataCollection', present: true },
      { path: 'dataCollection.userInfo', notIn: [false] },
    ],
    severity: 'warning',
    message:
      '`dataCollection.userInfo` defaults to true in SDK 11: user fields and IP addresses are filled in from instrumentation. Set `dataCollection: {userInfo: false}`.',
  },
];

/** `replayIntegration({…})` (and the older `new Replay({…})`): masking is on by default. */
const REPLAY_RULES: readonly ConfigRule[] = [
  {
    id: 'session-replay-text-unmasked',
    arg: 0,
    when: [{ path: 'maskAllText', in: [false] }],
    severity: 'error',
    message:
      'Session replay records all text on screen (`maskAllText: false`). Keep the default and unmask single elements with `unmask`.',
  },
  {
    id: 'session-replay-inputs-unmasked',
    arg: 0,
    when: [{ path: 'maskAllInputs', in: [false] }],
    severity: 'error',
    message:
      'Session replay records what users type (`maskAllInputs: false`). Keep the default `true`.',
  },
  {
    id: 'session-replay-media-unblocked',
    arg: 0,
    when: [{ path: 'blockAllMedia', in: [false] }],
    severity: 'warning',
    message:
      'Session replay records images and video (`blockAllMedia: false`), which may show documents and faces. Keep the default `true`.',
  },
];

/** Setters shared by the SDK's top level and a `Scope`. */
const SETTERS: TypeSpec = {
  setUser: sink('identify', [fields(0, 'user')]),
  setContext: sink('context', [keyed('contexts')]),
  setTag: sink('context', [keyed('tags')]),
  setTags: sink('context', [fields(0, 'tags')]),
  setExtra: sink('context', [keyed('extra')]),
  setExtras: sink('context', [fields(0, 'extra')]),
  setAttribute: sink('context', [keyed('attributes')]),
  setAttributes: sink('context', [fields(0, 'attributes')]),
  addBreadcrumb: sink('context', [BREADCRUMB]),
};

const scoped = (returns?: string): Member => ({
  callback: { arg: 0, param: 0, type: 'scope' },
  ...(returns !== undefined ? { returns } : {}),
});
const log = sink('context', [message(0, 'message'), fields(1, 'attributes')]);

const SDK: TypeSpec = {
  ...SETTERS,
  init: { config: INIT_RULES },
  captureMessage: sink('error', [message(0, 'message'), context(1)]),
  captureException: sink('error', [context(1)]),
  captureEvent: sink('error', [
    options(0, { ...CONTEXT_FIELDS, message: message(undefined, 'message') }),
  ]),
  withScope: scoped(),
  withIsolationScope: scoped(),
  configureScope: scoped(),
  getCurrentScope: { returns: 'scope' },
  getIsolationScope: { returns: 'scope' },
  getGlobalScope: { returns: 'scope' },
  replayIntegration: { config: REPLAY_RULES },
  Replay: { config: REPLAY_RULES },
  logger: { type: 'logger' },
};

const SCOPE: TypeSpec = {
  ...SETTERS,
  update: sink('context', [context(0)]),
  captureMessage: sink('error', [message(0, 'message')]),
  captureException: sink('error', []),
};

/** sentry-python's `capture_*(…, **scope_kwargs)`: `user=`, `extras=`, `tags=`, `contexts=`. */
const SCOPE_KWARGS: readonly ArgSpec[] = [
  fields(undefined, 'user', 'user'),
  fields(undefined, 'extra', 'extras'),
  fields(undefined, 'tags', 'tags'),
  fields(undefined, 'contexts', 'contexts'),
];

/** sentry-python: `set_*` take positional or keyword (`value=`) arguments. */
const PY_SETTERS: TypeSpec = {
  set_user: sink('identify', [fields(0, 'user', 'value')]),
  set_context: sink('context', [keyed('contexts', 'value')]),
  set_tag: sink('context', [keyed('tags', 'value')]),
  set_tags: sink('context', [fields(0, 'tags', 'tags')]),
  set_extra: sink('context', [keyed('extra', 'value')]),
  add_breadcrumb: sink('context', [
    { ...BREADCRUMB, keyword: 'crumb' },
    message(undefined, 'breadcrumbs.message', 'message'),
    fields(undefined, 'breadcrumbs.data', 'data'),
  ]),
  capture_message: sink('error', [message(0, 'message', 'message'), ...SCOPE_KWARGS]),
  capture_exception: sink('error', SCOPE_KWARGS),
};

const PY_INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'send-default-pii',
    arg: 0,
    keywords: true,
    when: [{ path: 'send_default_pii', in: [true] }],
    severity: 'warning',
    message:
      '`send_default_pii=True` attaches IP addresses, cookies, request bodies and the logged-in user to every event. Remove it and call `set_user` with only the fields you need.',
  },
];

const PYTHON: TypeSpec = {
  ...PY_SETTERS,
  init: { config: PY_INIT_RULES },
  new_scope: { returns: 'python-scope' },
  isolation_scope: { returns: 'python-scope' },
  configure_scope: {
    callback: { arg: 0, param: 0, type: 'python-scope' },
    returns: 'python-scope',
  },
  push_scope: { callback: { arg: 0, param: 0, type: 'python-scope' }, returns: 'python-scope' },
  get_current_scope: { returns: 'python-scope' },
  get_isolation_scope: { returns: 'python-scope' },
  get_global_scope: { returns: 'python-scope' },
};

/** The npm packages that re-export the browser or server API. */
const PACKAGES = [
  'browser',
  'node',
  'react',
  'nextjs',
  'vue',
  'angular',
  'svelte',
  'sveltekit',
  'remix',
  'astro',
  'nuxt',
  'solid',
  'solidstart',
  'ember',
  'gatsby',
  'bun',
  'deno',
  'electron',
  'react-native',
  'cloudflare',
  'aws-serverless',
  'google-cloud-serverless',
  'nestjs',
  'tanstackstart-react',
  'react-router',
  'vercel-edge',
  'core',
  'hub',
  'minimal',
];

/** The Sentry definition: every JavaScript SDK package and `sentry_sdk`, with scopes and `init`/replay rules. */
export const sentry: VendorDefinition = {
  id: 'sentry',
  name: 'Sentry',
  role: 'error-tracking',
  docs: 'https://docs.sentry.io/platforms/javascript/enriching-events/',
  js: {
    modules: {
      ...Object.fromEntries(
        PACKAGES.map((p) => [`@sentry/${p}`, { namespace: 'sdk', types: { Scope: 'scope' } }]),
      ),
      '@sentry/replay': { namespace: 'sdk' },
    },
    globals: { Sentry: 'sdk' },
  },
  python: { modules: { sentry_sdk: { namespace: 'python' } } },
  types: {
    sdk: SDK,
    scope: SCOPE,
    logger: { trace: log, debug: log, info: log, warn: log, error: log, fatal: log },
    python: PYTHON,
    'python-scope': PY_SETTERS,
  },
};
