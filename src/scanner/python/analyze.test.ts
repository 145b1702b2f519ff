import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AnalyzeContext, FileAnalysis } from '../core/front.js';
import { createRegistry, type Ref } from '../core/registry.js';
import { VENDORS } from '../vendors/index.js';
import { createPythonFrontEnd } from './analyze.js';

const front = createPythonFrontEnd();
const registry = createRegistry(VENDORS, 'python');

function analyze(
  text: string,
  wrapper: AnalyzeContext['wrapper'] = () => undefined,
  path = 'app.py',
): FileAnalysis {
  return front.analyze({ path, text }, { registry, wrapper });
}

/** `call@line` of every sink call, in order found. */
function calls(a: FileAnalysis): string[] {
  return a.calls.map((c) => `${c.call}@${c.line}`).sort();
}

/** `path=category` of every flow of every call. */
function flows(a: FileAnalysis): string[] {
  return a.calls.flatMap((c) => c.flows.map((f) => `${f.path}=${f.category ?? '-'}`)).sort();
}

/** `[event, wrapper, path=category of each flow]` of the calls reported at `line`. */
function callsAt(a: FileAnalysis, line: number) {
  return a.calls
    .filter((c) => c.line === line)
    .map((c) => [c.event, c.via?.wrapper, c.flows.map((f) => `${f.path}=${f.category ?? '-'}`)]);
}

before(async () => {
  await front.init();
  await front.init();
});

describe('python front end: imports and clients', () => {
  it('follows every import form to the SDK', () => {
    const a = analyze(
      [
        'import mixpanel, sentry_sdk',
        'import segment.analytics as analytics',
        'from posthog import Posthog as PH',
        'from sentry_sdk import set_user',
        'mixpanel.Mixpanel("t").track("u", "e")',
        'analytics.track("u", "e")',
        'PH("k").capture("e", distinct_id="u")',
        'set_user({"id": 1})',
        'sentry_sdk.set_tag("k", "v")',
      ].join('\n'),
    );
    // An imported class keeps its SDK name; a client made from it is named where it is bound.
    assert.deepEqual(calls(a), [
      'analytics.track@6',
      'mixpanel.Mixpanel(…).track@5',
      'posthog.Posthog(…).capture@7',
      'sentry_sdk.set_tag@9',
      'sentry_sdk.set_user@8',
    ]);
  });

  it('follows clients through assignments, aliases, self attributes and with', () => {
    const a = analyze(
      [
        'from mixpanel import Mixpanel',
        'import sentry_sdk',
        'mp = Mixpanel("t")',
        'mp2 = mp',
        'class A:',
        '    def go(self):',
        '        self.client.track("u", "e")',
        '    def __init__(self):',
        '        self.client = Mixpanel("t")',
        'mp2.track("u", "e")',
        'with sentry_sdk.new_scope() as scope:',
        '    scope.set_user({"id": 1})',
        'mp = make_other()',
        'mp.track("u", "e")',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), ['mp2.track@10', 'scope.set_user@12', 'self.client.track@7']);
  });

  it('keeps an SDK through `= None` fallbacks and `global` initialisation', () => {
    const a = analyze(
      [
        'try:',
        '    import sentry_sdk',
        'except ImportError:',
        '    sentry_sdk = None',
        'from mixpanel import Mixpanel',
        'mp = None',
        'def init(token):',
        '    global mp',
        '    mp = Mixpanel(token)',
        'def track(e):',
        '    mp.track("u", e)',
        'sentry_sdk.set_tag("k", "v")',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), ['mp.track@11', 'sentry_sdk.set_tag@12']);
  });

  it('reads a module-level client in a function defined above it', () => {
    const a = analyze(
      'from mixpanel import Mixpanel\ndef f(u):\n    mp.track(u, "e")\nmp = Mixpanel("t")\n',
    );
    assert.deepEqual(calls(a), ['mp.track@3']);
  });

  it('reads the type an SDK callback receives', () => {
    const a = analyze(
      'import sentry_sdk\nsentry_sdk.configure_scope(lambda s: s.set_user({"email": e}))\n',
    );
    assert.deepEqual(calls(a), ['s.set_user@2']);
  });
});

describe('python front end: arguments', () => {
  it('reads positional and keyword arguments by the sink definition', () => {
    const a = analyze(
      'from mixpanel import Mixpanel\nmp = Mixpanel("t")\nmp.track(event_name="Signed Up", distinct_id=user.id, properties={"email": user.email})\n',
    );
    assert.equal(a.calls[0]?.event, 'Signed Up');
    assert.deepEqual(flows(a), ['properties.email=user.contact.email', 'userId=user.unique_id']);
  });

  it('takes keywords from a known ** dict and gives up positions after an unknown *args', () => {
    const a = analyze(
      [
        'from mixpanel import Mixpanel',
        'mp = Mixpanel("t")',
        'kw = {"distinct_id": user.id}',
        'mp.track(**kw)',
        'mp.track(*args, properties={"phone": p.phone})',
      ].join('\n'),
    );
    assert.deepEqual(flows(a), [
      'properties.phone=user.contact.phone_number',
      'userId=user.unique_id',
    ]);
  });

  it('counts positions past an unknown ** (it gives keywords only), not past an unknown *args', () => {
    const a = analyze(
      [
        'import posthog',
        'posthog.capture("Signed Up", **options)',
        'posthog.capture("Viewed", distinct_id=user.id, **options)',
        'posthog.capture(user.id, "Called", **options)',
        'posthog.capture(*args, **options)',
      ].join('\n'),
    );
    // posthog-python 6.x `capture(event, **kwargs)`, then 3.x `capture(distinct_id, event, …)`.
    assert.deepEqual(callsAt(a, 2), [['Signed Up', undefined, []]]);
    assert.deepEqual(callsAt(a, 3), [['Viewed', undefined, ['userId=user.unique_id']]]);
    assert.deepEqual(callsAt(a, 4), [['Called', undefined, ['userId=user.unique_id']]]);
    // Positions unknown: the first sink is read, as before.
    assert.deepEqual(
      a.calls.filter((c) => c.line === 5).map((c) => c.call),
      ['posthog.capture'],
    );
  });

  it('reads a value as it was when assigned, the same with or without syntax errors around', () => {
    const src = [
      'from mixpanel import Mixpanel',
      'mp = Mixpanel("t")',
      'class A:',
      '    def __init__(self, user):',
      '        self.contact = user.email',
      '        props = {"a": self.contact}',
      '        self.contact = "x"',
      '        mp.track("u", "E", props)',
    ];
    const clean = analyze(src.join('\n'));
    const broken = analyze([...src, 'def broken(:', '    pass'].join('\n'));
    assert.deepEqual(flows(clean), ['properties.a=user.contact.email', 'userId=user.unique_id']);
    assert.equal(broken.problems.length, 1);
    assert.deepEqual(flows(broken), flows(clean));
  });

  it('checks configuration keywords, and not when **options may hold anything', () => {
    const hits = (src: string) => analyze(`import sentry_sdk\n${src}\n`).hits.map((h) => h.rule.id);
    assert.deepEqual(hits('sentry_sdk.init(dsn="d", send_default_pii=True)'), ['send-default-pii']);
    assert.deepEqual(hits('sentry_sdk.init(dsn="d", send_default_pii=False)'), []);
    assert.deepEqual(hits('sentry_sdk.init(dsn="d")'), []);
    assert.deepEqual(hits('opts = {"send_default_pii": True}\nsentry_sdk.init(**opts)'), [
      'send-default-pii',
    ]);
  });

  it('reports a hard-coded credential given to a setup call', () => {
    const a = analyze(
      'from segment.analytics import Client\nc = Client("wk", secret="sk_live_51H8fGkLmNoPqRsTuVwXyZ0123456789abcdefABCDEF")\n',
    );
    assert.deepEqual(
      a.hits.map((h) => [h.rule.id, h.at.line, h.at.column]),
      [['hard-coded-secret', 2, 25]],
    );
  });
});

const WRAPPERS = [
  'from mixpanel import Mixpanel',
  'mp = Mixpanel("t")',
  'def track(event, props=None):',
  '    mp.track(current_id(), event, props)',
  'def outer(e, p):',
  '    track(e, p)',
  'track("Viewed", {"email": user.email})',
  'track(props={"phone": user.phone}, event="Called")',
  'outer("x", {"ip": ip})',
].join('\n');

describe('python front end: wrappers', () => {
  it('reads calls of a wrapper with its sinks, reported where it is called with via', () => {
    const a = analyze(WRAPPERS);
    const via = a.calls.filter((c) => c.via !== undefined).sort((x, y) => x.line - y.line);
    assert.deepEqual(
      via.map((c) => [c.line, c.event, c.via?.wrapper, c.via?.line]),
      [
        [6, undefined, 'track', 3],
        [7, 'Viewed', 'track', 3],
        [8, 'Called', 'track', 3],
        [9, 'x', 'outer', 5],
      ],
    );
    assert.deepEqual(
      via[1]!.flows.map((f) => `${f.path}=${f.category}`),
      ['properties.email=user.contact.email'],
    );
    assert.deepEqual(
      via[2]!.flows.map((f) => `${f.path}=${f.category}`),
      ['properties.phone=user.contact.phone_number'],
    );
  });

  it('follows a wrapper of a wrapper: its calls are read with the SDK call at the end', () => {
    const a = analyze(WRAPPERS);
    const nine = a.calls.filter((c) => c.line === 9);
    assert.deepEqual(
      nine.map((c) => [c.call, c.via?.wrapper, c.flows.map((f) => `${f.path}=${f.category}`)]),
      [['mp.track', 'outer', ['properties.ip=user.device.ip_address']]],
    );
    assert.deepEqual(
      a.exports.map((e) => [e.name, e.line]),
      [
        ['track', 3],
        ['outer', 5],
      ],
    );
  });

  it('follows wrappers three levels deep, not four', () => {
    const a = analyze(
      [
        'from mixpanel import Mixpanel',
        'mp = Mixpanel("t")',
        'def one(p):',
        '    mp.track("u", "e", p)',
        'def two(p):',
        '    one(p)',
        'def three(p):',
        '    two(p)',
        'def four(p):',
        '    three(p)',
        'three({"email": user.email})',
        'four({"email": user.email})',
      ].join('\n'),
    );
    const at = (line: number) =>
      a.calls
        .filter((c) => c.line === line)
        .map((c) => [c.via?.wrapper, c.flows.map((f) => f.category)]);
    assert.deepEqual(at(11), [['three', ['user.contact.email']]]);
    assert.deepEqual(at(12), [], 'a fourth level is not followed');
    assert.deepEqual(
      a.exports.map((e) => e.name),
      ['one', 'two', 'three'],
    );
  });

  it('reads a key read out of **kwargs as the caller keyword argument of that name', () => {
    const a = analyze(
      [
        'import posthog',
        'def track(user_id, event, **props):',
        '    posthog.capture(user_id, event, {"a": props["email"], "b": props.get("plan", "free"), "c": props[k]})',
        'track(u, "E", email=user.email, plan="pro")',
        'track(u, "E", plan="pro")',
        'track(u, "E", **{"email": user.email})',
        'def outer(**kw):',
        '    track("u", kw["event"], email=kw["mail"])',
        'outer(event="F", mail=user.email)',
      ].join('\n'),
    );
    const at = (line: number) => callsAt(a, line);
    assert.deepEqual(at(4), [
      [
        'E',
        'track',
        ['userId=user.unique_id', 'properties.a=user.contact.email', 'properties.b=-'],
      ],
    ]);
    assert.deepEqual(at(5), [['E', 'track', ['userId=user.unique_id', 'properties.b=-']]]);
    assert.deepEqual(at(6), [
      ['E', 'track', ['userId=user.unique_id', 'properties.a=user.contact.email']],
    ]);
    assert.deepEqual(at(9), [['F', 'outer', ['properties.a=user.contact.email']]]);
    const [track] = a.exports;
    const sink = track?.ref.k === 'member' ? track.ref.member.sinks?.[0] : undefined;
    assert.deepEqual(
      sink?.args.map((s) => [s.index, s.keyword, s.role, s.key]),
      [
        [1, 'event', 'event-name', undefined],
        [0, 'user_id', 'identity', undefined],
        [undefined, 'email', 'value', 'a'],
        [undefined, 'plan', 'value', 'b'],
      ],
    );
  });

  it('reads a key popped out of **kwargs as the caller keyword argument, and not in the rest', () => {
    const a = analyze(
      [
        'import segment.analytics as analytics',
        'def track(event, **props):',
        '    user_id = props.pop("user_id")',
        '    analytics.identify(user_id, {"a": props.pop("email", None), "b": props.setdefault("ip", "")})',
        '    analytics.track(user_id, event, props)',
        'def scrubbed(event, **props):',
        '    kept = dict(props)',
        '    props.pop("email")',
        '    analytics.track("u", event, props)',
        '    analytics.track("u", event, kept)',
        'track("E", user_id=user.id, email=user.email, ip=ip_address, phone=user.phone)',
        'scrubbed("F", email=user.email, phone=user.phone)',
      ].join('\n'),
    );
    const at = (line: number) =>
      a.calls
        .filter((c) => c.line === line)
        .map((c) => [c.call, c.flows.map((f) => `${f.path}=${f.category ?? '-'}`)]);
    assert.deepEqual(at(11), [
      [
        'analytics.identify',
        ['userId=user.unique_id', 'traits.a=user.contact.email', 'traits.b=user.device.ip_address'],
      ],
      // `user_id` and `email` were popped out: only `ip` (left in by setdefault) and `phone` remain.
      [
        'analytics.track',
        [
          'userId=user.unique_id',
          'properties.ip=user.device.ip_address',
          'properties.phone=user.contact.phone_number',
        ],
      ],
    ]);
    // What was copied before the pop still holds the email.
    assert.deepEqual(at(12), [
      ['analytics.track', ['properties.phone=user.contact.phone_number']],
      [
        'analytics.track',
        ['properties.email=user.contact.email', 'properties.phone=user.contact.phone_number'],
      ],
    ]);
  });

  it('follows **kwargs copied whole or item by item before it is sent', () => {
    const wrappers = [
      'data = dict(props)',
      'data = dict(**props)',
      'data = props.copy()',
      'data = {**props}',
      'data = {}\n    data.update(**props)',
      'data = {}\n    for k, v in props.items():\n        data[k] = v',
      'data = {k: v for k, v in props.items()}',
    ];
    for (const copy of wrappers) {
      const a = analyze(
        [
          'import segment.analytics as analytics',
          'def track(event, **props):',
          `    ${copy}`,
          '    analytics.track("u", event, data)',
          'track("E", email=user.email)',
        ].join('\n'),
      );
      const last = a.calls.find((c) => c.via !== undefined);
      assert.deepEqual(
        last?.flows.map((f) => `${f.path}=${f.category}`),
        ['properties.email=user.contact.email'],
        copy,
      );
    }
  });

  it('follows **kwargs passed on whole to another wrapper, as if its caller called that one', () => {
    const a = analyze(
      [
        'import segment.analytics as analytics',
        'def send(event, **props):',
        '    analytics.track("u", event, props)',
        'def signup(plan, **extra):',
        '    send("Signed Up", plan=plan, **extra)',
        'def merged(**extra):',
        '    send("Merged", **{**extra, "source": "web"})',
        'def copied(**extra):',
        '    send("Copied", **extra.copy())',
        'def evented(**kw):',
        '    send(**kw)',
        'signup("pro", email=user.email)',
        'merged(phone=user.phone)',
        'copied(email=user.email)',
        'evented(event="Ev", email=user.email)',
      ].join('\n'),
    );
    const at = (line: number) => callsAt(a, line);
    assert.deepEqual(at(12), [
      ['Signed Up', 'signup', ['properties.plan=-', 'properties.email=user.contact.email']],
    ]);
    assert.deepEqual(at(13), [
      ['Merged', 'merged', ['properties.phone=user.contact.phone_number']],
    ]);
    assert.deepEqual(at(14), [['Copied', 'copied', ['properties.email=user.contact.email']]]);
    // The event name comes out of **kw too, and is not a property.
    assert.deepEqual(at(15), [['Ev', 'evented', ['properties.email=user.contact.email']]]);
  });

  it('does not forward through **kwargs what the wrappers name or pop, nor past three levels', () => {
    const a = analyze(
      [
        'import segment.analytics as analytics',
        'def send(event, **props):',
        '    analytics.track("u", event, props)',
        'def send_contact(event, email=None, **props):',
        '    props.pop("phone", None)',
        '    analytics.track("u", event, {"contact": email, **props})',
        'def named(email=None, **rest):',
        '    send("Named", **rest)',
        'def popped(**rest):',
        '    rest.pop("email")',
        '    send("Popped", **rest)',
        'def contact(**extra):',
        '    send_contact("Contact", **extra)',
        'def two(**a):',
        '    send("Deep", **a)',
        'def three(**b):',
        '    two(**b)',
        'def four(**c):',
        '    three(**c)',
        'named(email=user.email, plan=p)',
        'popped(email=user.email, plan=p)',
        'contact(email=user.email, phone=user.phone, ip=ip_address)',
        'three(email=user.email)',
        'four(email=user.email)',
      ].join('\n'),
    );
    const at = (line: number) =>
      a.calls
        .filter((c) => c.line === line)
        .map((c) => [c.via?.wrapper, c.flows.map((f) => `${f.path}=${f.category ?? '-'}`)]);
    assert.deepEqual(at(20), [['named', ['properties.plan=-']]]);
    assert.deepEqual(at(21), [['popped', ['properties.plan=-']]]);
    // The email is send_contact's named parameter; the phone is popped out by it.
    assert.deepEqual(at(22), [
      [
        'contact',
        ['properties.contact=user.contact.email', 'properties.ip=user.device.ip_address'],
      ],
    ]);
    assert.deepEqual(at(23), [['three', ['properties.email=user.contact.email']]]);
    assert.deepEqual(at(24), []);
    const sinkOf = (name: string) => {
      const e = a.exports.find((x) => x.name === name);
      const sink = e?.ref.k === 'member' ? e.ref.member.sinks?.[0] : undefined;
      return sink?.args.map((s) => [s.index, s.keyword, s.role, s.key, s.kwargs?.except]);
    };
    assert.deepEqual(sinkOf('named'), [
      [undefined, undefined, 'fields', undefined, ['email', 'event']],
    ]);
    assert.deepEqual(sinkOf('contact'), [
      [undefined, 'email', 'value', 'contact', undefined],
      [undefined, undefined, 'fields', undefined, ['event', 'email', 'phone']],
    ]);
    assert.deepEqual(
      a.exports.map((e) => e.name),
      ['send', 'send_contact', 'named', 'popped', 'contact', 'two', 'three'],
    );
  });

  it('takes a key deleted from **kwargs out of what is sent of it after the del', () => {
    const a = analyze(
      [
        'import segment.analytics as analytics',
        'def one(event, **props):',
        '    del props["email"]',
        '    analytics.track("u", event, props)',
        'def two(event, **props):',
        '    del props["email"], props["phone"]',
        '    analytics.track("u", event, props)',
        'def maybe(event, anonymous=False, **props):',
        '    if anonymous:',
        '        del (props["email"])',
        '    analytics.track("u", event, {**props, "source": "web"})',
        'def copied(event, **props):',
        '    kept = dict(props)',
        '    del props["email"]',
        '    analytics.track("u", event, kept)',
        'def computed(event, key, **props):',
        '    del props[key]',
        '    analytics.track("u", event, props)',
        'def later(event, **props):',
        '    analytics.track("u", event, props)',
        '    del props["email"]',
        'def forwarded(**rest):',
        '    del rest["email"]',
        '    one("Forwarded", **rest)',
        'def other(event, **props):',
        '    data = {"email": props.get("email")}',
        '    del data["email"]',
        '    analytics.track("u", event, props)',
        'one("E", email=user.email, phone=user.phone)',
        'two("E", email=user.email, phone=user.phone, ip=ip_address)',
        'maybe("E", email=user.email)',
        'copied("E", email=user.email)',
        'computed("E", "email", email=user.email)',
        'later("E", email=user.email)',
        'forwarded(email=user.email, phone=user.phone)',
        'other("E", email=user.email)',
      ].join('\n'),
    );
    const at = (line: number) => callsAt(a, line).map(([, , f]) => f);
    const email = 'properties.email=user.contact.email';
    assert.deepEqual(at(29), [['properties.phone=user.contact.phone_number']]);
    assert.deepEqual(at(30), [['properties.ip=user.device.ip_address']]);
    assert.deepEqual(at(31), [[]]);
    // A copy made before the del, a computed key, a del after the call, another dict: still sent.
    assert.deepEqual(at(32), [[email]]);
    assert.deepEqual(at(33), [[email]]);
    assert.deepEqual(at(34), [[email]]);
    assert.deepEqual(at(36), [[email]]);
    // Passed on to another wrapper without the deleted key.
    assert.deepEqual(at(35), [['properties.phone=user.contact.phone_number']]);
  });

  it('reads a key popped inside the SDK call as that argument, out of the dict it is popped from', () => {
    const a = analyze(
      [
        'import posthog',
        'import segment.analytics as analytics',
        'def positional(event, **props):',
        '    analytics.track(props.pop("user_id"), event, props)',
        'def named_first(e, **props):',
        '    posthog.capture(e, properties=props, distinct_id=props.pop("id"))',
        'def copied_first(e, **props):',
        '    posthog.capture(e, properties=dict(props), distinct_id=props.pop("id"))',
        'def copy_method_first(e, **props):',
        '    posthog.capture(e, properties=props.copy(), distinct_id=props.pop("id"))',
        'def spread_first(event, **props):',
        '    analytics.track("u", event, {**props, "contact": props.pop("email")})',
        'def spread_after(event, **props):',
        '    analytics.track(props.pop("user_id"), event, {**props, "source": "web"})',
        'def computed(event, key, **props):',
        '    analytics.track(props.pop(key), event, props)',
        'def then(event, **props):',
        '    analytics.identify(props.pop("user_id"))',
        '    analytics.track("u", event, props)',
        'positional("E", user_id=user.id, email=user.email)',
        'named_first("E", id=user.id, email=user.email)',
        'copied_first("E", id=user.id, email=user.email)',
        'copy_method_first("E", id=user.id, email=user.email)',
        'spread_first("E", email=user.email)',
        'spread_after("E", user_id=user.id, email=user.email)',
        'computed("E", "user_id", user_id=user.id)',
        'then("E", user_id=user.id, email=user.email)',
      ].join('\n'),
    );
    const at = (line: number) => callsAt(a, line).map(([, , f]) => f);
    const email = 'properties.email=user.contact.email';
    const userId = 'userId=user.unique_id';
    assert.deepEqual(at(20), [[userId, email]]);
    // `properties=props` is the dict itself: the pop of a later argument runs before the call.
    assert.deepEqual(at(21), [[userId, email]]);
    // A copy made by an earlier argument still holds the popped key.
    assert.deepEqual(at(22), [[userId, 'properties.id=user.unique_id', email]]);
    assert.deepEqual(at(23), [[userId, 'properties.id=user.unique_id', email]]);
    assert.deepEqual(at(24), [['properties.contact=user.contact.email', email]]);
    assert.deepEqual(at(25), [[userId, email]]);
    assert.deepEqual(at(26), [['properties.user_id=user.unique_id']]);
    assert.deepEqual(at(27), [[userId], [email]]);
  });

  it('reads **kwargs given whole to an SDK call by the SDK function parameters', () => {
    const a = analyze(
      [
        'import mixpanel',
        'import posthog',
        'import segment.analytics as analytics',
        'mp = mixpanel.Mixpanel("t")',
        'def capture(**kw):',
        '    posthog.capture(**kw)',
        'def capture_event(event, **kw):',
        '    posthog.capture(event, **kw)',
        'def track(**kw):',
        '    analytics.track(**kw)',
        'def identify(**kw):',
        '    analytics.identify(**kw)',
        'def mp_track(**kw):',
        '    mp.track(**kw)',
        'def mp_people(**kw):',
        '    mp.people_set(**kw)',
        'def named(properties=None, **kw):',
        '    posthog.capture(**kw)',
        'def popped(**kw):',
        '    kw.pop("properties", None)',
        '    posthog.capture(**kw)',
        'def given(**kw):',
        '    posthog.capture(**kw, properties={"plan": "pro"})',
        'def outer(**kw):',
        '    capture(**kw)',
        'capture(distinct_id=user.id, event="A", properties={"email": user.email}, other=user.phone)',
        'capture_event("B", distinct_id=user.id, properties={"email": user.email})',
        'track(user_id=user.id, event="C", properties={"email": user.email})',
        'identify(user_id=user.id, traits={"phone": user.phone})',
        'mp_track(distinct_id=user.id, event_name="D", properties={"email": user.email})',
        'mp_people(distinct_id=user.id, properties={"$phone": user.phone})',
        'named(event="E", properties={"email": user.email})',
        'popped(event="F", properties={"email": user.email})',
        'given(event="G", properties={"email": user.email}, email=user.email)',
        'outer(event="H", properties={"email": user.email})',
      ].join('\n'),
    );
    const email = 'properties.email=user.contact.email';
    const userId = 'userId=user.unique_id';
    assert.deepEqual(callsAt(a, 26), [['A', 'capture', [userId, email]]]);
    assert.deepEqual(callsAt(a, 27), [['B', 'capture_event', [userId, email]]]);
    assert.deepEqual(callsAt(a, 28), [['C', 'track', [userId, email]]]);
    assert.deepEqual(callsAt(a, 29), [
      [undefined, 'identify', [userId, 'traits.phone=user.contact.phone_number']],
    ]);
    assert.deepEqual(callsAt(a, 30), [['D', 'mp_track', [userId, email]]]);
    assert.deepEqual(callsAt(a, 31), [
      [undefined, 'mp_people', [userId, 'traits.$phone=user.contact.phone_number']],
    ]);
    // What the wrapper names, pops or gives itself is not the caller's to send.
    assert.deepEqual(callsAt(a, 32), [['E', 'named', []]]);
    assert.deepEqual(callsAt(a, 33), [['F', 'popped', []]]);
    assert.deepEqual(callsAt(a, 34), [['G', 'given', []]]);
    assert.deepEqual(callsAt(a, 35), [['H', 'outer', [email]]]);
    const sinkOf = (name: string) => {
      const e = a.exports.find((x) => x.name === name);
      const sink = e?.ref.k === 'member' ? e.ref.member.sinks?.[0] : undefined;
      return sink?.args.map((s) => [s.index, s.keyword, s.role, s.path]);
    };
    assert.deepEqual(sinkOf('capture_event'), [
      [0, 'event', 'event-name', undefined],
      [undefined, 'distinct_id', 'identity', 'userId'],
      [undefined, 'properties', 'fields', 'properties'],
      [undefined, 'groups', 'fields', 'groups'],
    ]);
    assert.deepEqual(sinkOf('mp_track'), [
      [undefined, 'event_name', 'event-name', undefined],
      [undefined, 'distinct_id', 'identity', 'userId'],
      [undefined, 'properties', 'fields', 'properties'],
    ]);
  });

  it('does not let a nested function forward its parent function parameters', () => {
    const a = analyze(
      'from mixpanel import Mixpanel\nmp = Mixpanel("t")\ndef f(props):\n    def g():\n        mp.track("u", "e", props)\n    g()\n',
    );
    assert.deepEqual(a.exports, []);
  });

  it('exports the wrapper methods of a module-level instance', () => {
    const a = analyze(
      [
        'from mixpanel import Mixpanel',
        'class Analytics:',
        '    def __init__(self):',
        '        self.mp = Mixpanel("t")',
        '    def track(self, event, props):',
        '        self.mp.track("u", event, props)',
        'analytics = Analytics()',
        'analytics.track("E", {"email": e})',
      ].join('\n'),
    );
    assert.deepEqual(
      a.exports.map((e) => e.name),
      ['analytics.track'],
    );
    assert.deepEqual(
      a.calls.filter((c) => c.via).map((c) => [c.line, c.event, c.via?.wrapper]),
      [[8, 'E', 'Analytics.track']],
    );
  });

  it("asks for other files' wrappers by the module as written and the imported name", () => {
    const asked: string[] = [];
    const [w] = analyze(WRAPPERS).exports;
    const wrapper = (from: string, spec: string, name: string): Ref[] | undefined => {
      asked.push(`${from}|${spec}|${name}`);
      return spec === '.analytics' && name === 'track' ? [w!.ref] : undefined;
    };
    const a = analyze(
      'from .analytics import track as t\nimport app.analytics\nt("E", {"email": e})\napp.analytics.other()\n',
      wrapper,
      'app/views.py',
    );
    assert.ok(asked.includes('app/views.py|.analytics|track'));
    assert.ok(asked.includes('app/views.py|app.analytics|other'));
    assert.deepEqual(
      a.calls.map((c) => [c.file, c.line, c.event, c.via?.wrapper]),
      [['app/views.py', 3, 'E', 'track']],
    );
  });
});

describe('python front end: bad input', () => {
  it('keeps values bounded when code doubles them line after line', () => {
    const lines = [
      'from mixpanel import Mixpanel',
      'mp = Mixpanel("t")',
      'x = "a"',
      'p = {"a": a}',
      'l = [a]',
    ];
    for (let i = 0; i < 40; i++)
      lines.push('x = x + x', 'p = {**p, **p}', 'l = l + l', 'p.update(p)');
    lines.push('mp.track("u", x, {"x": x, "l": l, **p})');
    const a = analyze(lines.join('\n'));
    assert.equal(a.calls.length, 1);
    assert.ok(a.calls[0]!.flows.length <= 1024, `${a.calls[0]!.flows.length} flows`);
    assert.ok((a.calls[0]!.event ?? '').length <= 4096);
  });
  it('reports syntax errors once per file and still reads around them', () => {
    const a = analyze(
      'import sentry_sdk\nsentry_sdk.set_tag("a", 1)\ndef broken(:\n    pass\nsentry_sdk.set_tag("b", 2)\n',
    );
    assert.equal(a.problems.length, 1);
    assert.match(a.problems[0]!.message, /^syntax errors: recovered \d+ \(first at line 3\)$/);
    assert.deepEqual(calls(a), ['sentry_sdk.set_tag@2', 'sentry_sdk.set_tag@5']);
  });

  it('reads calls nested deeper than the grammar usually goes, within 400 nested sites', () => {
    const deep = (open: string, close: string) =>
      analyze(
        `import sentry_sdk\nx = ${open.repeat(1000)}sentry_sdk.set_tag("a", 1)${close.repeat(1000)}`,
      );
    assert.deepEqual(calls(deep('[', ']')), ['sentry_sdk.set_tag@2']);
    assert.deepEqual(calls(deep('(', ')')), ['sentry_sdk.set_tag@2']);
    assert.deepEqual(calls(deep('f(', ')')), []);
  });

  it('never throws on garbage or deep nesting', () => {
    const inputs = [
      '\u0000\uffff\ud800',
      'import sentry_sdk\n' + '('.repeat(5000) + 'x',
      'sentry_sdk.' + '['.repeat(3000),
      'import sentry_sdk\n' + 'f('.repeat(5000) + 'sentry_sdk.set_tag("a", 1)',
      '"""',
    ];
    for (const text of inputs) assert.doesNotThrow(() => analyze(text));
  });
});
