/**
 * Braze: `@braze/web-sdk` (module functions `initialize`, `changeUser`, `logCustomEvent`,
 * `logPurchase`, and `getUser()` → a user whose setters write the profile), the legacy
 * `appboy-web-sdk`, the snippet's globals `braze` and `appboy`, and `@braze/react-native-sdk`
 * (the same calls, with the user setters as module functions). Braze sends email, SMS and push:
 * contact details and names are what it needs.
 *
 * Checked against @braze/web-sdk 6.13 and @braze/react-native-sdk 22 type declarations.
 */
import { eventName, id, options, pairs, props, sink } from './specs.js';
import type { ArgSpec, ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

/** A profile setter: `setEmail(value)` lands at `traits.email`. */
const attribute = (key: string, index = 0): ArgSpec => ({
  index,
  role: 'value',
  path: 'traits',
  key,
});
const setter = (key: string): Member => sink('profile', [attribute(key)]);

/** `braze.initialize(apiKey, options)`. */
const INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'user-supplied-javascript',
    arg: 1,
    when: [{ path: 'allowUserSuppliedJavascript', in: [true] }],
    severity: 'warning',
    message:
      'Braze dashboard users can run JavaScript on your pages (HTML in-app messages, JavaScript click actions), which can read anything the page shows. Leave `allowUserSuppliedJavascript` off unless those messages are reviewed.',
  },
  {
    id: 'device-properties',
    arg: 1,
    when: [{ path: 'devicePropertyAllowlist', absent: true }],
    severity: 'note',
    message:
      'Braze collects every device property (browser, OS, language, time zone, resolution, user agent) by default. Set `devicePropertyAllowlist` to the ones you use.',
  },
  {
    id: 'cookie-persistence',
    arg: 1,
    when: [{ path: 'noCookies', notIn: [true] }],
    severity: 'note',
    message:
      'Braze keeps the user and session ids in cookies sent with every request to your domain (for 400 days by default). Set `noCookies: true` to use localStorage only.',
  },
];

/** Profile setters: on `getUser()` in the web SDK, on the module in React Native. */
const USER: TypeSpec = {
  setEmail: setter('email'),
  setFirstName: setter('first_name'),
  setLastName: setter('last_name'),
  setPhoneNumber: setter('phone'),
  setGender: setter('gender'),
  setLanguage: setter('language'),
  setCountry: setter('country'),
  setHomeCity: setter('home_city'),
  setDateOfBirth: setter('date_of_birth'),
  setLineId: sink('profile', [id(0, 'traits.line_id')]),
  setCustomUserAttribute: sink('profile', [pairs(0)]),
  addToCustomAttributeArray: sink('profile', [pairs(0)]),
  setLastKnownLocation: sink('profile', [attribute('latitude'), attribute('longitude', 1)]),
  setCustomLocationAttribute: sink('profile', [
    attribute('latitude', 1),
    attribute('longitude', 2),
  ]),
  addAlias: sink('alias', [id(0, 'alias')]),
};

/** The SDK's module functions (web) and the same calls on the snippet's global. */
const SDK: TypeSpec = {
  initialize: { config: INIT_RULES },
  changeUser: sink('identify', [id(0)]),
  getUser: { returns: 'user' },
  logCustomEvent: sink('event', [eventName(0), props(1)]),
  logPurchase: sink('revenue', [eventName(0), props(4)]),
  logEcommerceEvent: sink('event', [
    options(0, { name: eventName(undefined), properties: props(undefined) }),
  ]),
};

/** React Native: the user setters are module functions, with slightly different names. */
const REACT_NATIVE: TypeSpec = {
  ...SDK,
  ...USER,
  addToCustomUserAttributeArray: sink('profile', [pairs(0)]),
  setLocationCustomAttribute: sink('profile', [
    attribute('latitude', 1),
    attribute('longitude', 2),
  ]),
  setIdentifierForAdvertiser: sink('profile', [
    { index: 0, role: 'identity', path: 'traits.idfa', category: 'user.device.device_id' },
  ]),
};

/** Braze definition: web SDK, legacy appboy SDK, React Native SDK, snippet globals. */
export const braze: VendorDefinition = {
  id: 'braze',
  name: 'Braze',
  role: 'customer-messaging',
  allow: ['user.contact.email', 'user.contact.phone_number', 'user.name'],
  docs: 'https://js.appboycdn.com/web-sdk/latest/doc/modules/braze.html',
  js: {
    modules: {
      '@braze/web-sdk': { default: 'sdk', namespace: 'sdk' },
      'appboy-web-sdk': { default: 'sdk', namespace: 'sdk' },
      '@braze/react-native-sdk': { default: 'react-native', namespace: 'react-native' },
    },
    globals: { braze: 'sdk', appboy: 'sdk' },
  },
  types: { sdk: SDK, user: USER, 'react-native': REACT_NATIVE },
};
