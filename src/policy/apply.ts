/**
 * The policy step: rewrites one canonical event for one destination and records what it found
 * and did per field. It never mutates its input; it builds a new event.
 *
 * Per field: the field's category (from its name, or inherited from an enclosing classified
 * object or array), the value findings of the detection engine, the first matching user rule,
 * else the safe default for the category. Kept strings still get every secret and every
 * confident personal-data span redacted, then long text truncated.
 */
import type { Policy } from '../config/policy.js';
import type { Detector } from '../engine/detect.js';
import { createFieldClassifier, normalizeKey } from '../engine/fields/classify.js';
import { createPathTrie, type PathNode, type PathSegment } from '../engine/path.js';
import { isUnder } from '../engine/categories.js';
import type { Category, Finding } from '../engine/types.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import { isSecretCategory } from './defaults.js';
import { createFieldGeneralizer } from './generalize-field.js';
import type { CountryLookup } from './generalize/ip.js';
import { bucketTimestamp } from './generalize/time.js';
import type { MasterKey } from './keys.js';
import { attributeName, rewriteElementsChain } from './elements-chain.js';
import {
  createLeafMemo,
  GROUP_CALL,
  LEAF_MEMO_MAX_LENGTH,
  PAGE_CALL,
  PLAIN,
  type EventShape,
  type LeafMemoSlot,
} from './leaf-memo.js';
import { createEchoFinder, type Echo } from './echo.js';
import { compilePlan, type Plan } from './plan.js';
import { createPseudonymizer, type Rotation } from './pseudonymize.js';
import { categoryLabel, mask, maskEmail, redactSpans, truncate, type Span } from './text-ops.js';

/** What happened to a field. */
export type Outcome =
  'removed' | 'pseudonymized' | 'generalized' | 'redacted' | 'masked' | 'truncated' | 'passed';

/** One field of one event: what was found and what was done (for the inventory and ledger). */
export interface FieldRecord {
  /** The field as the data map names it: every array index as `[]` (`properties.items[].sku`). */
  readonly path: string;
  readonly type: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
  /** Categories found before minimization (field name and value matches). */
  readonly before: readonly Category[];
  readonly outcome: Outcome;
  /** Category the destination receives: null when removed or nothing sensitive remains. */
  readonly after: Category | null;
  /** Rule kinds of the value matches acted on (`email`, `openai_project_key`, …). */
  readonly kinds: readonly string[];
}

/** A minimized event and its records. */
export interface Minimized {
  readonly event: CanonicalEvent;
  readonly records: readonly FieldRecord[];
}

/** What the step needs besides the policy. */
export interface PolicyDeps {
  readonly destination: string;
  readonly master: MasterKey;
  readonly detector: Detector;
  readonly countries?: CountryLookup;
  /** Clock (ms) for pseudonym rotation; default Date.now. */
  readonly now?: () => number;
}

const REMOVE = Symbol('remove');
type Out = unknown | typeof REMOVE;

const TIMESTAMP_KEYS = new Set(['timestamp', 'sentAt', 'originalTimestamp', 'receivedAt']);
const IDENTITY_KEYS = new Set(['userId', 'anonymousId', 'groupId', 'previousId']);
const ANONYMOUS_IDS = new Set(['anonymousId']);
/** Top-level keys that are structure, not data. */
const STRUCTURE_KEYS = new Set([
  'type',
  'messageId',
  'integrations',
  'version',
  'channel',
  'operation',
  'groupType',
]);
/** Context fields strict mode keeps without an allow entry (each has its own processor). */
const STRICT_CONTEXT = ['ip', 'userAgent', 'locale', 'timezone', 'page', 'library'];
const PSEUDONYMOUS = 'user.unique_id.pseudonymous';
const CREDENTIALS = 'user.authorization.credentials';
const BROWSING = 'user.behavior.browsing_history';
const NAME = 'user.name';
const USERNAME = 'user.account.username';
/** The kind a record gets when the event's own name was redacted in it (`redactEchoes`). */
const ECHO = 'event_name_echo';
/** PostHog autocapture's element chain (see elements-chain.ts). */
const ELEMENTS_CHAIN = '$elements_chain';
/** An elements-chain attribute the policy decides by its name: `href` and `attr__…`. */
function isChainAttribute(name: string): boolean {
  return name === 'href' || name.startsWith('attr__');
}
/** A finding of such an attribute by its name (a key finding at `?href`, `?attr__…`). */
function isChainAttributeFinding(f: Finding): boolean {
  return f.source === 'key' && f.innerPath !== undefined && isChainAttribute(f.innerPath.slice(1));
}

/**
 * A field holding a URL's query string or fragment: a `search` (`?invite=…&email=…`: Segment's
 * `context.page.search`, Mixpanel's `current_url_search`, `location.search`) is not a search
 * term, and a `hash` or `fragment` starting with `#` (Mixpanel's `current_url_hash`,
 * `#access_token=…`) is not a digest. Both are generalized as a URL's parts are (every query
 * parameter but `utm_*` dropped; the fragment dropped), never kept as they came.
 */
function isUrlPart(key: string, value: string | number): boolean {
  if (typeof value !== 'string') return false;
  const c = value.charCodeAt(0);
  if (c !== 63 && c !== 35) return false;
  const norm = normalizeKey(key);
  return c === 63 ? isNamed(norm, 'search') : isNamed(norm, 'hash') || isNamed(norm, 'fragment');
}

/** `norm` is `word` or ends with `_word` (`search`, `current_url_search`). */
function isNamed(norm: string, word: string): boolean {
  return (
    norm === word || (norm.endsWith(word) && norm.charCodeAt(norm.length - word.length - 1) === 95)
  );
}

/**
 * What a field named like a web session's bearer credential (`session_id`, `$window_id`) really
 * holds, when it is an analytics session:
 * - `start`: Amplitude's `session_id`, a whole number of epoch milliseconds (2001–2286:
 *   1e12–1e13), its session's start time, not a secret. It stays (still scanned, as any large
 *   number is); dropping it would make every Amplitude event sessionless.
 * - `id`: any other session or window id (`$session_id`, `sessionId`, `$window_id`,
 *   `ga_session_id`). An analytics SDK sends it to group a visit's events, so it is pseudonymized
 *   rather than dropped: a keyed pseudonym of a real session token is as useless to whoever
 *   steals it as no value at all, and the vendor's sessions (PostHog's replays) keep working.
 */
function sessionField(key: string, value: string | number): 'start' | 'id' | undefined {
  const norm = normalizeKey(key);
  if (
    norm === 'session_id' &&
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1e12 &&
    value < 1e13
  )
    return 'start';
  return isNamed(norm, 'session_id') || isNamed(norm, 'window_id') ? 'id' : undefined;
}
const NO_FINDINGS: readonly Finding[] = [];
const noFindings = (): readonly Finding[] => NO_FINDINGS;

/** Set an own property; `__proto__` is defined, never assigned, so it cannot reach a prototype. */
function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

interface Visit {
  readonly event: string;
  /** A group call (its traits are the organization's), a page call (its properties the page's). */
  readonly shape: EventShape;
  readonly now: number;
  readonly records: FieldRecord[];
  /**
   * Values of fields named for a person's name or handle that did not leave as they came
   * (removed, pseudonymized, redacted …): the event's own names, looked for in the text it keeps.
   */
  echoes: Echo[] | undefined;
}

/** Compile `policy` for one destination into a step function. */
export function createPolicyTransform(
  policy: Policy,
  deps: PolicyDeps,
): (event: CanonicalEvent) => Minimized | 'drop' {
  const plan: Plan = compilePlan(policy);
  const classify = createFieldClassifier();
  const pseudo = createPseudonymizer(deps.master, deps.destination, policy.identity.key_version);
  const now = deps.now ?? Date.now;
  const minConf = policy.min_confidence;
  // Records name a field of any array element once (`items[].sku`), as the data map shows it.
  const paths = createPathTrie<LeafMemoSlot>(4096, true);
  // A leaf's result depends on its field and value only when no rule matches by path or event.
  const memoOn = plan.matchesByValue;
  const leafMemo = createLeafMemo();
  const generalize = createFieldGeneralizer(policy, deps.countries);

  const rotationFor = (category: Category | undefined, key: string): Rotation => {
    const anon =
      ANONYMOUS_IDS.has(key) ||
      category === 'user.device.cookie_id' ||
      category === 'user.device.device_id';
    return anon
      ? (policy.identity.anonymous_rotation ?? policy.identity.rotation)
      : policy.identity.rotation;
  };

  function record(
    v: Visit,
    path: string,
    value: unknown,
    before: readonly Category[],
    outcome: Outcome,
    after: Category | null,
    kinds: readonly string[] = [],
  ): void {
    const type =
      value === null
        ? 'null'
        : Array.isArray(value)
          ? 'array'
          : (typeof value as FieldRecord['type']);
    v.records.push({ path, type, before, outcome, after, kinds });
  }

  // The leaf being visited, and its value findings once computed (leaf() does not recurse, so
  // one slot serves every leaf; findingsOfLeaf is one function, allocated once).
  const current: {
    value: string | number;
    key: string;
    parent: string;
    findings: readonly Finding[] | undefined;
  } = { value: '', key: '', parent: '', findings: undefined };
  const findingsOfLeaf = (): readonly Finding[] =>
    (current.findings ??= deps.detector.field(current.value, current.key, current.parent));

  /** Spans to redact in a kept string: secrets always, other value findings when confident. */
  function spansOf(findings: readonly Finding[]): {
    spans: Span[];
    cut: number;
    kinds: string[];
    cats: Category[];
  } {
    const spans: Span[] = [];
    const kinds: string[] = [];
    const cats: Category[] = [];
    let cut = -1;
    for (const f of findings) {
      // A value's own findings, and those a field name found inside it (a key of a JSON
      // document or a query string it holds: `{"first_name":"Taro"}`, `?email=…`).
      if (f.path !== '' || (f.source !== 'value' && f.innerPath === undefined)) continue;
      if (f.kind === 'unscanned') {
        cut = cut < 0 ? f.start : Math.min(cut, f.start);
        continue;
      }
      if (f.confidence < minConf && !isSecretCategory(f.category)) continue;
      if (!plan.redactsInText(f.category)) continue;
      // A value found by the name of its parameter or key (`?full_name=…`) is labelled by what
      // the name says it is (`[redacted:name]`), not by how it was found.
      const label = f.kind === 'field_name' ? categoryLabel(f.category) : f.kind;
      spans.push({ start: f.start, end: f.end, label });
      kinds.push(f.kind);
      if (!cats.includes(f.category)) cats.push(f.category);
    }
    return { spans, cut, kinds, cats };
  }

  /** A kept string: redact spans, cut the unscanned tail, truncate free text. */
  function scrub(
    v: Visit,
    path: string,
    value: string,
    findings: readonly Finding[],
    before: Category[],
    fieldCat: Category | undefined,
    rewritten = false,
  ): Out {
    const { spans, cut, kinds, cats } = spansOf(findings);
    for (const c of cats) if (!before.includes(c)) before.push(c);
    let out = cut >= 0 ? value.slice(0, cut) : value;
    out = redactSpans(out, spans);
    let outcome: Outcome = spans.length > 0 ? 'redacted' : rewritten ? 'generalized' : 'passed';
    if (out.length > policy.max_text_length || cut >= 0) {
      out = truncate(out, policy.max_text_length);
      if (outcome === 'passed') outcome = 'truncated';
    }
    record(v, path, value, before, outcome, fieldCat ?? null, kinds);
    return out;
  }

  /** A number whose digits match a personal-data rule cannot be partly redacted: remove it. */
  function scrubNumber(
    v: Visit,
    path: string,
    value: number,
    findings: readonly Finding[],
    before: Category[],
    fieldCat: Category | undefined,
  ): Out {
    const { spans, cats, kinds } = spansOf(findings);
    for (const c of cats) if (!before.includes(c)) before.push(c);
    if (spans.length > 0) {
      record(v, path, value, before, 'removed', null, kinds);
      return REMOVE;
    }
    record(v, path, value, before, 'passed', fieldCat ?? null);
    return value;
  }

  /**
   * A leaf: what its value comes to, remembered per field when the policy lets it be (see
   * `LeafMemo`). A remembered result is the same output and the same (immutable) record as the
   * first time: everything a leaf's result depends on is the field (its path, and the event's
   * shape: a group or page call) and the value, except a pseudonym's rotation period, which is never
   * remembered.
   */
  function leaf(
    v: Visit,
    segs: readonly PathSegment[],
    at: PathNode<LeafMemoSlot>,
    key: string,
    parent: string,
    value: string | number | boolean | null,
    inherited: Category | undefined,
  ): Out {
    if (typeof value === 'boolean' || value === null) {
      record(v, at.path, value, [], 'passed', null);
      return value;
    }
    const memo =
      memoOn && at.kept && (typeof value === 'number' || value.length <= LEAF_MEMO_MAX_LENGTH)
        ? leafMemo.of(at, v.shape)
        : undefined;
    if (memo !== undefined) {
      const known = memo.get(value);
      if (known !== undefined) {
        leafMemo.hit(at);
        v.records.push(known.record);
        if (known.echo !== undefined)
          (v.echoes ??= []).push({ value: value as string, kind: known.echo });
        return known.out;
      }
    }
    const n = v.records.length;
    const echoes = v.echoes?.length ?? 0;
    const out = leafOf(v, at.path, segs, key, parent, value, inherited);
    const rec = v.records[n];
    if (memo !== undefined && rec !== undefined && v.records.length === n + 1)
      if (rec.outcome !== 'pseudonymized') {
        const echo = (v.echoes?.length ?? 0) > echoes ? v.echoes![echoes]!.kind : undefined;
        leafMemo.add(memo, value, { out, record: rec, echo });
      }
    return out;
  }

  /**
   * One attribute of an elements chain: its new value, or undefined to remove it. An `href` is
   * a URL (cut as the policy cuts URLs: `/invoices/:id`, no query), an `attr__…` is read by its
   * name (`attr__data-user-id` is a user's id: pseudonymized); text, classes, ids and positions
   * stay and are scanned with the rest of the chain.
   */
  function chainAttribute(
    v: Visit,
    name: string,
    value: string,
    found: Category[],
  ): string | undefined {
    if (!isChainAttribute(name)) return value;
    const attr = attributeName(name);
    let cat: Category | undefined = BROWSING;
    if (attr !== 'href') {
      const c = classify(attr, ELEMENTS_CHAIN);
      cat = c !== undefined && c.confidence >= minConf ? c.category : undefined;
    }
    if (cat === undefined) return value;
    if (!found.includes(cat)) found.push(cat);
    switch (plan.defaultFor(cat)) {
      case 'drop':
        return undefined;
      case 'pseudonymize':
        return pseudo.pseudonym(value, rotationFor(cat, attr), v.now);
      case 'generalize': {
        const g = generalize(value, cat, normalizeKey(attr));
        return g === undefined ? undefined : String(g.value);
      }
      case 'keep':
        return value;
    }
  }

  function leafOf(
    v: Visit,
    path: string,
    segs: readonly PathSegment[],
    key: string,
    parent: string,
    value: string | number,
    inherited: Category | undefined,
  ): Out {
    const cls = key === '' ? undefined : classify(key, parent);
    let named = cls !== undefined && cls.confidence >= minConf ? cls.category : undefined;
    const session = named === CREDENTIALS ? sessionField(key, value) : undefined;
    if (session === 'start') named = undefined;
    else if (session === undefined && isUrlPart(key, value)) named = BROWSING;
    const fieldCat = named ?? inherited;
    const chainCats: Category[] = [];
    const original = value;
    const chain = key === ELEMENTS_CHAIN && typeof value === 'string' && fieldCat === undefined;
    if (chain)
      value = rewriteElementsChain(value as string, (name, val) =>
        chainAttribute(v, name, val, chainCats),
      );
    current.findings = chain
      ? // Its `href` and `attr__…` values were decided by their names already.
        deps.detector.field(value, key, parent).filter((f) => !isChainAttributeFinding(f))
      : // Small numbers without a sensitive name are counts, prices and durations: nothing to scan.
        typeof value === 'number' && fieldCat === undefined && Math.abs(value) < 1e6
        ? NO_FINDINGS
        : undefined;
    current.value = value;
    current.key = key;
    current.parent = parent;
    const before: Category[] = fieldCat === undefined ? chainCats : [fieldCat];
    const rule = plan.ruleFor(before, findingsOfLeaf, segs, v.event);
    const action =
      rule?.action ??
      (session === 'id'
        ? 'pseudonymize'
        : fieldCat === undefined
          ? 'scan'
          : plan.defaultFor(fieldCat));
    // A field replaced as a whole (dropped, pseudonymized, generalized to a new value, masked,
    // truncated) is scanned only if a rule's match needed it; a kept or redacted one always is.
    const norm = key === '' ? '' : normalizeKey(key);
    // A person's name or handle this destination does not get: the event's other text must not
    // give it.
    if (typeof value === 'string' && action !== 'keep' && action !== 'scan' && fieldCat) {
      const kind = isUnder(fieldCat, NAME)
        ? 'name'
        : isUnder(fieldCat, USERNAME)
          ? 'handle'
          : undefined;
      if (kind !== undefined) (v.echoes ??= []).push({ value, kind });
    }
    switch (action) {
      case 'drop':
        record(v, path, value, before, 'removed', null);
        return REMOVE;
      case 'pseudonymize': {
        const p = pseudo.pseudonym(String(value), rotationFor(fieldCat, key), v.now);
        record(v, path, value, before, 'pseudonymized', PSEUDONYMOUS);
        return p;
      }
      case 'generalize': {
        const g = fieldCat === undefined ? undefined : generalize(value, fieldCat, norm);
        if (g === undefined) {
          record(v, path, value, before, 'removed', null);
          return REMOVE;
        }
        if (g.value === value)
          return typeof value === 'string'
            ? scrub(v, path, value, findingsOfLeaf(), before, g.after)
            : scrubNumber(v, path, value, findingsOfLeaf(), before, g.after);
        record(v, path, value, before, 'generalized', g.after);
        return g.value;
      }
      case 'mask': {
        const s = String(value);
        const out = rule?.keep_domain ? maskEmail(s) : mask(s, rule?.keep_last ?? 0);
        record(v, path, value, before, 'masked', fieldCat ?? null);
        return out;
      }
      case 'truncate': {
        const out = truncate(String(value), rule!.max_length!);
        record(v, path, value, before, 'truncated', fieldCat ?? null);
        return out;
      }
      case 'redact':
        if (
          fieldCat !== undefined &&
          (typeof value === 'number' || spansOf(findingsOfLeaf()).spans.length === 0)
        ) {
          record(v, path, value, before, 'redacted', null);
          return `[redacted:${categoryLabel(fieldCat)}]`;
        }
        return typeof value === 'string'
          ? scrub(v, path, value, findingsOfLeaf(), before, undefined)
          : scrubNumber(v, path, value, findingsOfLeaf(), before, undefined);
      default:
        // keep / scan: the value stays, minus secrets and confident personal data found inside.
        return typeof value === 'string'
          ? scrub(v, path, value, findingsOfLeaf(), before, fieldCat, value !== original)
          : scrubNumber(v, path, value, findingsOfLeaf(), before, fieldCat);
    }
  }

  function strictKeeps(segs: readonly PathSegment[]): boolean {
    if (policy.mode !== 'strict') return true;
    if (
      segs[0] === 'context' &&
      (segs.length === 1 || (typeof segs[1] === 'string' && STRICT_CONTEXT.includes(segs[1])))
    )
      return true;
    return plan.allowed(segs);
  }

  function node(
    v: Visit,
    segs: PathSegment[],
    at: PathNode<LeafMemoSlot>,
    key: string,
    parent: string,
    value: unknown,
    inherited: Category | undefined,
  ): Out {
    if (value === null || typeof value !== 'object') {
      if (!strictKeeps(segs)) {
        record(v, at.path, value, [], 'removed', null);
        return REMOVE;
      }
      if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        value === null
      )
        return leaf(v, segs, at, key, parent, value, inherited);
      return REMOVE; // undefined, functions: not JSON
    }
    if (policy.mode === 'strict' && !plan.mayContainAllowed(segs) && !strictKeeps(segs)) {
      record(v, at.path, value, [], 'removed', null);
      return REMOVE;
    }
    const cls = key === '' ? undefined : classify(key, parent);
    const cat = cls !== undefined && cls.confidence >= minConf ? cls.category : inherited;
    // A classified object or array whose category is dropped (`traits.address: {…}`) goes as
    // a whole; otherwise an array passes its category to its items (`emails: […]`), while an
    // object's members are classified by their own names with the object's key as parent
    // (`company: {id, plan}`: `id` is the company's id, `plan` is just a plan).
    if (cat !== undefined && cat !== inherited) {
      const action = plan.ruleFor([cat], noFindings, segs, v.event)?.action ?? plan.defaultFor(cat);
      if (action === 'drop') {
        record(v, at.path, value, [cat], 'removed', null);
        return REMOVE;
      }
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        segs.push(i);
        const r = node(v, segs, paths.child(at, i), key, parent, value[i], cat);
        segs.pop();
        if (r !== REMOVE) out.push(r);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value);
    let kept = 0;
    for (const k of keys) {
      segs.push(k);
      const r = node(
        v,
        segs,
        paths.child(at, k),
        k,
        key,
        (value as Record<string, unknown>)[k],
        undefined,
      );
      segs.pop();
      if (r === REMOVE) continue;
      kept++;
      setKey(out, k, r);
    }
    // An object emptied by the policy goes too (an object that arrived empty stays).
    return kept === 0 && keys.length > 0 ? REMOVE : out;
  }

  /**
   * The event's own names (`traits.name: "Hanako Kuroda"`, removed) where it keeps text
   * (`context.page.title: "Profile – Hanako Kuroda"`, `/users/hanako-kuroda`): redacted there
   * too, and the field's record says so. `out` is the transformed event (fresh objects only
   * below the keys walked here).
   */
  function redactEchoes(v: Visit, out: Record<string, unknown>, echoes: readonly Echo[]): void {
    const echo = createEchoFinder(echoes);
    if (echo === undefined) return;
    const visit = (value: unknown, at: PathNode<LeafMemoSlot>): unknown => {
      if (typeof value === 'string') {
        const spans = echo(value);
        if (spans.length === 0) return value;
        markEcho(v, at.path, spans[0]!.label === 'username' ? USERNAME : NAME);
        return redactSpans(value, spans);
      }
      if (value === null || typeof value !== 'object') return value;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) value[i] = visit(value[i], paths.child(at, i));
        return value;
      }
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) setKey(o, k, visit(o[k], paths.child(at, k)));
      return o;
    };
    for (const k of Object.keys(out)) {
      if (STRUCTURE_KEYS.has(k) || IDENTITY_KEYS.has(k) || TIMESTAMP_KEYS.has(k)) continue;
      setKey(out, k, visit(out[k], paths.child(paths.root(), k)));
    }
  }

  /** The record of `path` (its first) now says a name (`category`) was redacted in it. */
  function markEcho(v: Visit, path: string, category: Category): void {
    const i = v.records.findIndex((r) => r.path === path);
    if (i < 0) return;
    const r = v.records[i]!;
    if (r.kinds.includes(ECHO)) return;
    v.records[i] = {
      ...r,
      before: r.before.includes(category) ? r.before : [...r.before, category],
      outcome: r.outcome === 'passed' || r.outcome === 'truncated' ? 'redacted' : r.outcome,
      kinds: [...r.kinds, ECHO],
    };
  }

  function topLevel(v: Visit, key: string, value: unknown): Out {
    if (STRUCTURE_KEYS.has(key)) return value;
    if (TIMESTAMP_KEYS.has(key)) {
      if (
        policy.timestamp.bucket === 'none' ||
        (typeof value !== 'string' && typeof value !== 'number')
      )
        return value;
      return bucketTimestamp(value, policy.timestamp.bucket) ?? REMOVE;
    }
    if (IDENTITY_KEYS.has(key) && (typeof value === 'string' || typeof value === 'number')) {
      const id = policy.identity;
      const cat =
        key === 'anonymousId'
          ? 'user.device.cookie_id'
          : key === 'groupId'
            ? 'user.workplace'
            : 'user.unique_id';
      if (id.action === 'drop') {
        record(v, key, value, [cat], 'removed', null);
        return REMOVE;
      }
      if (id.action === 'keep') {
        record(v, key, value, [cat], 'passed', cat);
        return value;
      }
      record(v, key, value, [cat], 'pseudonymized', PSEUDONYMOUS);
      return pseudo.pseudonym(String(value), rotationFor(cat, key), v.now);
    }
    if (key === 'event' || key === 'name') {
      // Event and page names are labels: scanned as text (no field-name meaning at the top).
      return typeof value === 'string'
        ? scrub(v, key, value, deps.detector.field(value, '', ''), [], undefined)
        : value;
    }
    // A group call's traits are the organization's (Segment spec): `name` is the company's name,
    // `domain` its domain, so they are classified as an org's fields (workplace, pseudonymized),
    // not as a person's (`traits.name` of an identify call is dropped as a name). A page call's
    // properties are the page's (analytics.js copies `path`, `url`, `referrer`, `search` and
    // `title` into them), so they are read as `context.page`'s are: `properties.path` had its
    // ids kept.
    const as =
      key === 'traits' && v.shape === GROUP_CALL
        ? 'group_traits'
        : key === 'properties' && v.shape === PAGE_CALL
          ? 'page_properties'
          : key;
    return node(v, [key], paths.child(paths.root(), key), as, '', value, undefined);
  }

  return function transform(event: CanonicalEvent): Minimized | 'drop' {
    const name = typeof event.event === 'string' ? event.event : '';
    if (plan.dropsEvent(name)) return 'drop';
    const shape = event.type === 'group' ? GROUP_CALL : event.type === 'page' ? PAGE_CALL : PLAIN;
    const v: Visit = { event: name, shape, now: now(), records: [], echoes: undefined };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(event)) {
      const r = topLevel(v, k, (event as Record<string, unknown>)[k]);
      if (r !== REMOVE) setKey(out, k, r);
    }
    if (v.echoes !== undefined) redactEchoes(v, out, v.echoes);
    return { event: out as CanonicalEvent, records: v.records };
  };
}
