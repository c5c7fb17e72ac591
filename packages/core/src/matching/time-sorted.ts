/**
 * Items sorted by a numeric key (epoch ms) with a binary search over a Float64Array: the keys
 * sit in one contiguous block, so a lookup touches ~log2(n) cache lines and allocates nothing.
 * Equal keys keep their input order, so ties between candidates resolve the same way every run.
 */
export class TimeSorted<T> {
  readonly keys: Float64Array;
  readonly items: readonly T[];

  constructor(items: readonly T[], keyOf: (item: T) => number) {
    const keyed = items.map((item, index) => ({ item, index, key: keyOf(item) }));
    keyed.sort((x, y) => x.key - y.key || x.index - y.index);
    this.keys = Float64Array.from(keyed, (k) => k.key);
    this.items = keyed.map((k) => k.item);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The first index whose key is ≥ `key` (size when none is). */
  lowerBound(key: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
