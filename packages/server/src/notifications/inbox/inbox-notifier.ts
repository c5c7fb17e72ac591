import type { MetadataStore } from '../../store/port.js';
import type { NotificationEvent, Notifier } from '../port.js';

/**
 * The in-app inbox adapter: one row per event in the store, deduplicated there (one open
 * notification per connection and kind), so hourly failures of one account do not fill the inbox.
 */
export function createInboxNotifier(store: Pick<MetadataStore, 'createNotification'>): Notifier {
  return {
    async notify(event: NotificationEvent): Promise<void> {
      await store.createNotification({
        userId: event.userId,
        kind: event.kind,
        code: event.code,
        ...(event.connectionId === undefined ? {} : { connectionId: event.connectionId }),
        ...(event.ruleId === undefined ? {} : { ruleId: event.ruleId }),
        ...(event.runId === undefined ? {} : { runId: event.runId }),
        ...(event.backfillId === undefined ? {} : { backfillId: event.backfillId }),
        ...(event.permission === undefined ? {} : { permission: event.permission }),
      });
    },
  };
}
