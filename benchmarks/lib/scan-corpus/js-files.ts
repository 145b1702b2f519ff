/** Whole JavaScript/TypeScript files: header, filler, and SDK or wrapper call sites among it. */
import { jsFiller, jsStatement } from './js-filler.js';
import { BROWSER, NODE, jsProps } from './js-sdk.js';
import { type Out, ind } from './out.js';
import { EVENTS, NOUNS, VERBS, cap } from './vocabulary.js';

/** A function (or a component's handler) around SDK or wrapper calls. */
function sdkFunction(o: Out, calls: (ev: string) => string[]): string[] {
  const { p } = o;
  const ev = p.one(EVENTS);
  const body = [...jsStatement(o, 'order.items'), ...calls(ev)];
  const args = o.ts ? 'user: User, account: Account, order: Order' : 'user, account, order';
  const name = `on${ev.replace(/ /g, '')}`;
  if (o.jsx && p.chance(0.5))
    return [
      '',
      `export function ${ev.replace(/ /g, '')}Button({ user, account, order }${o.ts ? ': { user: User; account: Account; order: Order }' : ''}) {`,
      `  const handleClick = useCallback(() => {`,
      ...ind(body, 2),
      `  }, [user, account, order]);`,
      `  return <Button onClick={handleClick}>${ev}</Button>;`,
      `}`,
    ];
  return ['', `export function ${name}(${args}) {`, ...ind(body), '}'];
}

function jsHeader(o: Out, extra: readonly string[]): string[] {
  const { p } = o;
  const lines = o.jsx ? ["import { useCallback, useEffect, useMemo, useState } from 'react';"] : [];
  if (o.ts) lines.push(`import type { Account, HttpClient, Order, User } from '../types';`);
  for (const v of p.some(VERBS, 0, 3))
    lines.push(`import { ${v}${cap(p.one(NOUNS))} } from '../utils/${v}';`);
  return [
    ...lines,
    ...extra,
    '',
    `const RELEASE = '${p.int(1, 9)}.${p.int(0, 40)}.${p.int(0, 9)}';`,
  ];
}

/** Body lines until `target`, with `special` chunks placed among the filler. */
function body(o: Out, target: number, special: readonly string[][]): string[] {
  const lines: string[] = [];
  const at = new Set(special.map(() => o.p.int(0, Math.max(1, Math.floor(target / 25)))));
  let i = 0;
  let next = 0;
  while (lines.length < target || next < special.length) {
    if (at.has(i) && next < special.length) lines.push(...special[next++]!);
    else if (lines.length >= target) lines.push(...special[next++]!);
    else lines.push(...jsFiller(o));
    i++;
  }
  return lines;
}

/** A file of one role; its lines. */
export function jsFile(o: Out, role: string, wrapperSpec: string): string[] {
  const { p } = o;
  const target = p.lines();
  if (role === 'plain') {
    const decoy = p.chance(0.03)
      ? [
          [
            '',
            '// Usage analytics for this screen are computed server-side.',
            'const analytics = summarize(RELEASE);',
            'void analytics;',
          ],
        ]
      : [];
    return [...jsHeader(o, []), ...body(o, target, decoy)];
  }
  if (role === 'wrapper-caller') {
    const sites = p.int(1, 6);
    o.sites.js += sites;
    const chunks = Array.from({ length: sites }, () =>
      sdkFunction(o, (ev) => {
        if (p.chance(0.2)) return [`identify(user.id, { email: user.email, plan: account.plan });`];
        const { pre, expr } = jsProps(o);
        return [...pre, `track('${ev}', ${expr});`];
      }),
    );
    return [
      ...jsHeader(o, [`import { identify, track } from '${wrapperSpec}';`]),
      ...body(o, target, chunks),
    ];
  }
  const vendors = p.some(Object.keys(BROWSER), 1, 2);
  const imports = vendors.flatMap((v) => BROWSER[v]!.imports);
  const chunks = Array.from({ length: p.int(1, 5) }, () =>
    sdkFunction(o, (ev) => BROWSER[p.one(vendors)]!.call(o, ev)),
  );
  return [...jsHeader(o, imports), ...body(o, target, chunks)];
}
/** A Node file calling one or two server SDKs; its lines. */
export function nodeFile(o: Out): string[] {
  const { p } = o;
  const vendors = p.some(Object.keys(NODE), 1, 2);
  const imports = vendors.flatMap((v) => NODE[v]!.imports);
  const chunks = Array.from({ length: p.int(1, 4) }, () =>
    sdkFunction(o, (ev) => NODE[p.one(vendors)]!.call(o, ev)),
  );
  return [...jsHeader(o, imports), ...body(o, p.lines(), chunks)];
}
