/**
 * FullStory: `@fullstory/browser` (`FullStory('setIdentity', {uid, properties})`,
 * `FullStory('trackEvent', {name, properties})`, `FullStory('setProperties', {type, properties})`,
 * and the v1 functions `identify`, `setUserVars`, `event` of its 1.x releases) and the snippet's
 * global `FS`, which answers both the v2 call form and the deprecated v1 methods.
 *
 * Checked against @fullstory/browser 2.1 and @fullstory/snippet 2.1 type declarations. Privacy
 * (masking, exclusion) is set in FullStory's settings, not in code, so there are no config rules.
 */
import type { ArgSpec, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const props = (index: number, path: string): ArgSpec => ({ index, role: 'fields', path });
const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});
const op = (name: string): readonly string[] => [name, `${name}Async`];
const options = (fields: Readonly<Record<string, ArgSpec>>): readonly ArgSpec[] => [
  { index: 1, role: 'object', fields },
];

/** The v2 API: `FS(operation, options)`; `…Async` variants take the same options. */
const V2: Member = {
  sinks: [
    {
      kind: 'identify',
      when: { arg: 0, equals: op('setIdentity') },
      args: options({
        uid: { role: 'identity', path: 'userId' },
        properties: { role: 'fields', path: 'traits' },
      }),
    },
    {
      kind: 'event',
      when: { arg: 0, equals: op('trackEvent') },
      args: options({
        name: { role: 'event-name' },
        properties: { role: 'fields', path: 'properties' },
      }),
    },
    {
      kind: 'profile',
      when: { arg: 0, equals: op('setProperties') },
      args: options({ properties: { role: 'fields', path: 'traits' } }),
    },
    {
      kind: 'page',
      when: { arg: 0, equals: op('setPage') },
      args: options({
        pageName: { role: 'event-name' },
        properties: { role: 'fields', path: 'properties' },
      }),
    },
    {
      kind: 'context',
      when: { arg: 0, equals: op('log') },
      args: options({ msg: { role: 'message', path: 'log' } }),
    },
  ],
};

/** The deprecated v1 methods, on `FS` and as module functions of @fullstory/browser 1.x. */
const V1: TypeSpec = {
  identify: sink('identify', [{ index: 0, role: 'identity', path: 'userId' }, props(1, 'traits')]),
  setUserVars: sink('profile', [props(0, 'traits')]),
  setVars: sink('profile', [props(1, 'traits')]),
  event: sink('event', [{ index: 0, role: 'event-name' }, props(1, 'properties')]),
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
