import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literalMap, parseLocated } from './json.js';
import { percentDecode } from './url.js';
import { decodeEntities } from './entity.js';
import { unescapeText } from './escape.js';
import { createSplice, type DecodedView } from './view.js';
import { base64Segments } from './base64.js';

/**
 * Seeded strings joined from `parts` (half of them after `prefix`): every unit `decode` yields
 * maps, in order, to source characters that `reads` as that unit, and the whole text to the
 * whole source.
 */
function checkUnitMaps(
  seed: number,
  parts: readonly string[],
  prefix: string,
  decode: (s: string) => DecodedView | undefined,
  reads: (piece: string, unit: string) => boolean,
): void {
  const rand = (k: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % k;
  for (let round = 0; round < 400; round++) {
    let src = rand(2) === 0 ? prefix : '';
    for (let k = 1 + rand(12); k > 0; k--) src += parts[rand(parts.length)];
    const v = decode(src);
    if (v === undefined) continue;
    let last = 0;
    for (let u = 0; u < v.text.length; u++) {
      const [a, b] = v.map(u, u + 1);
      assert.ok(a >= last && a < b && b <= src.length, `${src}: unit ${u} -> [${a}, ${b})`);
      last = a;
      const piece = src.slice(a, b);
      assert.ok(
        reads(piece, v.text[u]!),
        `${JSON.stringify(src)}: unit ${u} -> ${JSON.stringify(piece)}`,
      );
    }
    assert.deepEqual(v.map(0, v.text.length), [0, src.length]);
  }
}

test('parseLocated finds string literals and keeps __proto__ an own key', () => {
  const raw = '{"a":"x\\"y","__proto__":{"polluted":"yes"},"b":[1,"zz"]}';
  const loc = parseLocated(raw)!;
  const v = loc.value as Record<string, unknown>;
  assert.equal(v.a, 'x"y');
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
  const arr = v.b as unknown[];
  const lit = loc.literals.get(arr)!.get(1)!;
  assert.equal(raw.slice(lit.start, lit.end), 'zz');
  const a = loc.literals.get(v)!.get('a')!;
  const m = literalMap(raw, a);
  assert.equal(raw.slice(m[1]!, m[2]!), '\\"'); // decoded unit 1 is the escaped quote
  assert.equal(raw.slice(m[2]!, m[3]!), 'y');
});

test('parseLocated rejects invalid JSON, scalars and excessive depth', () => {
  assert.equal(parseLocated('{"a":}'), undefined);
  assert.equal(parseLocated('"just a string"'), undefined);
  assert.equal(parseLocated('12'), undefined);
  assert.equal(parseLocated('{"a":1} trailing'), undefined);
  assert.equal(parseLocated('['.repeat(100) + ']'.repeat(100)), undefined);
  assert.deepEqual(parseLocated(' [1, 2.5e3, true, null] ')!.value, [1, 2500, true, null]);
});

test('percentDecode maps decoded units to their %-sequences', () => {
  const src = 'u=bob%40ex.com&n=%E5%B1%B1%E7%94%B0';
  const v = percentDecode(src)!;
  assert.equal(v.text, 'u=bob@ex.com&n=山田');
  const at = v.text.indexOf('@');
  assert.equal(src.slice(...v.map(at, at + 1)), '%40');
  // Each character of a multi-byte run maps to its own bytes, not to the whole run.
  const yama = v.text.indexOf('山');
  assert.equal(src.slice(...v.map(yama, yama + 1)), '%E5%B1%B1');
  assert.equal(src.slice(...v.map(yama + 1, yama + 2)), '%E7%94%B0');
  assert.equal(src.slice(...v.map(yama, yama + 2)), '%E5%B1%B1%E7%94%B0');
  // A span that starts inside a run (after an encoded space) starts at its own character; an
  // astral character (two units) maps to its four bytes; a byte-order mark keeps its own three.
  const w = percentDecode('a=%20%E6%9D%B1%F0%9F%98%80%EF%BB%BFx')!;
  assert.equal(w.text, 'a= 東😀\uFEFFx');
  assert.equal('a=%20%E6%9D%B1%F0%9F%98%80%EF%BB%BFx'.slice(...w.map(3, 4)), '%E6%9D%B1');
  assert.equal('a=%20%E6%9D%B1%F0%9F%98%80%EF%BB%BFx'.slice(...w.map(4, 6)), '%F0%9F%98%80');
  assert.equal('a=%20%E6%9D%B1%F0%9F%98%80%EF%BB%BFx'.slice(...w.map(6, 8)), '%EF%BB%BFx');
  // An invalid run (a cut character) is kept as written, whole.
  assert.equal(percentDecode('a=%E6%9D%20%41 %41')!.text, 'a=%E6%9D%20%41 A');
  assert.equal(percentDecode('no escapes here 100%'), undefined);
  assert.equal(percentDecode('https://x.test/?q=a+b%21')!.text, 'https://x.test/?q=a b!');
  assert.equal(percentDecode('bob+tag@example.com'), undefined, '+ outside a query stays +');
  assert.equal(percentDecode('card=4111+1111&x=1')!.text, 'card=4111 1111&x=1');
  assert.equal(percentDecode('bad %ZZ'), undefined);
});

test('percentDecode maps every decoded unit back to the source characters that carry it', () => {
  // Seeded mixes of plain text, `+`, ASCII and multi-byte escapes, lone and invalid `%`.
  const parts = [
    'a',
    'Z9',
    '+',
    '%40',
    '%2B',
    '%E5%B1%B1',
    '%F0%9F%98%80',
    '%',
    '%ZZ',
    '%C3',
    '=',
    '&',
  ];
  checkUnitMaps(7, parts, 'https://x.test/p?', percentDecode, (piece, unit) => {
    try {
      return decodeURIComponent(piece.replace(/\+/g, ' ')).includes(unit) || piece.includes(unit);
    } catch {
      return piece.includes(unit); // a lone `%` or an invalid sequence stays as written
    }
  });
});

test('unescapeText decodes backslash-u, backslash-x and JSON escapes, maps each unit to its escape, and skips text with nothing hidden', () => {
  const src = String.raw`{"mail":"bob\u0040ex.com","url":"https:\/\/x.test\/a","n":"\u5c71\u7530\x21","q":"say \"hi\""`;
  const v = unescapeText(src)!;
  assert.equal(v.text, '{"mail":"bob@ex.com","url":"https://x.test/a","n":"山田!","q":"say "hi""');
  const at = v.text.indexOf('@');
  assert.equal(src.slice(...v.map(at, at + 1)), String.raw`\u0040`);
  const mail = v.text.indexOf('bob@ex.com');
  assert.equal(src.slice(...v.map(mail, mail + 10)), String.raw`bob\u0040ex.com`);
  const yama = v.text.indexOf('山田');
  assert.equal(src.slice(...v.map(yama, yama + 3)), String.raw`\u5c71\u7530\x21`);
  assert.equal(unescapeText('no escapes'), undefined);
  assert.equal(
    unescapeText(String.raw`only "quotes" and \n newlines`),
    undefined,
    'nothing hidden',
  );
  assert.equal(unescapeText(String.raw`bad \u00ZZ and \x4`), undefined);
  // An escaped backslash is one escape: `\\u0040` is a backslash, then the text `u0040`.
  assert.equal(unescapeText(String.raw`a\\u0040b \/`)!.text, String.raw`a\u0040b /`);
  // Surrogate pairs decode unit by unit.
  assert.equal(unescapeText(String.raw`\ud83d\ude00 \/`)!.text, '😀 /');
});

test('unescapeText maps every decoded unit back to the source characters that carry it', () => {
  const parts = [
    'a',
    'Z9',
    '@',
    String.raw`\u0040`,
    String.raw`\x2F`,
    String.raw`\/`,
    String.raw`\\`,
    String.raw`\"`,
    String.raw`\n`,
    String.raw`\u6771`,
    '\\',
    String.raw`\uZZ`,
    '"',
  ];
  checkUnitMaps(11, parts, '', unescapeText, (piece, unit) =>
    piece.length === 1
      ? piece === unit
      : JSON.parse(`"${piece.replace(/^\\x(..)$/, '\\u00$1')}"`) === unit,
  );
});

test('decodeEntities decodes numeric and a few named references, and skips text with nothing hidden', () => {
  const src = 'mail bob&#64;ex.com or ann&commat;ex&period;com &#x1F600; &amp; &bogus; &#xD800;';
  const v = decodeEntities(src)!;
  assert.equal(v.text, 'mail bob@ex.com or ann@ex.com 😀 & &bogus; &#xD800;');
  const at = v.text.indexOf('@');
  assert.equal(src.slice(...v.map(at, at + 1)), '&#64;');
  const ann = v.text.indexOf('ann@ex.com');
  assert.equal(src.slice(...v.map(ann, ann + 10)), 'ann&commat;ex&period;com');
  assert.equal(decodeEntities('Tom &amp; Jerry, a=1&b=2'), undefined, 'nothing hidden');
  assert.equal(decodeEntities('no references'), undefined);
});

test('decodeEntities maps every decoded unit back to the source characters that carry it', () => {
  const parts = [
    'a',
    'Z9',
    '&',
    ';',
    '#',
    '&#64;',
    '&#x2F;',
    '&commat;',
    '&amp;',
    '&lt;',
    '&#128512;',
    '&#0;',
    '&nope;',
  ];
  const named: Record<string, string> = { '&commat;': '@', '&amp;': '&', '&lt;': '<' };
  checkUnitMaps(13, parts, 'x&#64;', decodeEntities, (piece, unit) => {
    if (piece.length === 1) return piece === unit;
    const m = /^&#(x?)([0-9A-Fa-f]+);$/.exec(piece);
    const whole = m ? String.fromCodePoint(parseInt(m[2]!, m[1] ? 16 : 10)) : named[piece];
    return whole !== undefined && whole.includes(unit);
  });
});

test('decodeEntities reads only well-formed references: digit limits, hex case, names of 2-6 letters', () => {
  const src =
    '&#X40; &#x; &#; &#12345678; &#0000064; &#x0000040; &#xFFFFFFF; &toolongname; &a; &SOL; &sol';
  const v = decodeEntities(src)!;
  assert.equal(
    v.text,
    '@ &#x; &#; &#12345678; @ &#x0000040; &#xFFFFFFF; &toolongname; &a; &SOL; &sol',
  );
  const second = v.text.indexOf('@', 1);
  assert.equal(src.slice(...v.map(second, second + 1)), '&#0000064;');
});

test('splices are built one at a time: starting another before the first ends is an error', () => {
  const a = createSplice('abc');
  a.replaceUnit(0, 1, 65);
  const b = createSplice('xyz');
  b.replace(1, 2, 'Y');
  assert.equal(b.view().text, 'xYz');
  assert.throws(() => a.view(), /another splice started/);
});

test('a splice longer than the shared buffer grows it and keeps earlier units', () => {
  const src = 'x'.repeat(10_000);
  const s = createSplice(src);
  s.replace(0, 1, 'é'.repeat(20_000));
  s.replaceUnits(5_000, 5_003, [65, 66, 67], 3, 1);
  const v = s.view();
  assert.equal(v.text, 'é'.repeat(20_000) + 'x'.repeat(4_999) + 'ABC' + 'x'.repeat(4_997));
  const b = v.text.indexOf('B');
  assert.deepEqual(v.map(b, b + 1), [5_001, 5_002]);
});

test('base64Segments decodes readable text and skips binary and hex', () => {
  const payload = Buffer.from('{"email":"bob@example.com"}').toString('base64');
  const src = `https://x.test/?d=${payload}&z=1`;
  const views = base64Segments(src);
  assert.equal(views.length, 1);
  assert.equal(views[0]!.text, '{"email":"bob@example.com"}');
  const [s] = views[0]!.map(0, 1);
  assert.equal(src.slice(s, s + 4), payload.slice(0, 4));
  assert.deepEqual(base64Segments('3f2a9c1e8b7d6f5a4c3b2a1908f7e6d5c4b3a291'), []);
  assert.deepEqual(
    base64Segments(
      Buffer.from([0, 1, 2, 250, 251, 252, 7, 8, 9, 10, 11, 12, 13]).toString('base64') + 'AAAA',
    ),
    [],
  );
});

test('base64Segments maps non-ASCII text to the groups of each span, not the whole segment', () => {
  const text = '{"msg":"電話番号は090-1234-5678です 🙂 ok"}';
  const payload = Buffer.from(text).toString('base64');
  const [view] = base64Segments(`d=${payload}`);
  assert.equal(view!.text, text);
  const at = text.indexOf('090');
  const [s, e] = view!.map(at, at + 13);
  assert.ok(e - s < payload.length / 2, 'a span maps to its own groups');
  // The groups hold exactly the span's bytes, with at most two bytes either side.
  const bytes = Buffer.from(`d=${payload}`.slice(s, e), 'base64');
  const decoded = bytes.toString('latin1');
  assert.ok(decoded.includes('090-1234-5678'));
  assert.ok(bytes.length <= Buffer.byteLength('090-1234-5678') + 4);
  // After the 4-byte emoji the offsets still line up.
  const ok = text.indexOf('ok');
  const [s2, e2] = view!.map(ok, ok + 2);
  assert.ok(Buffer.from(`d=${payload}`.slice(s2, e2), 'base64').toString('latin1').includes('ok'));
});
