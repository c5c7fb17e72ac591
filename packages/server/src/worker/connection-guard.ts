import { ProviderError, type DataProvider } from '@syncwell/core';
import { raiseConnectionAlarm, type ConnectionAlarmDeps } from '../tokens/connection-alarms.js';

/**
 * Wraps one side of a sync so that an auth failure (401 after refresh, 403, 410 Gone) marks
 * exactly the connection that failed as `needs_reauth` and tells its owner: retrying cannot
 * help until the user reconnects, and the UI must say which account needs them.
 */
export function guardConnection(
  provider: DataProvider,
  connection: { readonly id: string; readonly userId: string },
  alarms: ConnectionAlarmDeps,
): DataProvider {
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ProviderError && error.retryClass === 'auth') {
        await raiseConnectionAlarm(alarms, connection, 'needs_reauth', error.code);
      }
      throw error;
    }
  };
  const findByTag = provider.findByTag?.bind(provider);
  const checkAccess = provider.checkAccess?.bind(provider);
  return {
    facts: provider.facts,
    read: (session, request) => guard(() => provider.read(session, request)),
    write: (session, items) => guard(() => provider.write(session, items)),
    ...(findByTag ? { findByTag: (session, item) => guard(() => findByTag(session, item)) } : {}),
    ...(checkAccess ? { checkAccess: (session) => guard(() => checkAccess(session)) } : {}),
  };
}
