/**
 * Intercom Messenger: the snippet's global `Intercom('boot' | 'update' | 'trackEvent', …)`,
 * `@intercom/messenger-js-sdk` (`Intercom({app_id, …})`, `boot`, `update`, `trackEvent`), and
 * `react-use-intercom` (`const {boot} = useIntercom()`). Intercom messages users, so it is
 * allowed their email and name; everything else is reported as for any vendor.
 *
 * The classic snippet boots from `window.intercomSettings = {app_id, name, email, …}`, read
 * as a boot. Checked against @intercom/messenger-js-sdk 0.0.20 type declarations.
 */
import { command, eventName, fields, message, sink } from './specs.js';
import type { Member, VendorDefinition } from './types.js';

/** `Intercom(command, …)`. */
const GLOBAL: Member = {
  sinks: [
    command('boot', 'identify', [fields(1, 'user')]),
    command('update', 'profile', [fields(1, 'user')]),
    command('trackEvent', 'event', [eventName(1), fields(2, 'metadata')]),
    command('showNewMessage', 'context', [message(1, 'message')]),
  ],
};

const BOOT = sink('identify', [fields(0, 'user')]);

/** The npm package's functions (and react-use-intercom's, which take camelCase keys). */
const FUNCTIONS: Readonly<Record<string, Member>> = {
  boot: BOOT,
  update: sink('profile', [fields(0, 'user')]),
  trackEvent: sink('event', [eventName(0), fields(1, 'metadata')]),
  showNewMessage: sink('context', [message(0, 'message')]),
};

/** The Intercom definition: allowed `user.contact.email` and `user.name` (it messages users). */
export const intercom: VendorDefinition = {
  id: 'intercom',
  name: 'Intercom',
  role: 'customer-messaging',
  allow: ['user.contact.email', 'user.name'],
  docs: 'https://developers.intercom.com/installing-intercom/web/methods',
  js: {
    modules: {
      '@intercom/messenger-js-sdk': { default: 'boot', namespace: 'module' },
      'react-use-intercom': { namespace: 'react-module' },
    },
    globals: { Intercom: 'global', intercomSettings: 'settings' },
  },
  types: {
    global: { '()': GLOBAL },
    // `window.intercomSettings = {…}` (read by the snippet when it loads): a boot.
    settings: { '=': BOOT },
    // `Intercom({app_id, user_id, email})` boots the Messenger.
    boot: { '()': BOOT },
    module: { ...FUNCTIONS, Intercom: BOOT },
    'react-module': { useIntercom: { returns: 'react' } },
    react: FUNCTIONS,
  },
};
