/** Whole Python files: Django views calling SDKs or `core.analytics`, among filler. */
import { type CallGen, type Out, plant } from './out.js';
import { pyFiller, pyInd, pyStatement } from './python-filler.js';
import { EVENTS, NOUNS, PY_PROPS, cap, snake } from './vocabulary.js';

function pyProps(o: Out): { pre: string[]; expr: string } {
  const props = o.p.some(PY_PROPS, 1, 4).join(', ');
  const k = o.p.int(0, 2);
  if (k === 0) return { pre: [], expr: `{${props}}` };
  if (k === 1) return { pre: [`properties = {${props}}`], expr: 'properties' };
  return { pre: [`base = {"app": "backend", "release": RELEASE}`], expr: `{**base, ${props}}` };
}

/** Python SDK calls; `mp` and `analytics` are bound by the file's imports. */
const PY_CALLS: Readonly<Record<string, { imports: string[]; call: CallGen }>> = {
  mixpanel: {
    imports: ['from mixpanel import Mixpanel', '', 'mp = Mixpanel(settings.MIXPANEL_TOKEN)'],
    call: (o, ev) => {
      if (o.p.chance(0.25))
        return plant(o, 'mixpanel', [
          `mp.people_set(str(user.pk), {"$email": user.email, "$name": user.get_full_name()})`,
        ]);
      const { pre, expr } = pyProps(o);
      return plant(o, 'mixpanel', [...pre, `mp.track(str(user.pk), "${ev}", ${expr})`]);
    },
  },
  posthog: {
    imports: ['import posthog'],
    call: (o, ev) => {
      const { pre, expr } = pyProps(o);
      if (o.p.chance(0.5))
        return plant(o, 'posthog', [...pre, `posthog.capture(str(user.pk), "${ev}", ${expr})`]);
      return plant(o, 'posthog', [
        ...pre,
        `posthog.capture("${ev}", distinct_id=str(user.pk), properties=${expr})`,
      ]);
    },
  },
  sentry: {
    imports: ['import sentry_sdk'],
    call: (o) =>
      o.p.chance(0.5)
        ? plant(o, 'sentry', [
            `sentry_sdk.set_user({"id": user.pk, "email": user.email, "ip_address": request.META.get("REMOTE_ADDR")})`,
          ])
        : plant(
            o,
            'sentry',
            [
              `sentry_sdk.set_context("order", {"id": order.pk, "shipping": order.shipping_address})`,
              `sentry_sdk.set_tag("plan", account.plan)`,
            ],
            2,
          ),
  },
  segment: {
    imports: ['import segment.analytics as analytics'],
    call: (o, ev) => {
      if (o.p.chance(0.25))
        return plant(o, 'segment', [
          `analytics.identify(str(user.pk), {"email": user.email, "name": user.get_full_name()})`,
        ]);
      const { pre, expr } = pyProps(o);
      return plant(o, 'segment', [...pre, `analytics.track(str(user.pk), "${ev}", ${expr})`]);
    },
  },
};

function pyView(o: Out, calls: (ev: string) => string[]): string[] {
  const ev = o.p.one(EVENTS);
  const name = snake(ev.replace(/ /g, '')).slice(1);
  const body = [
    'order = get_object_or_404(Order, pk=pk, owner=request.user)',
    'user, account = request.user, request.user.account',
    ...pyStatement(o),
    ...calls(ev),
    'return JsonResponse({"ok": True, "id": order.pk})',
  ];
  if (o.p.chance(0.5))
    return ['', '', '@login_required', `def ${name}(request, pk):`, ...pyInd(body)];
  return [
    '',
    '',
    `class ${ev.replace(/ /g, '')}View(LoginRequiredMixin, View):`,
    `    def post(self, request, pk):`,
    ...pyInd(body, 2),
  ];
}

const PY_HEADER = [
  'import logging',
  '',
  'from django.conf import settings',
  'from django.contrib.auth.decorators import login_required',
  'from django.contrib.auth.mixins import LoginRequiredMixin',
  'from django.core.exceptions import ValidationError',
  'from django.db import models',
  'from django.http import JsonResponse',
  'from django.shortcuts import get_object_or_404',
  'from django.utils import timezone',
  'from django.views import View',
];

/** The imports and views of a Python file of `role` (plain files get none, or a decoy). */
function pyChunks(o: Out, role: string): { imports: string[]; chunks: string[][] } {
  const { p } = o;
  if (role === 'python-wrapper-caller') {
    const sites = p.int(1, 4);
    o.sites.python += sites;
    const call = (ev: string): string[] => {
      if (p.chance(0.2))
        return ['identify(str(user.pk), {"email": user.email, "plan": account.plan})'];
      const { pre, expr } = pyProps(o);
      return [...pre, `track(str(user.pk), "${ev}", ${expr})`];
    };
    const chunks = Array.from({ length: sites }, () => pyView(o, call));
    return { imports: ['', 'from core.analytics import identify, track'], chunks };
  }
  if (role === 'python-sdk') {
    const vendors = p.some(Object.keys(PY_CALLS), 1, 2);
    const chunks = Array.from({ length: p.int(1, 4) }, () =>
      pyView(o, (ev) => PY_CALLS[p.one(vendors)]!.call(o, ev)),
    );
    return { imports: ['', ...vendors.flatMap((v) => PY_CALLS[v]!.imports)], chunks };
  }
  // A plain file that happens to use a vendor's module name as a variable: the prefilter's cost.
  const decoy = [
    '',
    '',
    'def last_segment(path):',
    '    segment = path.rstrip("/").split("/")[-1]',
  ];
  return { imports: [], chunks: p.chance(0.05) ? [[...decoy, '    return segment']] : [] };
}
/** A Python file of `role` (`python-plain`, `python-sdk`, `python-wrapper-caller`); its lines. */
export function pyFile(o: Out, role: string): string[] {
  const { p } = o;
  const { imports, chunks } = pyChunks(o, role);
  const lines = [
    `"""${cap(p.one(NOUNS))} ${p.one(['views', 'services', 'models', 'helpers'])}."""`,
    ...PY_HEADER,
    ...imports,
    '',
    'logger = logging.getLogger(__name__)',
    `RELEASE = "${p.int(1, 9)}.${p.int(0, 40)}"`,
  ];
  const target = p.lines();
  let next = 0;
  while (lines.length < target || next < chunks.length) {
    if (next < chunks.length && (lines.length >= target || p.chance(0.3)))
      lines.push(...chunks[next++]!);
    else lines.push(...pyFiller(o));
  }
  return lines;
}
