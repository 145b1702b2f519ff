/**
 * A bounded memory of recent results, in two generations of at most `limit / 2` entries each.
 * When the newer one is full it becomes the older one (the older one is dropped) and a new one
 * starts; an entry found in the older one is carried into the newer one. So what keeps coming
 * back (a returning user's id, a common user agent) stays remembered through a stream of values
 * seen once, where a memory emptied when full would forget everything at once.
 */
export interface Recent<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/** A memory of at most `limit` entries (`limit` ≥ 2). */
export function createRecent<V>(limit: number): Recent<V> {
  const half = Math.max(1, Math.floor(limit / 2));
  let young = new Map<string, V>();
  let old = new Map<string, V>();
  const set = (key: string, value: V): void => {
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };
  return {
    get(key) {
      const v = young.get(key);
      if (v !== undefined) return v;
      const o = old.get(key);
      if (o !== undefined) set(key, o);
      return o;
    },
    set,
  };
}
