import type { ConnectionStatus, RunStatus } from '../api/types.js';
import { RUN_STATUS_WORDS } from '../text/run-words.js';

const CONNECTION_WORDS: Readonly<Record<ConnectionStatus, string>> = {
  active: 'Connected',
  needs_reauth: 'Needs you to reconnect',
  exhausted: 'Stopped: reconnect',
  revoked: 'Disconnected',
};

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`badge ${status === 'active' ? 'badge-ok' : 'badge-warn'}`}>
      {CONNECTION_WORDS[status]}
    </span>
  );
}

export function RunBadge({ status }: { status: RunStatus }) {
  const tone =
    status === 'succeeded'
      ? 'badge-ok'
      : status === 'failed'
        ? 'badge-bad'
        : status === 'partial'
          ? 'badge-warn'
          : status === 'cancelled'
            ? 'badge-off'
            : 'badge-busy';
  return <span className={`badge ${tone}`}>{RUN_STATUS_WORDS[status]}</span>;
}
