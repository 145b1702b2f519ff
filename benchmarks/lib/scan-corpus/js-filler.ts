/** JavaScript/TypeScript filler: functions, classes, types and components that name no SDK. */
import { type Out, ann, ind } from './out.js';
import { FIELDS, MORE_VERBS, NOUNS, VERBS, cap } from './vocabulary.js';

/** One statement over the array expression `list`; its lines. */
export function jsStatement(o: Out, list: string): string[] {
  const { p } = o;
  const f = p.one(FIELDS);
  const n = p.one(NOUNS);
  switch (p.int(0, 6)) {
    case 0:
      return [`const ${n}s = ${list}.filter((it) => it.${f} !== '${p.one(VERBS)}');`];
    case 1:
      return [
        `const byId = new Map(${list}.map((it) => [it.id, { ...it, ${f}: it.${f} ?? ${p.int(0, 99)} }]));`,
      ];
    case 2:
      return [`let sum = 0;`, `for (const it of ${list}) {`, `  sum += it.${f} ?? 0;`, `}`];
    case 3:
      return [
        `if (${list}.length > ${p.int(2, 500)}) {`,
        `  console.warn(\`${n}: \${${list}.length} rows\`);`,
        `}`,
      ];
    case 4:
      return [`const { ${f}, ${p.one(FIELDS)}: other } = ${list}[0] ?? {};`, `void other;`];
    case 5:
      return [
        `switch (${list}[0]?.status) {`,
        `  case '${p.one(VERBS)}':`,
        `    ${list}.sort((a, b) => a.${f} - b.${f});`,
        `    break;`,
        `  default:`,
        `    ${list}.reverse();`,
        `}`,
      ];
    default:
      return [
        `const label = \`\${${list}.length} ${n}s, ${p.one(VERBS)}ed at \${new Date().toISOString()}\`;`,
      ];
  }
}

function jsFunction(o: Out): string[] {
  const { p } = o;
  const n = p.one(NOUNS);
  const name = `${p.one([...VERBS, ...MORE_VERBS])}${cap(n)}s`;
  const body: string[] = [];
  for (let i = p.int(2, 7); i > 0; i--) body.push(...jsStatement(o, 'rows'));
  if (p.chance(0.4))
    return [
      `export async function ${name}(client${ann(o, 'HttpClient')}, id${ann(o, 'string')}) {`,
      `  const res = await client.get(\`/api/${n}s/\${id}\`);`,
      `  if (!res.ok) throw new Error(\`${name} failed: \${res.status}\`);`,
      `  const rows${ann(o, `${cap(n)}[]`)} = (await res.json()).items;`,
      ...ind(body),
      `  return rows;`,
      `}`,
    ];
  return [
    `/** ${cap(name)} for display. */`,
    `export function ${name}(rows${ann(o, `${cap(n)}[]`)}) {`,
    ...ind(body),
    `  return rows;`,
    `}`,
  ];
}

function jsType(o: Out): string[] {
  const n = cap(o.p.one(NOUNS));
  const fields = o.p
    .some(FIELDS, 3, 8)
    .map(
      (f) =>
        `  ${f}${o.p.chance(0.3) ? '?' : ''}: ${f === 'count' || f === 'total' ? 'number' : 'string'};`,
    );
  return [`export interface ${n}${o.p.one(['', 'Row', 'Props', 'State'])} {`, ...fields, '}'];
}

function jsClass(o: Out): string[] {
  const n = cap(o.p.one(NOUNS));
  const methods: string[] = [];
  for (let i = o.p.int(2, 5); i > 0; i--) {
    const v = o.p.one(MORE_VERBS);
    methods.push(
      '',
      `  async ${v}(id${ann(o, 'string')}) {`,
      `    const cached = this.cache.get(id);`,
      `    if (cached) return cached;`,
    );
    methods.push(`    const rows = await this.http.get(\`/api/${n.toLowerCase()}s/\${id}/${v}\`);`);
    methods.push(
      ...ind(jsStatement(o, 'rows'), 2),
      `    this.cache.set(id, rows);`,
      `    return rows;`,
      `  }`,
    );
  }
  const field = o.ts
    ? '  private readonly cache = new Map<string, unknown>();'
    : '  cache = new Map();';
  const ctor = o.ts
    ? '  constructor(private readonly http: HttpClient) {}'
    : '  constructor(http) {\n    this.http = http;\n  }';
  return [`export class ${n}Service {`, field, '', ctor, ...methods, '}'];
}

function jsComponent(o: Out): string[] {
  const { p } = o;
  const n = cap(p.one(NOUNS));
  const f = p.one(FIELDS);
  const props = o.ts ? `: { items: ${n}[]; title: string; onSelect(id: string): void }` : '';
  return [
    `export function ${n}${p.one(['List', 'Panel', 'Table', 'Card'])}({ items, title, onSelect }${props}) {`,
    `  const [open, setOpen] = useState(false);`,
    `  const visible = useMemo(() => items.filter((it) => it.${f} !== undefined), [items]);`,
    `  useEffect(() => {`,
    ...ind(jsStatement(o, 'visible'), 2),
    `  }, [visible]);`,
    `  return (`,
    `    <section className="${n.toLowerCase()}-${p.one(['list', 'panel'])}">`,
    `      <h2 onClick={() => setOpen(!open)}>{title}</h2>`,
    `      {open && visible.map((it) => (`,
    `        <${n}Row key={it.id} item={it} onClick={() => onSelect(it.id)} />`,
    `      ))}`,
    `      <p className="muted">{visible.length} of {items.length}</p>`,
    `    </section>`,
    `  );`,
    `}`,
  ];
}

function jsConstants(o: Out): string[] {
  const n = o.p.one(NOUNS).toUpperCase();
  const rows = o.p.some(VERBS, 3, 9).map((v) => `  ${v}: '${cap(v)} ${n.toLowerCase()}',`);
  return [`export const ${n}_LABELS${ann(o, 'Record<string, string>')} = {`, ...rows, '};'];
}

/** Filler: code that names no SDK. */
export function jsFiller(o: Out): string[] {
  const kinds = [
    jsFunction,
    jsFunction,
    jsClass,
    jsConstants,
    ...(o.ts ? [jsType] : []),
    ...(o.jsx ? [jsComponent, jsComponent] : []),
  ];
  return ['', ...o.p.one(kinds)(o)];
}
