/**
 * Google Analytics 4: the `gtag()` global (`gtag('event', name, params)`, `gtag('config', id,
 * params)`, `gtag('set', …)`), the `dataLayer` global, `react-ga4`, `@next/third-parties/google`
 * (`sendGAEvent`, `sendGTMEvent`), and Google Analytics for Firebase (`firebase/analytics`
 * modular functions; `@react-native-firebase/analytics`).
 *
 * Checked against react-ga4 3.0 and @next/third-parties 16 type declarations and the gtag.js
 * reference. The gtag snippet's own `function gtag(){dataLayer.push(arguments)}` is a local
 * function: calls in the file that declares it are the front end's to resolve.
 */
import { command, eventName, fields, id, keyed, options, props, sink } from './specs.js';
import type { ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

/** Settings on `gtag('config', id, {…})` that widen what Google collects. */
const CONFIG_RULES: readonly ConfigRule[] = [
  {
    id: 'google-signals',
    arg: 2,
    when: [{ path: 'allow_google_signals', in: [true] }],
    severity: 'warning',
    message:
      '`allow_google_signals: true` links sessions to signed-in Google accounts for cross-device and demographic reports. Leave it false unless users consented to ad personalization.',
  },
  {
    id: 'ad-personalization',
    arg: 2,
    when: [{ path: 'allow_ad_personalization_signals', in: [true] }],
    severity: 'warning',
    message:
      '`allow_ad_personalization_signals: true` lets Analytics data be used for ad personalization. Set it to false, or tie it to consent.',
  },
];

/** `gtag(command, …)`: the command literal picks the sink. */
const GTAG: Member = {
  sinks: [
    command('event', 'event', [eventName(1), props(2)]),
    command('config', 'context', [fields(2, 'config')]),
    // `gtag('set', {…})` and `gtag('set', 'user_properties', {…})`.
    command('set', 'profile', [fields(1, 'config'), fields(2, 'user_properties')]),
  ],
  config: CONFIG_RULES,
};

const DATA_LAYER_PUSH = sink('event', [fields(0, 'dataLayer')]);

const REACT_GA: TypeSpec = {
  initialize: sink('context', [
    options(1, {
      gaOptions: fields(undefined, 'config'),
      gtagOptions: fields(undefined, 'config'),
    }),
  ]),
  // `event('name', params)` or the Universal Analytics style `event({category, action, label})`.
  event: sink('event', [eventName(0), props(1)]),
  send: sink('event', [props(0)]),
  set: sink('context', [fields(0, 'config')]),
  gtag: { type: 'gtag' },
};

/** Firebase's modular API: the analytics instance comes first. */
const FIREBASE: TypeSpec = {
  logEvent: sink('event', [eventName(1), props(2)]),
  setUserId: sink('identify', [id(1)]),
  setUserProperties: sink('profile', [fields(1, 'user_properties')]),
  setDefaultEventParameters: sink('context', [props(0)]),
};

/** `@react-native-firebase/analytics`: `analytics().logEvent(name, params)`. */
const RN_FIREBASE: TypeSpec = {
  logEvent: sink('event', [eventName(0), props(1)]),
  logScreenView: sink('page', [props(0)]),
  setUserId: sink('identify', [id(0)]),
  setUserProperty: sink('profile', [keyed('user_properties')]),
  setUserProperties: sink('profile', [fields(0, 'user_properties')]),
  setDefaultEventParameters: sink('context', [props(0)]),
};

/** The Google Analytics definition: gtag, dataLayer, react-ga4, Next.js helpers and Firebase (JavaScript only). */
export const googleAnalytics: VendorDefinition = {
  id: 'google-analytics',
  name: 'Google Analytics',
  role: 'product-analytics',
  docs: 'https://developers.google.com/tag-platform/gtagjs/reference',
  js: {
    modules: {
      'react-ga4': { default: 'react-ga', namespace: 'react-ga-module' },
      '@next/third-parties/google': { namespace: 'next' },
      'firebase/analytics': { namespace: 'firebase' },
      '@firebase/analytics': { namespace: 'firebase' },
      '@react-native-firebase/analytics': { default: 'rn-firebase-module', namespace: 'firebase' },
    },
    globals: { gtag: 'gtag', dataLayer: 'data-layer' },
  },
  types: {
    gtag: { '()': GTAG },
    'data-layer': { push: DATA_LAYER_PUSH },
    'react-ga': REACT_GA,
    'react-ga-module': {
      default: { type: 'react-ga' },
      ReactGAImplementation: { returns: 'react-ga' },
    },
    next: { sendGAEvent: GTAG, sendGTMEvent: DATA_LAYER_PUSH },
    firebase: FIREBASE,
    'rn-firebase-module': { '()': { returns: 'rn-firebase' } },
    'rn-firebase': RN_FIREBASE,
  },
};
