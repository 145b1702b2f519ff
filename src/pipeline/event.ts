/**
 * The canonical event: the Segment spec shape every receiver decodes into and every exporter
 * encodes from. Validation reports every problem with its dotted path.
 */
import { z } from 'zod';
import { isCanonicalIso } from './time.js';

const json = z.record(z.string(), z.unknown());
const id = z.union([z.string().min(1).max(1024), z.number().finite()]).transform((v) => String(v));

const page = z.looseObject({
  url: z.string().max(65_536).optional(),
  referrer: z.string().max(65_536).optional(),
  path: z.string().max(65_536).optional(),
  title: z.string().max(65_536).optional(),
  search: z.string().max(65_536).optional(),
});

const context = z.looseObject({
  ip: z.string().max(64).optional(),
  userAgent: z.string().max(8192).optional(),
  locale: z.string().max(64).optional(),
  page: page.optional(),
});

/**
 * Profile operations (Mixpanel `/engage` and `/groups`, PostHog `$set_once`, Amplitude identify
 * operations) carried on identify/group events as the top-level `operation` field; absent means
 * `$set`. `$unset` and `$remove` name the traits affected; `$delete` deletes the profile.
 */
export const PROFILE_OPERATIONS = [
  '$set',
  '$set_once',
  '$add',
  '$union',
  '$append',
  '$remove',
  '$unset',
  '$delete',
] as const;

/** Event types of the Segment spec. */
export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

/** Zod schema of a canonical event; unknown top-level fields are kept (they are data too). */
export const CanonicalEventSchema = z
  .looseObject({
    type: z.enum(EVENT_TYPES),
    event: z.string().min(1).max(1024).optional(),
    name: z.string().max(1024).optional(),
    userId: id.optional(),
    anonymousId: id.optional(),
    groupId: id.optional(),
    previousId: id.optional(),
    messageId: z.string().min(1).max(1024).optional(),
    operation: z.enum(PROFILE_OPERATIONS).optional(),
    groupType: z
      .string()
      .regex(/^[A-Za-z0-9_$.: -]{1,128}$/, { message: 'a group type is a short name' })
      .optional(),
    timestamp: z.string().max(64).optional(),
    sentAt: z.string().max(64).optional(),
    context: context.optional(),
    properties: json.optional(),
    traits: json.optional(),
    integrations: json.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'track' && e.event === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['event'],
        message: 'a track event needs an event name',
      });
    // A group profile update (a group event with a group type) concerns a group, not a user.
    const groupProfile = e.type === 'group' && e.groupType !== undefined;
    if (e.userId === undefined && e.anonymousId === undefined && !groupProfile)
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'needs userId or anonymousId' });
    if (e.type === 'group' && e.groupId === undefined)
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'a group event needs groupId' });
    if (e.type === 'alias' && e.previousId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['previousId'],
        message: 'an alias event needs previousId',
      });
    if (
      e.timestamp !== undefined &&
      !isCanonicalIso(e.timestamp) &&
      Number.isNaN(Date.parse(e.timestamp))
    )
      ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'not an ISO 8601 date-time' });
  });

/** A validated canonical event. Ids are strings. */
export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>;

const compiled = z.compile(CanonicalEventSchema);

/** Result of parsing: the event, or every problem as `dotted.path: message`. */
export type ParseResult =
  | { readonly ok: true; readonly event: CanonicalEvent }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Render zod issues as `dotted.path: message` lines. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map(
    (i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`,
  );
}

/** Validate `value` as a canonical event. Never throws. */
export function parseCanonical(value: unknown): ParseResult {
  const r = compiled.safeParse(value);
  return r.success
    ? { ok: true, event: r.data }
    : { ok: false, problems: formatIssues(r.error.issues) };
}
