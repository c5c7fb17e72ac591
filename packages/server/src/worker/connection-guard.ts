import { ProviderError, type DataProvider } from '@syncwell/core';
import type { MetadataStore } from '../store/port.js';

/**
 * Wraps one side of a sync so that an auth failure (401 after refresh, 403, 410 Gone) marks
 * exactly the connection that failed as `needs_reauth`: retrying cannot help until the user
 * reconnects, and the UI must say which account needs them.
 */
export function guardConnection(
  provider: DataProvider,
  connectionId: string,
  store: MetadataStore,
): DataProvider {
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ProviderError && error.retryClass === 'auth') {
        await store.setConnectionStatus(connectionId, 'needs_reauth');
      }
      throw error;
    }
  };
  const findByTag = provider.findByTag?.bind(provider);
  return {
    facts: provider.facts,
    read: (session, request) => guard(() => provider.read(session, request)),
    write: (session, items) => guard(() => provider.write(session, items)),
    ...(findByTag ? { findByTag: (session, item) => guard(() => findByTag(session, item)) } : {}),
  };
}
