/**
 * `target` with some methods replaced, everything else passed through bound to the original
 * (adapters keep private fields, which a plain prototype copy would break). Used to observe a
 * port at its seam without touching the adapter.
 */
export function overrideMethods<T extends object>(target: T, overrides: Partial<T>): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(inner, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(inner, property, inner);
      if (typeof value !== 'function') return value;
      let fn = bound.get(property);
      if (fn === undefined) {
        fn = (value as (...args: unknown[]) => unknown).bind(inner);
        bound.set(property, fn);
      }
      return fn;
    },
  });
}
