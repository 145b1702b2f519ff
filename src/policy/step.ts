/** The policy as a pipeline step: `ok(minimized)` or `drop('policy_drop_event')`. */
import type { Policy } from '../config/policy.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import { drop, ok, type StepResult } from '../pipeline/result.js';
import { createPolicyTransform, type Minimized, type PolicyDeps } from './apply.js';

/** Compile `policy` for a destination into a named step (exceptions are the runner's concern). */
export function createPolicyStep(
  policy: Policy,
  deps: PolicyDeps,
): (event: CanonicalEvent) => StepResult<Minimized> {
  const transform = createPolicyTransform(policy, deps);
  return function policyStep(event) {
    const r = transform(event);
    return r === 'drop' ? drop('policy_drop_event') : ok(r);
  };
}
