/**
 * FullStory: `@fullstory/browser` (`FullStory('setIdentity', {uid, properties})`,
 * `FullStory('trackEvent', {name, properties})`, `FullStory('setProperties', {type, properties})`,
 * and the v1 functions `identify`, `setUserVars`, `event` of its 1.x releases) and the snippet's
 * global `FS`, which answers both the v2 call form and the deprecated v1 methods.
 *
 * Checked against @fullstory/browser 2.1 and @fullstory/snippet 2.1 type declarations. Privacy
 * (masking, exclusion) is set in FullStory's settings, not in code, so there are no config rules.
 */
import { command, eventName, fields, id, message, options, props, sink } from './specs.js';
import type { Member, TypeSpec, VendorDefinition } from './types.js';

const op = (name: string): readonly string[] => [name, `${name}Async`];

/** The v2 API: `FS(operation, options)`; `…Async` variants take the same options. */
const V2: Member = {
  sinks: [
    command(op('setIdentity'), 'identify', [
      options(1, { uid: id(undefined), properties: fields(undefined, 'traits') }),
    ]),
    command(op('trackEvent'), 'event', [
      options(1, { name: eventName(undefined), properties: props(undefined) }),
    ]),
    command(op('setProperties'), 'profile', [
      options(1, { properties: fields(undefined, 'traits') }),
    ]),
    command(op('setPage'), 'page', [
      options(1, { pageName: eventName(undefined), properties: props(undefined) }),
    ]),
    command(op('log'), 'context', [options(1, { msg: message(undefined, 'log') })]),
  ],
};

/** The deprecated v1 methods, on `FS` and as module functions of @fullstory/browser 1.x. */
const V1: TypeSpec = {
  identify: sink('identify', [id(0), fields(1, 'traits')]),
  setUserVars: sink('profile', [fields(0, 'traits')]),
  setVars: sink('profile', [fields(1, 'traits')]),
  event: sink('event', [eventName(0), props(1)]),
};

/** FullStory definition: the npm package and the snippet global. */
export const fullstory: VendorDefinition = {
  id: 'fullstory',
  name: 'FullStory',
  role: 'session-replay',
  docs: 'https://developer.fullstory.com/browser/getting-started/',
  js: {
    modules: { '@fullstory/browser': { namespace: 'module' } },
    globals: { FS: 'fs' },
  },
  types: {
    module: { ...V1, FullStory: { type: 'fs' } },
    fs: { '()': V2, ...V1 },
  },
};
