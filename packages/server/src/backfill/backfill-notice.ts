import { silentNotifier, type Notifier } from '../notifications/port.js';
import { reasonNeedsUser } from '../store/backfill-port.js';
import type { BackfillRow, MetadataStore } from '../store/port.js';

/**
 * Tells the user how a backfill ended: `backfill_completed` when it read and wrote everything;
 * when it ended other than cleanly (partial or failed; one they cancelled needs no notice), kind
 * `backfill_incomplete`, its most telling reason, and when that reason
 * needs them, the connection to act on and the permission to grant there. Ids and codes only.
 *
 * Which connection: a permission refusal is the source's (its read was refused); an auth
 * failure is whichever side the worker marked as needing re-authorisation.
 */
export async function noticeBackfillEnd(
  deps: { readonly store: MetadataStore; readonly notifier?: Notifier },
  backfill: BackfillRow,
): Promise<void> {
  if (backfill.status === 'succeeded') {
    await (deps.notifier ?? silentNotifier).notify({
      userId: backfill.userId,
      kind: 'backfill_completed',
      code: 'SW_BACKFILL_COMPLETED',
      ruleId: backfill.ruleId,
      backfillId: backfill.id,
    });
    return;
  }
  if (backfill.status !== 'partial' && backfill.status !== 'failed') return;
  const reason = backfill.reason ?? { code: 'SW_INTERNAL' as const, permission: null };
  let connectionId: string | undefined;
  if (reasonNeedsUser(reason.code)) {
    const rule = await deps.store.getRule(backfill.ruleId);
    if (rule !== null) {
      const [source, destination] = await Promise.all([
        deps.store.getConnection(rule.sourceConnectionId),
        deps.store.getConnection(rule.destinationConnectionId),
      ]);
      connectionId =
        reason.permission === null && destination !== null && destination.status !== 'active'
          ? destination.id
          : rule.sourceConnectionId;
      if (source === null && destination === null) connectionId = undefined;
    }
  }
  await (deps.notifier ?? silentNotifier).notify({
    userId: backfill.userId,
    kind: 'backfill_incomplete',
    code: reason.code,
    ruleId: backfill.ruleId,
    backfillId: backfill.id,
    ...(connectionId === undefined ? {} : { connectionId }),
    ...(reason.permission === null ? {} : { permission: reason.permission }),
  });
}
