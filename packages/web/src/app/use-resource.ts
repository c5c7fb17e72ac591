import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'ready'; readonly value: T };

/** Loads once per `key`; `reload` asks again. Values stay in component memory, never in storage. */
export function useResource<T>(key: string, load: () => Promise<T>): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResource({ state: 'ready', value }),
      (error: unknown) => live && setResource({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` and `generation` say when to ask again.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return [resource, reload];
}
