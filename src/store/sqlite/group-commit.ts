/**
 * Group commit: calls to `add` made before the next `setImmediate` are committed together by
 * one `commit` call (one transaction), so a burst of requests costs one fsync, not one each.
 */

/**
 * Commits every group in one transaction. Returns, per group and in order, `undefined` when the
 * group's items were committed or the error that rolled back that group alone; throws when the
 * whole transaction failed (then no group was committed).
 */
export type CommitGroups<T> = (groups: readonly (readonly T[])[]) => (Error | undefined)[];

/** A group-commit queue. */
export interface GroupCommit<T> {
  /** Queue items; resolves after the transaction holding them committed, rejects if it failed. */
  add(items: readonly T[]): Promise<void>;
  /** Items queued and not yet committed. */
  pending(): number;
  /** Commit what is queued now (synchronously), settling the callers' promises. */
  flush(): void;
}

interface Waiter<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

/** Create a group-commit queue over `commit`. */
export function createGroupCommit<T>(commit: CommitGroups<T>): GroupCommit<T> {
  let waiters: Waiter<T>[] = [];
  let count = 0;
  let scheduled: NodeJS.Immediate | undefined;

  function flush(): void {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    const batch = waiters;
    waiters = [];
    count = 0;
    if (batch.length === 0) return;
    let outcomes: (Error | undefined)[];
    try {
      outcomes = commit(batch.map((w) => w.items));
    } catch (e) {
      for (const w of batch) w.reject(e as Error);
      return;
    }
    batch.forEach((w, i) => {
      const err = outcomes[i];
      if (err === undefined) w.resolve();
      else w.reject(err);
    });
  }

  return {
    add(items) {
      return new Promise<void>((resolve, reject) => {
        waiters.push({ items, resolve, reject });
        count += items.length;
        scheduled ??= setImmediate(flush);
      });
    },
    pending: () => count,
    flush,
  };
}
