import type { ProviderId } from '@syncwell/core';
import type { DeliveryChannel, MetadataStore, NewDelivery } from '../../store/port.js';
import { noticeOf } from '../message/notice.js';
import type { NotificationEvent, Notifier } from '../port.js';
import { noticeSubject } from './notice-subject.js';
import { quietUntil } from './quiet-hours.js';

export type DispatcherStore = Pick<
  MetadataStore,
  | 'getConnection'
  | 'listRuns'
  | 'listConflicts'
  | 'claimNoticeState'
  | 'getNotificationSettings'
  | 'listPushTargets'
  | 'enqueueDeliveries'
>;

export interface NotificationDispatcherDeps {
  readonly store: DispatcherStore;
  /** The in-app inbox: every announced notice lands there, whatever the preferences. */
  readonly inbox: Notifier;
  /** The outbound channels this deployment has configured. */
  readonly channels: ReadonlySet<DeliveryChannel>;
  readonly now: () => Date;
  /** "Strava" for `strava`: notices name the account in words. */
  readonly providerName?: (provider: ProviderId) => string | undefined;
}

/**
 * The notifier the roles use: announces each state change once (see noticeSubject), records it
 * in the inbox, and queues one delivery per enabled channel and target in the store's outbox,
 * deferred past the user's quiet hours. Sending happens off the caller's path, in the deliverer.
 */
export function createNotificationDispatcher(deps: NotificationDispatcherDeps): Notifier {
  return {
    async notify(event: NotificationEvent): Promise<void> {
      const now = deps.now();
      const connection =
        event.connectionId === undefined ? null : await deps.store.getConnection(event.connectionId);
      const subject = await noticeSubject(deps.store, event, connection, now);
      if (subject === null) return;
      if (!(await deps.store.claimNoticeState(event.userId, subject.subject, subject.state))) return;
      await deps.inbox.notify(event);
      if (deps.channels.size === 0) return;

      const settings = await deps.store.getNotificationSettings(event.userId);
      const enabled = (channel: DeliveryChannel) =>
        deps.channels.has(channel) &&
        !(settings?.disabled ?? []).some((d) => d.kind === event.kind && d.channel === channel);
      const providerName = connection === null ? undefined : deps.providerName?.(connection.provider);
      const notice = JSON.stringify(noticeOf(event, providerName));
      const notBefore = quietUntil(now, settings?.quietHours ?? null) ?? now;
      const base = { userId: event.userId, notice, notBefore };

      const deliveries: NewDelivery[] = [];
      for (const target of await deps.store.listPushTargets(event.userId)) {
        if (enabled(target.channel))
          deliveries.push({ ...base, channel: target.channel, targetId: target.id });
      }
      // Email goes to the account's address and the webhook to the operator's URL, looked up when sent.
      if (enabled('email')) deliveries.push({ ...base, channel: 'email' });
      if (enabled('webhook')) deliveries.push({ ...base, channel: 'webhook' });
      await deps.store.enqueueDeliveries(deliveries);
    },
  };
}
