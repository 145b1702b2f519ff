/**
 * Kubernetes `Secret` manifests: the values under `data:` (base64) and `stringData:` (plain) of a
 * YAML or JSON object whose `kind` is `Secret`, and `kubectl create secret … --from-literal=k=v`.
 * The manifest is one string (a pasted file, a log line, `kubectl get secret -o yaml` output), so
 * the finder reads its structure around the `kind: Secret` hit, within fixed bounds.
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { isPlaceholderPassword } from './helpers.js';

/** Characters looked at before and after a `kind: Secret` hit. */
const BEFORE = 8192;
const AFTER = 8192;
/** Values reported per `data:` / `stringData:` block, and the longest value reported. */
const MAX_ENTRIES = 64;
const MAX_VALUE = 8192;

/** True at a line break: a real `\n`, or an escaped `\n` (backslash, n) in double-encoded text. */
function breakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 10) return 1;
  if (c === 92 && text.charCodeAt(i + 1) === 110) return 2;
  return 0;
}

/** Start of the line holding `pos` (not before `min`). */
function lineStart(text: string, pos: number, min: number): number {
  for (let i = pos - 1; i >= min; i--) {
    if (text.charCodeAt(i) === 10) return i + 1;
    if (text.charCodeAt(i) === 110 && i > 0 && text.charCodeAt(i - 1) === 92) return i + 1;
  }
  return min;
}

/** Index of the line break ending the line that starts at `pos` (or `max`). */
function lineEnd(text: string, pos: number, max: number): number {
  for (let i = pos; i < max; i++) if (breakAt(text, i) > 0) return i;
  return max;
}

/** One YAML line: where its key starts (after indentation and a `- ` list marker). */
interface Line {
  readonly start: number;
  /** Index of the line break after the line (or the range end). */
  readonly end: number;
  /** Column of the first character after indentation and list markers; -1 for blank / comment lines. */
  readonly col: number;
  /** The line starts a list item (`- key: …`). */
  readonly item: boolean;
}

function readLine(text: string, start: number, max: number): Line {
  let end = lineEnd(text, start, max);
  // `\r\n` line ends, real or escaped.
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  else if (end - 2 >= start && text.charCodeAt(end - 2) === 92 && text.charCodeAt(end - 1) === 114)
    end -= 2;
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  let item = false;
  while (i + 1 < end && text.charCodeAt(i) === 45 && text.charCodeAt(i + 1) === 32) {
    item = true;
    i += 2;
    while (i < end && text.charCodeAt(i) === 32) i++;
  }
  const blank = i >= end || text.charCodeAt(i) === 35; // empty or `# comment`
  return { start, end, col: blank ? -1 : i - start, item };
}

/** The line after the one ending at `end`, or undefined at `max`. */
function nextLine(text: string, line: Line, max: number): Line | undefined {
  let at = line.end;
  if (at >= max) return undefined;
  if (text.charCodeAt(at) === 13) at++;
  else if (text.charCodeAt(at) === 92 && text.charCodeAt(at + 1) === 114) at += 2;
  const step = breakAt(text, at);
  if (step === 0) return undefined;
  return at + step >= max ? undefined : readLine(text, at + step, max);
}

function prevLine(text: string, line: Line, min: number): Line | undefined {
  let at = line.start;
  if (at <= min) return undefined;
  // Step back over the break before `line`.
  at -= text.charCodeAt(at - 1) === 10 ? 1 : 2;
  if (at > min && text.charCodeAt(at - 1) === 13) at--;
  else if (at - 2 >= min && text.charCodeAt(at - 2) === 92 && text.charCodeAt(at - 1) === 114)
    at -= 2;
  if (at < min) return undefined;
  return readLine(text, lineStart(text, at, min), at + 2 > text.length ? text.length : at + 2);
}

/** `---` / `...`: a YAML document boundary. */
function isDocumentBoundary(text: string, line: Line): boolean {
  const s = text.slice(line.start, Math.min(line.end, line.start + 3));
  return line.col === 0 && (s === '---' || s === '...');
}

const BLOCK_KEY = /(data|stringData)[ \t]{0,4}:[ \t]{0,4}(?:#.{0,200})?$/y;
const ENTRY =
  /(?:[A-Za-z0-9_.-]{1,253}|"[A-Za-z0-9_.-]{1,253}"|'[A-Za-z0-9_.-]{1,253}')[ \t]{0,4}:(?:[ \t]{1,8}|$)/y;

/** The key of a line (`data`, `stringData`) when it opens a block mapping. */
function blockKey(text: string, line: Line): 'data' | 'stringData' | undefined {
  if (line.col < 0) return undefined;
  BLOCK_KEY.lastIndex = line.start + line.col;
  const m = BLOCK_KEY.exec(text.slice(0, line.end));
  return m === null ? undefined : (m[1] as 'data' | 'stringData');
}

const BASE64_VALUE = /^[A-Za-z0-9+/]{4,8192}={0,2}$/;

/**
 * A `data:` value: canonical-length base64 of at least 6 bytes that does not decode to a
 * placeholder (`password`, `changeme`, `${VAR}`).
 */
function isDataValue(value: string): boolean {
  if (value.length < 8 || value.length % 4 !== 0 || !BASE64_VALUE.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1').trim();
  return decoded.length >= 4 && !isPlaceholderPassword(decoded);
}

/** A `stringData:` / `--from-literal` value: 4+ characters, not a placeholder or template. */
function isStringValue(value: string): boolean {
  return value.length >= 4 && !isPlaceholderPassword(value) && !/\{\{|\$\{|\$\(/.test(value);
}

/** Strip quotes (`"…"`, `'…'`, escaped `\"…\"`) and, for plain scalars, a trailing comment. */
function scalar(text: string, start: number, end: number): [number, number] {
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  const first = text[start];
  const line = text.slice(start, end);
  if (first === '"' || first === "'") {
    const close = line.indexOf(first, 1);
    return close > 0 ? [start + 1, start + close] : [start, start];
  }
  if (first === '\\' && text[start + 1] === '"') {
    const close = line.indexOf('\\"', 2);
    return close > 0 ? [start + 2, start + close] : [start, start];
  }
  const hash = text.slice(start, end).indexOf(' #');
  if (hash >= 0) end = start + hash;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return [start, end];
}

/** Values of the block mapping opened by `open` (a `data:` / `stringData:` line). */
function blockValues(
  text: string,
  open: Line,
  kind: 'data' | 'stringData',
  max: number,
  out: Candidate[],
): void {
  let childCol = -1;
  let entries = 0;
  for (let line = nextLine(text, open, max); line !== undefined;) {
    if (line.col < 0) {
      line = nextLine(text, line, max);
      continue;
    }
    if (line.col <= open.col || line.item || isDocumentBoundary(text, line)) return;
    if (childCol < 0) childCol = line.col;
    if (line.col !== childCol || ++entries > MAX_ENTRIES) return;
    ENTRY.lastIndex = line.start + line.col;
    const m = ENTRY.exec(text.slice(0, line.end));
    if (m === null) return;
    const at = ENTRY.lastIndex;
    const rest = text.slice(at, line.end);
    let next = nextLine(text, line, max);
    if (/^[|>][-+]?[ \t]{0,4}$/.test(rest)) {
      // Block scalar: the more-indented lines after the key.
      let first: Line | undefined;
      let last: Line | undefined;
      while (next !== undefined && (next.col < 0 || next.col > childCol)) {
        if (next.col >= 0) {
          first ??= next;
          last = next;
        }
        next = nextLine(text, next, max);
      }
      if (first !== undefined && last !== undefined && last.end - first.start <= MAX_VALUE) {
        const start = first.start + first.col;
        const value = text.slice(start, last.end);
        const ok =
          kind === 'data' ? isDataValue(value.replace(/\s|\\n/g, '')) : isStringValue(value);
        if (ok) out.push({ start, end: last.end });
      }
    } else {
      const [start, end] = scalar(text, at, line.end);
      const value = text.slice(start, end);
      if (end - start <= MAX_VALUE && (kind === 'data' ? isDataValue(value) : isStringValue(value)))
        out.push({ start, end });
    }
    line = next;
  }
}

/**
 * The YAML mapping holding `kind: Secret` at `hit`: its sibling `data:` / `stringData:` blocks,
 * whether they come before `kind` (`kubectl get -o yaml` sorts keys: `data` first) or after it.
 * The mapping ends at a shallower line, a new list item at its level, or a `---` boundary. When
 * other text precedes `kind:` on its line, the mapping starts there (nothing before it is read).
 */
function yamlValues(text: string, hit: Hit, out: Candidate[]): void {
  const min = Math.max(0, hit.start - BEFORE);
  const max = Math.min(text.length, hit.end + AFTER);
  let kindLine = readLine(text, lineStart(text, hit.start, min), max);
  // Text before `kind:` on its line ("Note: kind: Secret⏎data:…", a manifest pasted after a
  // prompt): the manifest starts at the hit, a top-level mapping whose keys follow at column 0.
  if (kindLine.start + kindLine.col !== hit.start) kindLine = { ...kindLine, col: 0, item: true };
  const col = kindLine.col;
  // A second `kind: Secret` in a mapping already walked (a value built of repeated keys) adds
  // nothing: skip it, so repeated keys cost linear time.
  const memo = yamlMemo;
  if (memo?.text === text && hit.start > memo.last) {
    memo.last = hit.start;
    if (hit.start >= memo.from && hit.start < memo.to && col === memo.col) return;
  }
  const visit = (line: Line): void => {
    if (line.col !== col) return;
    const key = blockKey(text, line);
    if (key !== undefined) blockValues(text, line, key, max, out);
  };
  let first = kindLine;
  if (!kindLine.item) {
    for (let line = prevLine(text, kindLine, min); line !== undefined;) {
      if (isDocumentBoundary(text, line) || (line.col >= 0 && line.col < col)) break;
      visit(line);
      first = line;
      if (line.col === col && line.item) break;
      line = prevLine(text, line, min);
    }
  }
  let last = kindLine;
  for (let line = nextLine(text, kindLine, max); line !== undefined;) {
    if (isDocumentBoundary(text, line) || (line.col >= 0 && line.col < col)) break;
    if (line.col === col && line.item) break;
    visit(line);
    last = line;
    line = nextLine(text, line, max);
  }
  yamlMemo = { text, last: hit.start, from: first.start, to: last.end, col };
}

/** The mapping the last YAML hit walked (see `yamlValues`). */
let yamlMemo: { text: string; last: number; from: number; to: number; col: number } | undefined;

const JSON_BLOCK = /(\\{0,2})"(data|stringData)\\{0,2}"[ \t\r\n]{0,8}:[ \t\r\n]{0,8}\{/g;
/** Keys that start another object of a list (`"kind"`, `"apiVersion"`), or `},{` between list items. */
const JSON_OTHER_OBJECT =
  /"(?:kind|apiVersion)\\{0,2}"[ \t\r\n]{0,8}:|\}[ \t\r\n]{0,8},[ \t\r\n]{0,8}\{/g;

/** The `"key":"value"` pairs of a JSON object whose `{` is at `open`. */
function jsonValues(
  text: string,
  open: number,
  kind: 'data' | 'stringData',
  escaped: boolean,
  out: Candidate[],
): void {
  const pair = escaped ? ESCAPED_PAIR : PAIR;
  pair.lastIndex = open + 1;
  for (let i = 0; i < MAX_ENTRIES; i++) {
    const m = pair.exec(text);
    if (m === null) return;
    const [start, end] = m.indices![1]!;
    const value = m[1]!;
    if (kind === 'data' ? isDataValue(value) : isStringValue(value)) out.push({ start, end });
    if (m[2] === '}') return;
  }
}

function pairPattern(q: string): RegExp {
  return new RegExp(
    `[ \\t\\r\\n]{0,16}${q}[A-Za-z0-9_.-]{1,253}${q}[ \\t\\r\\n]{0,8}:[ \\t\\r\\n]{0,8}${q}([^"\\\\]{0,${MAX_VALUE}})${q}[ \\t\\r\\n]{0,8}(?:,|(\\}))`,
    'dy',
  );
}
const PAIR = pairPattern('"');
const ESCAPED_PAIR = pairPattern('\\\\{1,2}"');

/** Positions in one text, found once per scan: `data` / `stringData` objects and object markers. */
interface JsonIndex {
  readonly text: string;
  /** Start of the hit that built the index; a later scan of the same text starts at or before it. */
  last: number;
  /** (start of key, index of `{`, escaped 0/1, stringData 0/1) per object, in text order. */
  readonly blocks: number[];
  readonly markers: number[];
}

let jsonIndex: JsonIndex | undefined;

function indexJson(text: string, hitStart: number): JsonIndex {
  if (jsonIndex !== undefined && jsonIndex.text === text && hitStart > jsonIndex.last) {
    jsonIndex.last = hitStart;
    return jsonIndex;
  }
  const blocks: number[] = [];
  const markers: number[] = [];
  JSON_BLOCK.lastIndex = 0;
  for (let m = JSON_BLOCK.exec(text); m !== null; m = JSON_BLOCK.exec(text))
    blocks.push(
      m.index,
      m.index + m[0].length - 1,
      m[1]!.length > 0 ? 1 : 0,
      m[2] === 'data' ? 0 : 1,
    );
  JSON_OTHER_OBJECT.lastIndex = 0;
  for (let m = JSON_OTHER_OBJECT.exec(text); m !== null; m = JSON_OTHER_OBJECT.exec(text))
    markers.push(m.index);
  jsonIndex = { text, last: hitStart, blocks, markers };
  return jsonIndex;
}

/** Index of the first element of `sorted` (stride `stride`) that is >= `x`. */
function lowerBound(sorted: readonly number[], x: number, stride: number): number {
  let lo = 0;
  let hi = sorted.length / stride;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid * stride]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The `"data"` / `"stringData"` objects of the JSON object holding `"kind":"Secret"` at `hit`:
 * those before and after it (within 8 KB) with no other object's `kind` / `apiVersion` key, and
 * no `},{` between list items, in between.
 */
function jsonObjectValues(text: string, hit: Hit, out: Candidate[]): void {
  const { blocks, markers } = indexJson(text, hit.start);
  // The nearest markers on each side bound the object (the hit's own `"kind"` is one of them).
  const m = lowerBound(markers, hit.start, 1);
  const from = Math.max(m > 0 ? markers[m - 1]! : 0, hit.start - BEFORE);
  const a = lowerBound(markers, hit.end, 1);
  const to = Math.min(a < markers.length ? markers[a]! : text.length, hit.end + AFTER);
  for (let b = lowerBound(blocks, from, 4); b * 4 < blocks.length; b++) {
    const at = blocks[b * 4]!;
    if (at >= to) break;
    const kind = blocks[b * 4 + 3] === 0 ? 'data' : 'stringData';
    jsonValues(text, blocks[b * 4 + 1]!, kind, blocks[b * 4 + 2] === 1, out);
  }
}

const FROM_LITERAL =
  /--from-literal=([A-Za-z0-9_.-]{1,253})=(?:"([^"\s]{1,1024})"|'([^'\s]{1,1024})'|([^\s"']{1,1024}))/dy;

/** `kubectl create secret generic NAME --from-literal=key=value`: the value. */
function fromLiteral(text: string, hit: Hit, out: Candidate[]): void {
  // `create secret` earlier on the same line, within 512 characters (native searches only: a
  // value of repeated `--from-literal=` must not cost a scan of its line per hit).
  const before = text.slice(Math.max(0, hit.start - 512), hit.start);
  const at = before.lastIndexOf('secret');
  if (at < 0 || !/create[ \t]{1,4}$/.test(before.slice(Math.max(0, at - 11), at))) return;
  if (before.indexOf('\n', at) >= 0) return;
  FROM_LITERAL.lastIndex = hit.start;
  const m = FROM_LITERAL.exec(text);
  if (m === null) return;
  const g = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
  const [start, end] = m.indices![g]!;
  if (isStringValue(text.slice(start, end))) out.push({ start, end });
}

/**
 * Finds the values of a Kubernetes Secret around a `kind: Secret` hit (YAML or JSON, in either
 * key order) or a `kubectl create secret --from-literal=` hit. Looks at most 8 KB on each side.
 */
export function findKubernetesSecretValues(text: string, hit: Hit): Candidate[] | undefined {
  const out: Candidate[] = [];
  if (hit.keyword === '--from-literal=') {
    fromLiteral(text, hit, out);
    return out;
  }
  // `Secret` exactly, as a whole word (not `SecretProviderClass`, not prose "kind: secret").
  const word = hit.start + text.slice(hit.start, hit.end).indexOf('Secret');
  if (word < hit.start || /[A-Za-z0-9_]/.test(text[word + 6] ?? '')) return undefined;
  const before = text[hit.start - 1] ?? ' ';
  if (/[A-Za-z0-9_]/.test(before) && !(before === 'n' && text[hit.start - 2] === '\\'))
    return undefined;
  if (text[hit.start] === '"' || text[hit.start] === '\\') jsonObjectValues(text, hit, out);
  else yamlValues(text, hit, out);
  return out;
}

/** Kubernetes Secret manifests. */
export const manifestRules: readonly Rule[] = [
  {
    id: 'kubernetes_secret',
    category: 'system.authentication',
    description:
      'Values of a Kubernetes Secret: each data: (base64) and stringData: value of a YAML or JSON object with kind: Secret, in either key order, and kubectl create secret --from-literal=key=value.',
    keywords: [
      'kind: secret',
      'kind: "secret"',
      "kind: 'secret'",
      '"kind":"secret"',
      '"kind": "secret"',
      '\\"kind\\":\\"secret\\"',
      '--from-literal=',
    ],
    find: findKubernetesSecretValues,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-api\n  namespace: prod\ntype: Opaque\ndata:\n  webhook-signing: WHE3dkxwMlJtOUt0WjR3Qm44WWNkM0ZoVTZq\n',
          match: 'WHE3dkxwMlJtOUt0WjR3Qm44WWNkM0ZoVTZq',
        },
        {
          text: 'kind: Secret\ndata:\n  db-user: YmlsbGluZ19hcHA=\nimmutable: true\n',
          match: 'YmlsbGluZ19hcHA=',
        },
        {
          text: 'apiVersion: v1\ndata:\n  api-credential: bTR4UTl2Tjd0UjJ3WThwSzNjTDZo\nkind: Secret\nmetadata:\n  creationTimestamp: "2024-06-01T12:00:00Z"\n  name: crm-sync\ntype: Opaque\n',
          match: 'bTR4UTl2Tjd0UjJ3WThwSzNjTDZo',
        },
        {
          text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\nstringData:\n  relay-login: "Hq3n-Zr8v-Tk2m"\n',
          match: 'Hq3n-Zr8v-Tk2m',
        },
        {
          text: '{"apiVersion":"v1","data":{"signing-seed":"cDJWa0x4OW1RN3JUNHpOMWJIOGM="},"kind":"Secret","metadata":{"name":"jobs"},"type":"Opaque"}',
          match: 'cDJWa0x4OW1RN3JUNHpOMWJIOGM=',
        },
        {
          text: 'items:\n- apiVersion: v1\n  kind: Secret\n  data:\n    seed: Wm1Sd1lYTnpkMjl5WkRFeU13PT0=\n- apiVersion: v1\n  kind: ConfigMap\n  data:\n    level: debug\n',
          match: 'Wm1Sd1lYTnpkMjl5WkRFeU13PT0=',
        },
        {
          text: 'kubectl create secret generic crm-sync --from-literal=sync-credential=Pq7mXv2LkR9t --namespace prod',
          match: 'Pq7mXv2LkR9t',
        },
        'log: apiVersion: v1\\nkind: Secret\\ndata:\\n  seed: Wm1Sd1lYTnpkMjl5WkRFeU13PT0=\\n',
        {
          text: 'Note to self: kind: Secret\ndata:\n  seed: Wm1Sd1lYTnpkMjl5WkRFeU13PT0=\n',
          match: 'Wm1Sd1lYTnpkMjl5WkRFeU13PT0=',
        },
      ],
      negative: [
        'apiVersion: v1\nkind: ConfigMap\ndata:\n  seed: Wm1Sd1lYTnpkMjl5WkRFeU13PT0=\n',
        'which kind: Secret or ConfigMap?\n  data: Wm1Sd1lYTnpkMjl5WkRFeU13PT0=\n',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  password: cGFzc3dvcmQ=\n  token: {{ .Values.token | b64enc }}\n',
        'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nspec:\n  parameters:\n    data: Wm1Sd1lYTnpkMjl5WkRFeU13PT0=\n',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  seed: Wm1Sd1lYTnpkMjl5WkRFeU13PT0=\n',
        '{"items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"}},{"apiVersion":"v1","data":{"seed":"Wm1Sd1lYTnpkMjl5WkRFeU13PT0="},"kind":"ConfigMap"}]}',
        'kubectl create configmap app --from-literal=level=Pq7mXv2LkR9t',
        'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    seed: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq\n',
      ],
    },
  },
];
