/**
 * Placing a planted item (or an extra hard negative) into a built event at a given position: as a
 * field value, inside a nested array, in traits or context, in a URL's query string, inside a
 * sentence, or under an encoding layer (base64 JSON, percent-encoding, JSON in a string).
 */
import {
  base64Encode,
  formEncode,
  join,
  jsonDoc,
  marked,
  percentEncode,
  type Composed,
} from './compose.js';
import { TEXT_NEGATIVE_KINDS } from './negatives.js';
import type { Item } from './item.js';
import type { Kit, Obj, Slots } from './kit.js';
import type { NegativeKind, Position } from './types.js';

/** Positions where a field name is available (items that need their key go only here). */
const KEYED: ReadonlySet<Position> = new Set([
  'property',
  'nested',
  'traits',
  'context',
  'base64_json',
  'json_string',
]);

/** Sets `obj[name]`, or `name_2`, `name_3`, … when taken. */
function setFresh(obj: Obj, name: string, value: unknown): void {
  let key = name;
  for (let i = 2; key in obj; i++) key = `${name}_${i}`;
  obj[key] = value;
}

function itemText(item: Item, position: Position): Composed {
  return join(
    item.before,
    marked(item.value, { role: 'planted', kind: item.kind, value: item.value, position }),
    item.after,
  );
}

/** The position actually used: items that need a field name are moved to `property`. */
export function effectivePosition(item: Item, position: Position): Position {
  return item.needsKey === true && !KEYED.has(position) ? 'property' : position;
}

function fieldName(k: Kit, item: Item, position: Position): string {
  return item.key ?? k.rng.pick(k.vocab.fields[position]);
}

function innerDoc(k: Kit, key: string, value: Composed): unknown {
  const { rng } = k;
  const doc: Obj = { v: rng.int(1, 3), ref: k.neg('random_id') };
  if (rng.chance(0.5)) doc[key] = value;
  else doc[rng.pick(['user', 'form', 'meta'])] = { [key]: value, at: k.epoch() };
  return doc;
}

function queryValue(k: Kit, text: Composed): Composed {
  const r = k.rng.next();
  // Browsers send `@` and most token characters raw; forms encode spaces as `+`.
  if (r < 0.25 && !/[\s&#%+=?]/.test(text.text)) return text;
  return r < 0.6 ? formEncode(text) : percentEncode(text);
}

/** Put `item` into the event at `position` (see `effectivePosition`). */
export function plant(k: Kit, slots: Slots, item: Item, requested: Position): void {
  const { rng, vocab } = k;
  const position = effectivePosition(item, requested);
  const text = itemText(item, position);
  const key = fieldName(k, item, position);
  switch (position) {
    case 'property':
      return setFresh(slots.props, key, text);
    case 'traits':
      return setFresh(slots.traits(), key, text);
    case 'context':
      return setFresh(slots.context(), key, text);
    case 'nested': {
      const list = slots.list();
      if (list.length === 0 || rng.chance(0.4)) list.push({ id: k.neg('random_id'), [key]: text });
      else setFresh(rng.pick(list), key, text);
      return;
    }
    case 'url_query': {
      const param = join(`${rng.pick(vocab.queryKeys)}=`, queryValue(k, text));
      return setFresh(slots.urls, rng.pick(vocab.fields.url_query), k.url(param));
    }
    case 'free_text':
      return setFresh(slots.props, key, k.sentence(vocab.sentences, text));
    case 'base64_json': {
      const doc = jsonDoc(innerDoc(k, item.key ?? rng.pick(vocab.innerKeys), text));
      return setFresh(
        slots.props,
        rng.pick(vocab.fields[position]),
        base64Encode(doc, rng.chance(0.3)),
      );
    }
    case 'percent': {
      const inner = rng.chance(0.5)
        ? k.sentence(vocab.sentences, text)
        : k.url(join(`${rng.pick(vocab.queryKeys)}=`, text));
      return setFresh(slots.props, key, percentEncode(inner));
    }
    case 'json_string': {
      // Items only a field name can reveal (dates of birth) keep their key inside the document.
      const inner =
        item.key !== undefined || rng.chance(0.7)
          ? innerDoc(k, item.key ?? rng.pick(vocab.innerKeys), text)
          : { message: k.sentence(vocab.sentences, text), lang: 'en' };
      return setFresh(slots.props, rng.pick(vocab.fields[position]), jsonDoc(inner));
    }
  }
}

/** Where extra hard negatives go. */
export type NegativePlace = 'property' | 'nested' | 'free_text' | 'context';

/** Every place an extra negative can go. */
export const NEGATIVE_PLACES: readonly NegativePlace[] = [
  'property',
  'nested',
  'free_text',
  'context',
];

const NEGATIVE_FIELDS: Readonly<Record<NegativeKind, readonly string[]>> = {
  uuid: ['trace_id', 'event_uuid'],
  git_sha: ['commit', 'revision'],
  epoch_ms: ['client_ts', 'started_at_ms'],
  version: ['app_version', 'sdk_version'],
  order_id: ['order_ref', 'purchase_order'],
  non_luhn_16: ['transaction_ref', 'gift_code'],
  price: ['amount', 'display_price'],
  sku: ['sku_code', 'variant'],
  duration: ['elapsed', 'watch_time'],
  iso_timestamp: ['occurred_at', 'updated_at'],
  hex_color: ['brand_color', 'bg'],
  base64_image: ['avatar_thumb', 'preview'],
  hash: ['content_hash', 'etag'],
  random_id: ['request_id', 'nonce'],
};

/** Put an extra labelled hard negative of `kind` at `place`. */
export function plantNegative(
  k: Kit,
  slots: Slots,
  kind: NegativeKind,
  place: NegativePlace,
): void {
  const { rng } = k;
  const name = rng.pick(NEGATIVE_FIELDS[kind]);
  if (place === 'free_text' && TEXT_NEGATIVE_KINDS.includes(kind)) {
    const t = k.sentence([`${rng.pick(k.vocab.labels)}: {x}`, '{x}'], k.neg(kind, true));
    return setFresh(slots.props, `${name}_note`, t);
  }
  const value = kind === 'epoch_ms' && rng.chance(0.5) ? k.epoch() : k.neg(kind);
  if (place === 'nested') {
    const list = slots.list();
    if (list.length === 0) list.push({ id: k.neg('random_id') });
    return setFresh(rng.pick(list), name, value);
  }
  setFresh(place === 'context' ? slots.context() : slots.props, name, value);
}
