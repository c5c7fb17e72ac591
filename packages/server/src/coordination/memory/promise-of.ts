/**
 * Runs `fn` now (so in-process check-and-charge stays atomic) and turns a throw into a rejected
 * promise, as a network adapter would report it: callers handle both adapters' errors alike.
 */
export function promiseOf<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    resolve(fn());
  });
}
