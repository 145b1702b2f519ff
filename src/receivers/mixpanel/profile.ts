/**
 * One Mixpanel profile update (`/engage` user profiles, `/groups` group profiles) to canonical
 * identify / group event candidates, per docs/wire-mapping.md: the operation (`$set`,
 * `$set_once`, `$add`, `$union`, `$append`, `$remove`, `$unset`, `$delete`) → `operation`, its
 * values → `traits` (`$unset` names become `null` traits), `$ip` → `context.ip`, `$time` →
 * `timestamp`, `$group_key`/`$group_id` → `groupType`/`groupId`, the other `$` modifiers →
 * `context.mixpanel`. An update carrying several operations yields one event per operation.
 */
import { randomUUID } from 'node:crypto';
import { isObject } from '../body.js';
import { PROFILE_OPERATIONS } from '../../pipeline/event.js';
import { type Candidate, takeLatLon } from './event.js';
import { type Bag, compact, epochToIso, identities, takeId, takeString } from './fields.js';

type Operation = (typeof PROFILE_OPERATIONS)[number];

function traitsOf(op: Operation, v: unknown): Bag | string {
  if (op === '$delete') return {};
  if (op === '$unset') {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      return '$unset: must be a list of property names';
    return Object.fromEntries(v.map((k: string) => [k, null]));
  }
  return isObject(v) ? v : `${op}: must be a JSON object`;
}

function identity(r: Bag, groups: boolean): Bag | string {
  if (!groups)
    return identities(takeId(r, '$distinct_id'), takeId(r, '$device_id'), takeId(r, '$user_id'));
  const groupType = takeString(r, '$group_key');
  const groupId = takeId(r, '$group_id');
  if (groupType === undefined || groupId === undefined)
    return '(root): a group update needs $group_key and $group_id';
  // A group profile's subject is the group itself: no user identity (the canonical schema
  // accepts a group event with a groupType and no userId/anonymousId).
  return { groupType, groupId };
}

/**
 * Decode one update. `groups` selects `/groups` (group events) over `/engage` (identify
 * events); `requestIp` is the client address when the request asked for it (`ip=1`).
 */
export function decodeProfile(
  record: unknown,
  groups: boolean,
  requestIp: string | undefined,
): Candidate[] {
  if (!isObject(record)) return [{ problems: ['(root): a profile update is a JSON object'] }];
  const r: Bag = { ...record };
  const ops = PROFILE_OPERATIONS.filter((op) => Object.hasOwn(r, op));
  if (ops.length === 0) return [{ problems: ['(root): no profile operation ($set, $unset, …)'] }];
  const token = takeString(r, '$token');
  const who = identity(r, groups);
  if (typeof who === 'string') return [{ problems: [who] }];
  const values = new Map(ops.map((op) => [op, r[op]]));
  for (const op of ops) delete r[op];
  const ip = takeString(r, '$ip');
  const timestamp = r.$time === undefined ? undefined : epochToIso(r.$time);
  if (timestamp !== undefined) delete r.$time;
  const context = compact({
    ip: ip !== undefined && ip !== '0' ? ip : ip === '0' ? undefined : requestIp,
    location: takeLatLon(r),
    mixpanel: r,
  });
  return ops.map((op): Candidate => {
    const traits = traitsOf(op, values.get(op));
    if (typeof traits === 'string') return { problems: [traits] };
    const value = {
      type: groups ? 'group' : 'identify',
      ...who,
      operation: op,
      messageId: randomUUID(),
      ...compact({ timestamp, context }),
      traits,
    };
    return { value, token };
  });
}
