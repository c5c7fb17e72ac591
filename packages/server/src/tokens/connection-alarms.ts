import type { ErrorCode } from '@syncwell/core';
import type { Notifier } from '../notifications/port.js';
import type { ConnectionStatus, MetadataStore } from '../store/port.js';

export interface ConnectionAlarmDeps {
  readonly store: Pick<MetadataStore, 'setConnectionStatus'>;
  readonly notifier: Notifier;
}

type AlarmStatus = Extract<ConnectionStatus, 'needs_reauth' | 'exhausted'>;

const KIND = { needs_reauth: 'connection_needs_reauth', exhausted: 'connection_exhausted' } as const;

/**
 * Moves a connection to a status only the user can leave (by reconnecting) and tells them:
 * a status nobody hears about is the "tokens that silently die" complaint of issue 4.
 * The inbox dedupes, so calling this on every failed job is safe.
 */
export async function raiseConnectionAlarm(
  deps: ConnectionAlarmDeps,
  connection: { readonly id: string; readonly userId: string },
  status: AlarmStatus,
  code: ErrorCode,
): Promise<void> {
  await deps.store.setConnectionStatus(connection.id, status);
  await deps.notifier.notify({
    userId: connection.userId,
    kind: KIND[status],
    connectionId: connection.id,
    code,
  });
}
