/**
 * Vendor envelopes: the fields each SDK adds around an event's properties. Shapes of both splits
 * use them; what differs between splits is the event inside.
 */
import type { Composed } from './compose.js';
import { projectToken, type Built, type Kit, type Obj } from './kit.js';

function lazyList(k: Kit, props: Obj): () => Obj[] {
  return () => {
    for (const name of k.vocab.listNames) {
      const v = props[name];
      if (Array.isArray(v)) return v as Obj[];
    }
    const made: Obj[] = [];
    props[k.rng.pick(k.vocab.listNames)] = made;
    return made;
  };
}

/** Segment `track`/`page`/`identify`: `body` is merged into the message (`event`, `properties`, `traits`, …). */
export function segment(k: Kit, type: 'track' | 'page' | 'identify', body: Obj): Built {
  const { rng } = k;
  const ua = k.userAgent();
  const page: Obj = {
    path: rng.pick(k.vocab.paths),
    referrer: k.url(),
    title: rng.pick(k.vocab.labels),
    url: k.url(),
  };
  const context: Obj = {
    library: { name: 'analytics.js', version: `next-1.${rng.int(50, 79)}.0` },
    page,
    userAgent: ua.ua,
    locale: rng.pick(['ja-JP', 'en-US', 'en-GB', 'de-DE', 'fr-FR']),
    timezone: rng.pick(['Asia/Tokyo', 'America/New_York', 'Europe/London', 'Europe/Berlin']),
    screen: {
      width: rng.pick([390, 1440, 1920]),
      height: rng.pick([844, 900, 1080]),
      density: rng.pick([1, 2, 3]),
    },
  };
  const ts = k.neg('iso_timestamp');
  const event: Obj = {
    type,
    ...body,
    anonymousId: k.neg('uuid'),
    ...(rng.chance(0.7) ? { userId: k.neg('random_id') } : {}),
    messageId: rng.chance(0.5) ? k.neg('uuid') : k.neg('random_id'),
    timestamp: ts,
    sentAt: k.neg('iso_timestamp'),
    context,
    integrations: {},
  };
  const holder = type === 'identify' ? 'traits' : 'properties';
  const props = k.child(event, holder);
  const traits = (): Obj => (type === 'identify' ? props : k.child(context, 'traits'));
  return {
    event,
    slots: {
      props,
      traits,
      context: () => context,
      list: lazyList(k, props),
      urls: type === 'page' ? props : page,
    },
  };
}

/** Mixpanel `track`: `{event, properties: {token, distinct_id, $insert_id, time, $os, …}}`. */
export function mixpanel(k: Kit, name: string, own: Obj): Built {
  const { rng } = k;
  const ua = k.userAgent();
  const properties: Obj = {
    token: projectToken(rng),
    distinct_id: rng.chance(0.5) ? k.neg('uuid') : k.neg('random_id'),
    $device_id: k.neg('uuid'),
    $insert_id: k.neg('random_id'),
    time: k.epoch(),
    $os: ua.os,
    $browser: ua.browser,
    $browser_version: Number.parseInt(ua.version, 10),
    $current_url: k.url(),
    $referrer: k.url(),
    $referring_domain: rng.pick(k.vocab.hosts),
    $screen_height: rng.pick([844, 900, 1080]),
    $screen_width: rng.pick([390, 1440, 1920]),
    mp_lib: 'web',
    $lib_version: `2.${rng.int(45, 60)}.0`,
    ...own,
  };
  return {
    event: { event: name, properties },
    slots: slotsOn(k, properties, properties, properties),
  };
}

/** PostHog `capture`: `{event, distinct_id, properties: {$current_url, $session_id, …}, timestamp, uuid}`. */
export function posthog(k: Kit, name: string, own: Obj): Built {
  const { rng } = k;
  const ua = k.userAgent();
  const properties: Obj = {
    $os: ua.os,
    $browser: ua.browser,
    $device_type: ua.os === 'Android' || ua.os === 'iOS' ? 'Mobile' : 'Desktop',
    $current_url: k.url(),
    $host: rng.pick(k.vocab.hosts),
    $pathname: rng.pick(k.vocab.paths),
    $raw_user_agent: ua.ua,
    $lib: 'web',
    $lib_version: `1.${rng.int(150, 199)}.${rng.int(0, 9)}`,
    $insert_id: k.neg('random_id'),
    $session_id: k.neg('uuid'),
    $window_id: k.neg('uuid'),
    ...own,
  };
  const event: Obj = {
    event: name,
    distinct_id: k.neg('uuid'),
    properties,
    timestamp: k.neg('iso_timestamp'),
    uuid: k.neg('uuid'),
  };
  const traits = (): Obj => k.child(properties, '$set');
  return { event, slots: { ...slotsOn(k, properties, properties, properties), traits } };
}

/** Amplitude HTTP API v2 event: `{user_id, device_id, event_type, time, event_properties, user_properties, …}`. */
export function amplitude(k: Kit, name: string, own: Obj): Built {
  const { rng } = k;
  const ua = k.userAgent();
  const version: Composed = k.neg('version');
  const event: Obj = {
    user_id: k.neg('random_id'),
    device_id: k.neg('uuid'),
    event_type: name,
    time: k.epoch(),
    session_id: k.epoch(),
    insert_id: k.neg('uuid'),
    app_version: version,
    platform: 'Web',
    os_name: ua.browser,
    os_version: ua.version,
    device_model: ua.os,
    language: rng.pick(['Japanese', 'English', 'German']),
    library: `amplitude-ts/2.${rng.int(5, 12)}.${rng.int(0, 9)}`,
    event_properties: own,
    user_properties: { plan: rng.pick(k.vocab.plans) },
  };
  const traits = (): Obj => k.child(event, 'user_properties');
  return {
    event,
    slots: { props: own, traits, context: () => event, list: lazyList(k, own), urls: own },
  };
}

function slotsOn(k: Kit, props: Obj, context: Obj, urls: Obj): Built['slots'] {
  return { props, traits: () => props, context: () => context, list: lazyList(k, props), urls };
}
