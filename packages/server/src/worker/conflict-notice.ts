import type { SyncStatePort } from '@syncwell/core';
import type { Logger } from 'pino';
import type { Notifier } from '../notifications/port.js';
import type { RunRow } from '../store/port.js';

/**
 * The engine's state port, telling the user when a run stores conflicts that wait for them
 * (kind `conflict_waiting`). The notifier announces a rule's waiting conflicts once until they
 * are answered, so a run that adds more to an unanswered list is not news. Best effort: a
 * failed notice is logged and the run goes on (the conflicts are stored either way).
 */
export function withConflictNotice<S extends SyncStatePort>(
  state: S,
  run: Pick<RunRow, 'id' | 'ruleId' | 'userId'>,
  notifier: Notifier,
  logger: Logger,
): S {
  const noticing: Pick<SyncStatePort, 'recordConflicts'> = {
    async recordConflicts(conflicts) {
      await state.recordConflicts(conflicts);
      if (conflicts.length === 0) return;
      await notifier
        .notify({
          userId: run.userId,
          kind: 'conflict_waiting',
          code: 'SW_ITEM_CONFLICT_PENDING',
          ruleId: run.ruleId,
          runId: run.id,
        })
        .catch((error: unknown) =>
          logger.warn(
            { runId: run.id, err: { message: (error as Error).message } },
            'conflict notice failed',
          ),
        );
    },
  };
  // Every other method is the state's own (the store's methods are closures, not bound to `this`).
  return Object.assign(Object.create(state) as S, noticing);
}
