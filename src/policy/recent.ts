/**
 * Bounded memories of recent results, in two generations. When the newer generation is full it
 * becomes the older one (the older one is dropped) and a new one starts; an entry found in the
 * older one is carried into the newer one. So what keeps coming back (a returning user's id, a
 * common user agent) stays remembered through a stream of values seen once, where a memory
 * emptied when full would forget everything at once.
 */

/** Two generations of any store, and when to roll them over. */
export class Generations<S> {
  /** The newer generation: entries are added here. */
  young: S;
  /** The older generation: read, and carried into the newer one when asked for. */
  old: S;
  private size = 0;

  /** Each generation holds at most `capacity` entries; `create` makes an empty store. */
  constructor(
    private readonly capacity: number,
    private readonly create: () => S,
  ) {
    this.young = create();
    this.old = create();
  }

  /**
   * Count one entry about to be added to the newer generation; when that one is full it
   * becomes the older one first. True when it rolled over (the caller's handle on the newer
   * store is then stale).
   */
  adding(): boolean {
    const rolled = this.size >= this.capacity;
    if (rolled) {
      this.old = this.young;
      this.young = this.create();
      this.size = 0;
    }
    this.size++;
    return rolled;
  }
}

/** A string-keyed memory of recent results. */
export interface Recent<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/** A memory of at most `limit` entries (`limit` ≥ 2), `limit / 2` per generation. */
export function createRecent<V>(limit: number): Recent<V> {
  const g = new Generations(Math.max(1, Math.floor(limit / 2)), () => new Map<string, V>());
  const set = (key: string, value: V): void => {
    g.adding();
    g.young.set(key, value);
  };
  return {
    get(key) {
      const v = g.young.get(key);
      if (v !== undefined) return v;
      const o = g.old.get(key);
      if (o !== undefined) set(key, o);
      return o;
    },
    set,
  };
}
